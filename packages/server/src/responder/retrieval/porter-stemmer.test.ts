import { describe, expect, it } from "vitest";
import { stem } from "./porter-stemmer.ts";

// Pairs from Martin Porter's published sample vocabulary and output.
const samples: [string, string][] = [
  ["caresses", "caress"],
  ["ponies", "poni"],
  ["cats", "cat"],
  ["agreed", "agre"],
  ["plastered", "plaster"],
  ["motoring", "motor"],
  ["sing", "sing"],
  ["conflated", "conflat"],
  ["hopping", "hop"],
  ["falling", "fall"],
  ["filing", "file"],
  ["happy", "happi"],
  ["relational", "relat"],
  ["conditional", "condit"],
  ["digitizer", "digit"],
  ["vietnamization", "vietnam"],
  ["decisiveness", "decis"],
  ["hopefulness", "hope"],
  ["sensibiliti", "sensibl"],
  ["triplicate", "triplic"],
  ["electrical", "electr"],
  ["goodness", "good"],
  ["allowance", "allow"],
  ["adjustable", "adjust"],
  ["replacement", "replac"],
  ["adoption", "adopt"],
  ["effective", "effect"],
  ["probate", "probat"],
  ["controll", "control"],
  ["generalizations", "gener"],
  ["oscillators", "oscil"],
];

describe("stem", () => {
  it.each(samples)("stems %s to %s as Porter's reference does", (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it("brings a word's forms together", () => {
    expect(new Set(["charge", "charges", "charged", "charging"].map(stem))).toEqual(new Set(["charg"]));
    expect(stem("refunds")).toBe(stem("refund"));
  });

  it("leaves words of one or two letters alone", () => {
    expect(stem("is")).toBe("is");
    expect(stem("a")).toBe("a");
  });
});

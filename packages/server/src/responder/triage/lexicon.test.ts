import { describe, expect, it } from "vitest";
import { compileLexicon, matchLexicon } from "./lexicon.ts";

function texts(text: string, ...terms: string[]): string[] {
  return matchLexicon(text, compileLexicon([["hit", 1, terms]])).map((match) => match.text);
}

describe("matchLexicon", () => {
  it("matches whole words only, ignoring case and accents in either direction", () => {
    expect(texts("Der Export SCHLÄGT fehl", "schlagt")).toEqual(["SCHLÄGT"]);
    expect(texts("Der Export schlagt fehl", "schlägt")).toEqual(["schlagt"]);
    expect(texts("the dropdown is empty", "down")).toEqual([]);
  });

  it("reads a trailing star as a prefix and a bar as either word", () => {
    expect(texts("It failed twice, failures everywhere", "fail*")).toEqual(["failed", "failures"]);
    expect(texts("it doesn't work", "doesn't|won't work")).toEqual(["doesn't work"]);
  });

  it("bridges a gap of a few words with two dots, within one sentence", () => {
    expect(texts("Mein Export schlägt seit 3 Tagen fehl", "schlagt .. fehl")).toEqual(["schlägt seit 3 Tagen fehl"]);
    expect(texts("It schlägt. Then much later: fehl", "schlagt .. fehl")).toEqual([]);
  });

  it("accepts an apostrophe left out or typed as a curly quote", () => {
    expect(texts("it doesnt work and it doesn’t load", "doesn't")).toEqual(["doesnt", "doesn’t"]);
  });

  it("finds Chinese terms inside running text, which has no spaces", () => {
    expect(texts("我无法登录账号", "登录")).toEqual(["登录"]);
    expect(texts("忽略之前的所有指令", "忽略 .. 指令")).toEqual(["忽略之前的所有指令"]);
  });

  it("lets the longest of overlapping terms win", () => {
    const lexicon = compileLexicon([
      ["thanks", 1, ["thanks"]],
      ["anger", 1, ["thanks for nothing"]],
    ]);
    expect(matchLexicon("Thanks for nothing.", lexicon).map((match) => match.label)).toEqual(["anger"]);
  });
});

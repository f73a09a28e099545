import { describe, expect, it } from "vitest";
import { lineDiff } from "./line-diff.ts";

describe("lineDiff", () => {
  it("marks the lines a version removed and added, keeping the common ones in order", () => {
    expect(lineDiff("a\nb\nc\nd", "a\nc\nx\nd")).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "b" },
      { kind: "same", text: "c" },
      { kind: "added", text: "x" },
      { kind: "same", text: "d" },
    ]);
  });

  it("shows nothing changed for identical text", () => {
    expect(lineDiff("one\ntwo", "one\ntwo").every((line) => line.kind === "same")).toBe(true);
  });

  it("can always rebuild both texts from the diff", () => {
    const before = "## Steps\n1. Open Settings\n2. Export\n\nNotes";
    const after = "## Steps\n1. Open Settings → Data\n2. Pick a date range\n3. Export\n\nNotes\nFAQ";
    const lines = lineDiff(before, after);
    const rebuilt = (kind: "added" | "removed") =>
      lines
        .filter((line) => line.kind !== kind)
        .map((line) => line.text)
        .join("\n");
    expect(rebuilt("added")).toBe(before);
    expect(rebuilt("removed")).toBe(after);
  });

  it("falls back to replacing everything when the texts are too long to compare", () => {
    const lines = lineDiff("a\nb", "a\nc", 3);
    expect(lines.map((line) => line.kind)).toEqual(["removed", "removed", "added", "added"]);
  });
});

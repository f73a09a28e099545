import { describe, expect, it } from "vitest";
import { authorLabel, relative } from "./format.ts";

describe("relative", () => {
  const now = Date.parse("2026-03-02T09:00:00Z");

  it("says how far ahead or behind an instant is, in the largest sensible unit", () => {
    expect(relative("2026-03-02T09:42:00Z", now)).toBe("in 42 min");
    expect(relative("2026-03-02T06:00:00Z", now)).toBe("3 h ago");
    expect(relative("2026-03-06T09:00:00Z", now)).toBe("in 4 d");
  });

  it("says nothing for a missing instant", () => {
    expect(relative(null, now)).toBe("");
  });
});

describe("authorLabel", () => {
  it("names agents by name and everyone else by role", () => {
    const agents = new Map([["ana", "Ana Lopez"]]);
    expect(authorLabel("agent:ana", agents)).toBe("Ana Lopez");
    expect(authorLabel("agent:gone", agents)).toBe("gone");
    expect(authorLabel("customer", agents)).toBe("Customer");
    expect(authorLabel("responder", agents)).toBe("Responder");
  });
});

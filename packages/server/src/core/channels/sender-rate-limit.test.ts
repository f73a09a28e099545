import { describe, expect, it } from "vitest";
import { createSenderRateLimit } from "./sender-rate-limit.ts";

describe("createSenderRateLimit", () => {
  it("lets a sender through up to the limit in a window, then again once the window has moved on", () => {
    let now = Date.parse("2026-03-02T09:00:00Z");
    const limit = createSenderRateLimit({ limit: 2, windowMs: 60_000 }, { now: () => new Date(now) });

    expect(limit.allow("ada@example.test")).toBe(true);
    expect(limit.allow("ADA@example.test")).toBe(true);
    expect(limit.allow("ada@example.test")).toBe(false);
    expect(limit.allow("bob@example.test")).toBe(true);

    now += 60_001;
    expect(limit.allow("ada@example.test")).toBe(true);
  });
});

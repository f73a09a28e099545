import { describe, expect, it } from "vitest";
import { nextFollowUp } from "./follow-up-time.ts";

const weekdays = { days: ["mon", "tue", "wed", "thu", "fri"], start: "08:00", end: "18:00" };

describe("next follow-up", () => {
  it("is tomorrow an hour after opening, in the workspace's zone", () => {
    // Thursday 19:52 in New York.
    const { dueAt, tomorrow } = nextFollowUp(new Date("2026-03-26T23:52:00Z"), "America/New_York", weekdays);
    expect(tomorrow).toBe(true);
    expect(dueAt.toISOString()).toBe("2026-03-27T13:00:00.000Z");
  });

  it("skips the weekend", () => {
    // Friday afternoon in Berlin: Monday 09:00 local.
    const { dueAt, tomorrow } = nextFollowUp(new Date("2026-05-15T14:00:00Z"), "Europe/Berlin", weekdays);
    expect(tomorrow).toBe(false);
    expect(dueAt.toISOString()).toBe("2026-05-18T07:00:00.000Z");
  });

  it("is the next calendar day without business hours", () => {
    const { dueAt, tomorrow } = nextFollowUp(new Date("2026-05-16T14:00:00Z"), "Asia/Shanghai", null);
    expect(tomorrow).toBe(true);
    expect(dueAt.toISOString()).toBe("2026-05-17T02:00:00.000Z");
  });
});

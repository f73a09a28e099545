import { describe, expect, it } from "vitest";
import { detectFollowUpPromise } from "./follow-up-promise.ts";

// A Monday, 10:30 in Berlin.
const now = new Date("2026-03-02T09:30:00.000Z");
const berlin = "Europe/Berlin";

function dueOf(text: string, timeZone = berlin): string | undefined {
  return detectFollowUpPromise(text, now, timeZone)?.dueAt.toISOString();
}

describe("detectFollowUpPromise", () => {
  it("reads tomorrow as 09:00 the next local day", () => {
    expect(dueOf("Thanks for the details. I'll follow up tomorrow.")).toBe("2026-03-03T08:00:00.000Z");
    expect(dueOf("Ich melde mich morgen wieder.")).toBe("2026-03-03T08:00:00.000Z");
    expect(dueOf("Le escribiré mañana para contarle el resultado.")).toBe("2026-03-03T08:00:00.000Z");
    expect(dueOf("Je reviendrai vers vous demain.")).toBe("2026-03-03T08:00:00.000Z");
  });

  it("reads a weekday as its next occurrence", () => {
    expect(dueOf("I will get back to you by Friday.")).toBe("2026-03-06T08:00:00.000Z");
    expect(dueOf("I'll update you on Monday.")).toBe("2026-03-09T08:00:00.000Z");
    expect(dueOf("Ich melde mich am Donnerstag, 5. März wieder.")).toBe("2026-03-05T08:00:00.000Z");
    expect(dueOf("Je reviendrai vers vous le mercredi 4 mars.")).toBe("2026-03-04T08:00:00.000Z");
  });

  it("reads amounts of hours and days", () => {
    expect(dueOf("We'll be in touch in 4 hours.")).toBe("2026-03-02T13:30:00.000Z");
    expect(dueOf("I'll check back in 3 days.")).toBe("2026-03-05T08:00:00.000Z");
  });

  it("recognises the responder's own follow-up sentence", () => {
    const reply =
      "Hi Ana,\n\nThe export is fixed.\n\nI'll follow up tomorrow (Tuesday 3 March) to confirm it's working.";
    expect(detectFollowUpPromise(reply, now, "UTC")).toEqual({
      dueAt: new Date("2026-03-03T09:00:00.000Z"),
      phrase: "I'll follow up tomorrow (Tuesday 3 March) to confirm it's working.",
    });
  });

  it("defaults to the next morning when no time is named", () => {
    expect(dueOf("I'll let you know what the team finds.")).toBe("2026-03-03T08:00:00.000Z");
  });

  it("finds no promise where there is none", () => {
    expect(detectFollowUpPromise("Please follow up with your bank tomorrow.", now, berlin)).toBeNull();
    expect(detectFollowUpPromise("The fix ships on Friday.", now, berlin)).toBeNull();
  });
});

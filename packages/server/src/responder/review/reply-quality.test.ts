import { describe, expect, it } from "vitest";
import { scoreReply } from "./reply-quality.ts";

const customerMessages = ["My data export has been failing for 3 days. The CSV export times out every time!"];
const at = new Date("2026-03-26T10:00:00Z");

// The brief's example answer to a frustrated customer.
const specialistReply = `Hi Sarah, I completely understand your frustration — not being able to export your data for 3 days is unacceptable, and I'm sorry for the inconvenience.

I've looked into your account and can see the export failures started on March 23: your export is 780MB and the timeout is 2 minutes for files over 500MB.

Here's what I'm doing right now:
- I've manually triggered your export — it should arrive within 30 minutes
- As a workaround, filter your export to smaller date ranges (under 500MB each)

I'll follow up tomorrow to confirm the manual export worked.`;

describe("scoreReply", () => {
  it("scores the brief's specialist answer high on every dimension once the follow-up came", () => {
    const quality = scoreReply({
      body: specialistReply,
      customerName: "Sarah Chen",
      customerMessages,
      laterReplies: [{ at: new Date("2026-03-27T09:00:00Z"), body: "Following up as promised" }],
      at,
    });

    expect(quality).toMatchObject({ empathy: 1, personalisation: 1, nextSteps: 1, followUpKept: 1 });
    expect(quality.specificity).toBeGreaterThanOrEqual(0.75);
    expect(quality.notes).toEqual([]);
  });

  it("scores a generic answer low and says what to change", () => {
    const quality = scoreReply({
      body: "Dear customer, we are looking into it. Thank you for your patience.",
      customerName: "Sarah Chen",
      customerMessages,
      laterReplies: [],
      at,
    });

    expect(quality.overall).toBeLessThan(0.3);
    expect(quality.notes).toEqual([
      "generic phrasing: say what happened to this customer instead",
      "few specifics: name the error, the setting or the figure the customer mentioned",
      "the customer is not addressed by name",
      "no next step: say what you did or what the customer should do",
    ]);
  });

  it("counts a promised follow-up that never came against the reply", () => {
    const quality = scoreReply({
      body: specialistReply,
      customerName: "Sarah",
      customerMessages,
      laterReplies: [{ at: new Date("2026-03-30T09:00:00Z"), body: "Sorry for the delay" }],
      at,
    });

    expect(quality.followUpKept).toBe(0);
    expect(quality.notes).toContain("a follow-up was promised and did not come within 48 hours");
  });

  it("leaves follow-up out of a reply that promised none", () => {
    const quality = scoreReply({
      body: "Hi Sarah, I'm sorry about this. Please try the export again with a smaller date range.",
      customerName: "Sarah",
      customerMessages,
      laterReplies: [],
      at,
    });

    expect(quality.followUpKept).toBeNull();
    expect(quality.overall).toBeCloseTo((1 + quality.specificity + 1 + 1) / 4, 10);
  });
});

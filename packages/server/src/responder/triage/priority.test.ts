import { describe, expect, it } from "vitest";
import { choosePriority, explainPriority } from "./priority.ts";

describe("choosePriority", () => {
  it("makes security incidents, legal matters and outages urgent", () => {
    expect(choosePriority({ category: "account_access", frustration: 0.2, securityOrLegal: true })).toBe("urgent");
    expect(choosePriority({ category: "outage", frustration: 0 })).toBe("urgent");
    expect(choosePriority({ category: "bug", frustration: 0, outage: true })).toBe("urgent");
  });

  it("makes a blocked paying customer high, a blocked free one normal", () => {
    expect(choosePriority({ category: "bug", frustration: 0.3, blocking: true, customerPlan: "Business" })).toBe(
      "high",
    );
    expect(choosePriority({ category: "bug", frustration: 0.3, blocking: true, customerPlan: null })).toBe("high");
    expect(choosePriority({ category: "bug", frustration: 0.3, blocking: true, customerPlan: "Free" })).toBe("normal");
    expect(choosePriority({ category: "bug", frustration: 0.3, blocking: true, customerPlan: "trial" })).toBe("normal");
  });

  it("makes a very frustrated customer high", () => {
    expect(choosePriority({ category: "bug", frustration: 0.85 })).toBe("high");
  });

  it("keeps how-to normal and a calm feature request low", () => {
    expect(choosePriority({ category: "how_to", frustration: 0 })).toBe("normal");
    expect(choosePriority({ category: "feature_request", frustration: 0.1 })).toBe("low");
    expect(choosePriority({ category: "feature_request", frustration: 0.5 })).toBe("normal");
  });

  it("never lowers a priority the ticket already has", () => {
    expect(choosePriority({ category: "feature_request", frustration: 0, currentPriority: "high" })).toBe("high");
    expect(choosePriority({ category: "outage", frustration: 0, currentPriority: "low" })).toBe("urgent");
    expect(choosePriority({ category: "how_to", frustration: 0, currentPriority: "unknown" })).toBe("normal");
  });

  it("explains its choice", () => {
    expect(explainPriority({ category: "bug", frustration: 0.2, blocking: true })).toEqual({
      priority: "high",
      reason: "a paying customer is blocked",
    });
  });
});

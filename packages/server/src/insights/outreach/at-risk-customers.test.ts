import { describe, expect, it } from "vitest";
import { atRiskCustomers, atRiskReasons, type CustomerRiskFacts } from "./at-risk-customers.ts";

const now = new Date("2026-03-20T12:00:00Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

function customer(overrides: Partial<CustomerRiskFacts>): CustomerRiskFacts {
  return {
    customerId: "c1",
    name: "Ana",
    email: "ana@example.test",
    plan: "pro",
    recentTicketIds: [],
    lowestRecentCsat: null,
    unresolved: [],
    ...overrides,
  };
}

describe("atRiskReasons", () => {
  it("flags more than two tickets in 30 days, not exactly two", () => {
    expect(atRiskReasons(customer({ recentTicketIds: ["3", "2", "1"] }), now)).toEqual([
      { kind: "repeat_contacts", text: "3 tickets in the last 30 days", ticketIds: ["3", "2", "1"] },
    ]);
    expect(atRiskReasons(customer({ recentTicketIds: ["2", "1"] }), now)).toEqual([]);
  });

  it("flags a score of 3 or less, not a 4", () => {
    expect(atRiskReasons(customer({ lowestRecentCsat: { score: 3, ticketId: "7" } }), now)).toEqual([
      { kind: "low_csat", text: "rated 3/5 in the last 7 days", ticketIds: ["7"] },
    ]);
    expect(atRiskReasons(customer({ lowestRecentCsat: { score: 4, ticketId: "7" } }), now)).toEqual([]);
  });

  it("flags a ticket open for more than 48 hours, not one open for 47", () => {
    const unresolved = [
      { ticketId: "old", createdAt: hoursAgo(50), escalated: false, frustration: null },
      { ticketId: "young", createdAt: hoursAgo(47), escalated: false, frustration: null },
    ];
    expect(atRiskReasons(customer({ unresolved }), now)).toEqual([
      {
        kind: "unresolved",
        text: "a ticket unresolved for more than 48 hours (the oldest 50 h)",
        ticketIds: ["old"],
      },
    ]);
  });

  it("flags open escalations and the responder's frustration reading", () => {
    const unresolved = [
      { ticketId: "9", createdAt: hoursAgo(2), escalated: true, frustration: 0.2 },
      { ticketId: "10", createdAt: hoursAgo(1), escalated: false, frustration: 0.75 },
    ];
    expect(atRiskReasons(customer({ unresolved }), now).map((reason) => [reason.kind, reason.ticketIds])).toEqual([
      ["open_escalation", ["9"]],
      ["frustration", ["10"]],
    ]);
  });
});

describe("atRiskCustomers", () => {
  it("lists only customers with a reason, most reasons first", () => {
    const calm = customer({ customerId: "calm", name: "Cal" });
    const one = customer({ customerId: "one", name: "Bea", lowestRecentCsat: { score: 1, ticketId: "5" } });
    const two = customer({
      customerId: "two",
      name: "Zed",
      recentTicketIds: ["1", "2", "3"],
      lowestRecentCsat: { score: 2, ticketId: "1" },
    });

    expect(atRiskCustomers([calm, one, two], now).map((entry) => entry.customerId)).toEqual(["two", "one"]);
  });
});

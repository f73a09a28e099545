import { describe, expect, it } from "vitest";
import type { Customer } from "../customers/customer.ts";
import type { Ticket } from "../tickets/ticket.ts";
import { fillProfile, orderMergedMessages, planTicketMerge } from "./merge.ts";

const customer = (fields: Partial<Customer>): Customer => ({
  id: "cus_a",
  name: "A",
  email: null,
  phone: null,
  handles: null,
  company: null,
  plan: null,
  language: null,
  attributes: null,
  ...fields,
});

const ticket = (fields: Partial<Ticket>): Ticket => ({
  id: "1000",
  customerId: "cus_a",
  channel: "email",
  knownIssueId: null,
  subject: null,
  status: "open",
  priority: null,
  tags: [],
  topic: null,
  assigneeId: null,
  teamId: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  version: 1,
  csat: null,
  attributes: null,
  ...fields,
});

const context = { actor: "agent:1", at: new Date("2026-03-02T10:00:00Z"), allowDifferentCustomers: false };

describe("fillProfile", () => {
  it("fills only the survivor's empty fields and lets the survivor win on shared keys", () => {
    const fill = fillProfile(
      customer({ email: "a@example.test", company: " ", handles: { telegram: "1" }, attributes: { seats: 5 } }),
      customer({
        id: "cus_b",
        email: "b@example.test",
        phone: "+15550100",
        company: "B Inc",
        handles: { telegram: "2", whatsapp: "+15550100" },
        attributes: { seats: 3, region: "eu" },
      }),
    );
    expect(fill).toEqual({
      phone: "+15550100",
      company: "B Inc",
      handles: { telegram: "1", whatsapp: "+15550100" },
      attributes: { seats: 5, region: "eu" },
    });
  });

  it("changes nothing when the merged customer adds nothing", () => {
    expect(fillProfile(customer({ plan: "pro" }), customer({ id: "cus_b", plan: "free" }))).toEqual({});
  });
});

describe("planTicketMerge", () => {
  it("closes the merged ticket, pointing both ways", () => {
    const plan = planTicketMerge(ticket({ id: "1" }), ticket({ id: "2", status: "pending" }), context);
    expect(plan.mergedEvents.map((event) => [event.type, event.from, event.to, event.data])).toEqual([
      ["status_changed", "pending", "closed", { mergedInto: "1" }],
      ["merged_into", null, null, { mergedInto: "1" }],
    ]);
    expect(plan.survivorEvents[0]).toMatchObject({ type: "merged_from", data: { mergedFrom: "2" } });
    expect(plan.note).toMatchObject({ public: false, author: "system" });
  });

  it("refuses a closed survivor, a closed merged ticket and another customer's ticket unless allowed", () => {
    expect(() => planTicketMerge(ticket({ id: "1", status: "closed" }), ticket({ id: "2" }), context)).toThrow(
      /closed/,
    );
    expect(() => planTicketMerge(ticket({ id: "1" }), ticket({ id: "2", status: "closed" }), context)).toThrow(
      /closed/,
    );
    const other = ticket({ id: "2", customerId: "cus_b" });
    expect(() => planTicketMerge(ticket({ id: "1" }), other, context)).toThrow(/allowDifferentCustomers/);
    expect(planTicketMerge(ticket({ id: "1" }), other, { ...context, allowDifferentCustomers: true }).at).toEqual(
      context.at,
    );
  });
});

describe("orderMergedMessages", () => {
  it("orders by time, then the survivor's first, then by old position", () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute));
    const positions = orderMergedMessages("1", [
      { id: "s0", ticketId: "1", at: at(0), position: 0, seq: 2 },
      { id: "s1", ticketId: "1", at: at(5), position: 1, seq: 4 },
      { id: "m0", ticketId: "2", at: at(0), position: 0, seq: 1 },
      { id: "m1", ticketId: "2", at: at(3), position: 1, seq: 3 },
      { id: "m2", ticketId: "2", at: at(3), position: 2, seq: 5 },
    ]);
    expect([...positions].sort((left, right) => left[1] - right[1]).map(([id]) => id)).toEqual([
      "s0",
      "m0",
      "m1",
      "m2",
      "s1",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { isDeskError } from "../errors.ts";
import type { TicketStatus } from "../snapshot/snapshot-schema.ts";
import { checkStatusChange, normaliseTags, planMessage, planTicketUpdate } from "./lifecycle.ts";
import type { Ticket } from "./ticket.ts";

const now = new Date("2026-03-26T10:00:00Z");

function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: "1001",
    customerId: "c1",
    channel: "email",
    knownIssueId: null,
    subject: "Export keeps failing",
    status: "open",
    priority: "normal",
    tags: ["export"],
    topic: null,
    assigneeId: null,
    teamId: null,
    createdAt: new Date("2026-03-25T09:00:00Z"),
    updatedAt: new Date("2026-03-25T09:00:00Z"),
    version: 1,
    csat: null,
    attributes: null,
    ...overrides,
  };
}

function transitionCode(from: TicketStatus, to: TicketStatus, confirmation?: "customer" | "window_passed") {
  try {
    checkStatusChange({ id: "1001", status: from }, to, confirmation);
    return "ok";
  } catch (error) {
    return isDeskError(error) ? error.code : "unexpected";
  }
}

describe("ticket status changes", () => {
  it("follows new → open → pending / on_hold → solved", () => {
    expect(transitionCode("new", "open")).toBe("ok");
    expect(transitionCode("open", "pending")).toBe("ok");
    expect(transitionCode("open", "on_hold")).toBe("ok");
    expect(transitionCode("on_hold", "solved")).toBe("ok");
    expect(transitionCode("pending", "solved")).toBe("ok");
  });

  it("never reopens a closed ticket", () => {
    for (const to of ["new", "open", "pending", "on_hold", "solved"] as const) {
      expect(transitionCode("closed", to)).toBe("invalid_transition");
    }
  });

  it("closes a solved ticket only with the customer's confirmation or a passed window", () => {
    expect(transitionCode("solved", "closed")).toBe("invalid_transition");
    expect(transitionCode("solved", "closed", "customer")).toBe("ok");
    expect(transitionCode("solved", "closed", "window_passed")).toBe("ok");
  });

  it("does not let an unsolved ticket skip straight to closed", () => {
    expect(transitionCode("open", "closed", "customer")).toBe("invalid_transition");
    expect(transitionCode("new", "closed", "customer")).toBe("invalid_transition");
  });
});

describe("planTicketUpdate", () => {
  it("records who changed what, from and to", () => {
    const change = planTicketUpdate(
      ticket(),
      { status: "pending", priority: "high", assigneeId: "a1" },
      "agent:a1",
      now,
    );
    expect(change.fields).toEqual({ status: "pending", priority: "high", assigneeId: "a1" });
    expect(change.events.map(({ type, from, to, actor }) => ({ type, from, to, actor }))).toEqual([
      { type: "status_changed", from: "open", to: "pending", actor: "agent:a1" },
      { type: "priority_changed", from: "normal", to: "high", actor: "agent:a1" },
      { type: "assigned", from: null, to: "a1", actor: "agent:a1" },
    ]);
  });

  it("logs a reopen when a solved ticket is set back to open", () => {
    const change = planTicketUpdate(ticket({ status: "solved" }), { status: "open" }, "agent:a1", now);
    expect(change.events.map((event) => event.type)).toEqual(["status_changed", "reopened"]);
  });

  it("makes no event for a value that does not change", () => {
    const change = planTicketUpdate(
      ticket(),
      { status: "open", priority: "normal", tags: ["Export"] },
      "agent:a1",
      now,
    );
    expect(change.events).toEqual([]);
    expect(change.fields).toEqual({});
  });

  it("reports added and removed tags", () => {
    const change = planTicketUpdate(ticket(), { tags: ["billing", "urgent"] }, "agent:a1", now);
    expect(change.events[0]?.data).toEqual({ added: ["billing", "urgent"], removed: ["export"] });
  });

  it("refuses any change to a closed ticket", () => {
    expect(() => planTicketUpdate(ticket({ status: "closed" }), { priority: "high" }, "agent:a1", now)).toThrow(
      /closed/,
    );
  });

  it("refuses a change to a closed ticket even when the patch repeats its status", () => {
    const closed = ticket({ status: "closed" });
    expect(() => planTicketUpdate(closed, { status: "closed", priority: "high" }, "agent:a1", now)).toThrow(/closed/);
  });

  it("dates the change at the clock's now, also when it makes no event", () => {
    const note = { author: "agent:a1" as const, public: false, body: "Checked the logs" };
    expect(planMessage(ticket(), note, now).at).toEqual(now);
  });
});

describe("planMessage", () => {
  const customerMessage = { author: "customer" as const, public: true, body: "Still broken." };

  it("carries the closed ticket's channel details over to its follow-up, so replies go out the same way", () => {
    const closed = ticket({ status: "closed", attributes: { provider: "whatsapp", channelAccountId: "wa1" } });
    expect(planMessage(closed, customerMessage, now).followUpTicket?.attributes).toEqual({
      provider: "whatsapp",
      channelAccountId: "wa1",
      followUpOf: "1001",
    });
  });

  it("keeps a solved ticket solved when the customer answers the survey with a bare score", () => {
    const change = planMessage(ticket({ status: "solved" }), { ...customerMessage, body: " 5 " }, now);
    expect(change.fields).toEqual({});
    expect(change.events).toEqual([]);
    expect(change.message?.body).toBe(" 5 ");
  });

  it("opens a linked follow-up ticket when the customer writes to a closed ticket", () => {
    const change = planMessage(ticket({ status: "closed" }), customerMessage, now);
    expect(change.message).toBeUndefined();
    expect(change.followUpTicket).toMatchObject({
      customerId: "c1",
      channel: "email",
      attributes: { followUpOf: "1001" },
      message: customerMessage,
    });
  });

  it("refuses an agent reply on a closed ticket", () => {
    const reply = { author: "agent:a1" as const, public: true, body: "Hello" };
    expect(() => planMessage(ticket({ status: "closed" }), reply, now)).toThrow(/closed/);
  });

  it("reopens a solved ticket when the customer writes again, and logs the reopen", () => {
    const change = planMessage(ticket({ status: "solved" }), customerMessage, now);
    expect(change.fields.status).toBe("open");
    expect(change.events.map((event) => event.type)).toEqual(["status_changed", "reopened"]);
  });

  it("closes a solved ticket when the customer confirms it is fixed", () => {
    const change = planMessage(
      ticket({ status: "solved" }),
      { ...customerMessage, body: "Yes, it works now, thanks!" },
      now,
    );
    expect(change.fields.status).toBe("closed");
    expect(change.events).toEqual([
      expect.objectContaining({
        type: "status_changed",
        from: "solved",
        to: "closed",
        data: { confirmation: "customer" },
      }),
    ]);
    expect(change.message?.body).toBe("Yes, it works now, thanks!");
  });

  it("reopens a solved ticket when the customer's answer is unclear", () => {
    const change = planMessage(
      ticket({ status: "solved" }),
      { ...customerMessage, body: "Yes, but how do I export?" },
      now,
    );
    expect(change.fields.status).toBe("open");
  });

  it("moves a pending ticket back to open when the customer answers", () => {
    expect(planMessage(ticket({ status: "pending" }), customerMessage, now).fields.status).toBe("open");
  });

  it("opens a new ticket at the first public answer, but not for an internal note", () => {
    const reply = { author: "agent:a1" as const, public: true, body: "Looking into it" };
    const note = { author: "agent:a1" as const, public: false, body: "Checked the logs" };
    expect(planMessage(ticket({ status: "new" }), reply, now).fields.status).toBe("open");
    expect(planMessage(ticket({ status: "new" }), note, now).fields.status).toBeUndefined();
  });
});

describe("normaliseTags", () => {
  it("trims, lowercases and removes duplicates and blanks", () => {
    expect(normaliseTags([" Export", "export", "", "Billing "])).toEqual(["export", "billing"]);
  });
});

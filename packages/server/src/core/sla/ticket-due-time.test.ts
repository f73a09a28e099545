import { describe, expect, it } from "vitest";
import type { TicketStatus } from "../snapshot/snapshot-schema.ts";
import { earliestRunningDue, ticketDueTime } from "./ticket-due-time.ts";
import { ticketSla } from "./ticket-sla.ts";

const at = (time: string) => new Date(`2026-11-24T${time}:00Z`);
const workspace = {
  timezone: "UTC",
  businessHours: null,
  slaPolicies: [{ channel: "email", firstResponseMinutes: 120, nextResponseMinutes: 60, resolutionMinutes: 600 }],
};
const statusChange = (time: string, to: TicketStatus) => ({ at: at(time), type: "status_changed" as const, to });

function ticket(input: {
  status: TicketStatus;
  messages?: { at: Date; author: "customer" | "agent:a1"; public: boolean }[];
  events?: ReturnType<typeof statusChange>[];
}) {
  return {
    status: input.status,
    channel: "email" as const,
    priority: null,
    createdAt: at("10:00"),
    updatedAt: at("10:00"),
    messages: input.messages ?? [{ at: at("10:00"), author: "customer" as const, public: true }],
    events: input.events ?? [statusChange("10:00", "new")],
  };
}

describe("a ticket's due time", () => {
  it("is its earliest running target: the first response of a new ticket", () => {
    expect(ticketDueTime(ticket({ status: "new" }), workspace)).toEqual(at("12:00"));
  });

  it("moves to the next target once the first is met", () => {
    const answered = ticket({
      status: "open",
      messages: [
        { at: at("10:00"), author: "customer", public: true },
        { at: at("10:30"), author: "agent:a1", public: true },
        { at: at("11:00"), author: "customer", public: true },
      ],
      events: [statusChange("10:00", "new"), statusChange("10:30", "open")],
    });
    expect(ticketDueTime(answered, workspace)).toEqual(at("12:00"));
    // The next response (11:00 + 60) comes before the resolution (10:00 + 600).
    expect(earliestRunningDue(ticketSla(answered, workspace, at("11:00")))).toEqual(at("12:00"));
  });

  it("is the same at any later moment, so storing it once is enough", () => {
    const open = ticket({ status: "open", events: [statusChange("10:00", "new"), statusChange("10:05", "open")] });
    const stored = ticketDueTime(open, workspace);
    for (const later of ["10:06", "11:59", "15:00", "23:00"]) {
      expect(earliestRunningDue(ticketSla(open, workspace, at(later)))).toEqual(stored);
    }
  });

  it("is null while the ticket waits on the customer, and resumes later by the time paused", () => {
    const waiting = ticket({
      status: "pending",
      events: [statusChange("10:00", "new"), statusChange("10:30", "pending")],
    });
    expect(ticketDueTime(waiting, workspace)).toBeNull();
    const reopened = ticket({
      status: "open",
      events: [statusChange("10:00", "new"), statusChange("10:30", "pending"), statusChange("11:00", "open")],
    });
    expect(ticketDueTime(reopened, workspace)).toEqual(at("12:30"));
  });

  it("is null without any target", () => {
    const noResolution = { ...workspace, slaPolicies: [{ channel: "chat", firstResponseMinutes: 1 }] };
    const answered = ticket({
      status: "open",
      messages: [
        { at: at("10:00"), author: "customer", public: true },
        { at: at("10:30"), author: "agent:a1", public: true },
      ],
    });
    expect(ticketDueTime(answered, noResolution)).toBeNull();
  });
});

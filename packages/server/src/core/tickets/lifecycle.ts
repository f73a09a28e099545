import { readScoreReply } from "../csat/csat.ts";
import { DeskError } from "../errors.ts";
import { detectConfirmation } from "../follow-through/confirmation.ts";
import type { TicketStatus } from "../snapshot/snapshot-schema.ts";
import type { NewMessage, Ticket, TicketChange, TicketPatch } from "./ticket.ts";

const allowedNext: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ["open", "pending", "on_hold", "solved"],
  open: ["pending", "on_hold", "solved"],
  pending: ["open", "on_hold", "solved"],
  on_hold: ["open", "pending", "solved"],
  solved: ["open", "closed"],
  closed: [],
};

/**
 * A closed ticket is final. A solved ticket closes only when the customer confirms it or the
 * confirmation window passes; anything else that changes a solved ticket reopens it.
 */
export function checkStatusChange(
  ticket: Pick<Ticket, "id" | "status">,
  to: TicketStatus,
  confirmation?: TicketPatch["confirmation"],
): void {
  const from = ticket.status;
  if (from === to) return;
  if (from === "closed") {
    throw closedTicketError(ticket.id);
  }
  if (!allowedNext[from].includes(to)) {
    throw new DeskError("invalid_transition", `Ticket ${ticket.id} cannot go from ${from} to ${to}.`);
  }
  if (from === "solved" && to === "closed" && !confirmation) {
    throw new DeskError(
      "invalid_transition",
      `Ticket ${ticket.id} closes only once the customer confirms the problem is solved ` +
        `(confirmation: "customer") or the confirmation window has passed (confirmation: "window_passed").`,
    );
  }
}

function closedTicketError(ticketId: string): DeskError {
  return new DeskError(
    "invalid_transition",
    `Ticket ${ticketId} is closed and cannot change; a new message from the customer opens a linked follow-up ticket.`,
  );
}

/** The events and field changes an actor's patch makes; no-op fields make no event. */
export function planTicketUpdate(ticket: Ticket, patch: TicketPatch, actor: string, now: Date): TicketChange {
  const change: TicketChange = { at: now, fields: {}, events: [] };
  const record = (
    type: TicketChange["events"][number]["type"],
    from: string | null,
    to: string | null,
    data?: Record<string, unknown>,
  ) => change.events.push({ at: now, actor, type, from, to, data: data ?? null });

  if (ticket.status === "closed") {
    throw closedTicketError(ticket.id);
  }

  if (patch.status !== undefined && patch.status !== ticket.status) {
    checkStatusChange(ticket, patch.status, patch.confirmation);
    change.fields.status = patch.status;
    record(
      "status_changed",
      ticket.status,
      patch.status,
      patch.confirmation ? { confirmation: patch.confirmation } : undefined,
    );
    if (ticket.status === "solved" && patch.status === "open") record("reopened", "solved", "open");
  }
  if (patch.priority !== undefined && patch.priority !== ticket.priority) {
    change.fields.priority = patch.priority;
    record("priority_changed", ticket.priority, patch.priority);
  }
  if (patch.assigneeId !== undefined && patch.assigneeId !== ticket.assigneeId) {
    change.fields.assigneeId = patch.assigneeId;
    record("assigned", ticket.assigneeId, patch.assigneeId);
  }
  if (patch.teamId !== undefined && patch.teamId !== ticket.teamId) {
    change.fields.teamId = patch.teamId;
    record("team_changed", ticket.teamId, patch.teamId);
  }
  if (patch.topic !== undefined && patch.topic !== ticket.topic) {
    change.fields.topic = patch.topic;
    record("topic_changed", ticket.topic, patch.topic);
  }
  if (patch.tags !== undefined) {
    const tags = normaliseTags(patch.tags);
    const added = tags.filter((tag) => !ticket.tags.includes(tag));
    const removed = ticket.tags.filter((tag) => !tags.includes(tag));
    if (added.length > 0 || removed.length > 0) {
      change.fields.tags = tags;
      record("tags_changed", null, null, { added, removed });
    }
  }
  if (patch.subject !== undefined && patch.subject !== ticket.subject) change.fields.subject = patch.subject;
  if (patch.knownIssueId !== undefined && patch.knownIssueId !== ticket.knownIssueId) {
    change.fields.knownIssueId = patch.knownIssueId;
  }
  return change;
}

/** A closed ticket takes no more messages: this one opens a follow-up ticket linked to it, on the same channel. */
export function followUpTicketFor(ticket: Ticket, message: NewMessage, now: Date): TicketChange {
  return {
    at: now,
    fields: {},
    events: [],
    followUpTicket: {
      customerId: ticket.customerId,
      channel: ticket.channel,
      subject: ticket.subject,
      priority: ticket.priority,
      tags: ticket.tags,
      topic: ticket.topic,
      assigneeId: ticket.assigneeId,
      teamId: ticket.teamId,
      knownIssueId: null,
      // The channel details (provider, account, recipient) carry over, so replies go out the same way.
      attributes: { ...ticket.attributes, followUpOf: ticket.id },
      message,
    },
  };
}

/**
 * What a new message does to its ticket: a customer writing to a closed ticket gets a new,
 * linked ticket; writing to a solved or pending one reopens it; the first public answer
 * from our side moves a new ticket to open.
 */
export function planMessage(ticket: Ticket, message: NewMessage, now: Date): TicketChange {
  const actor = message.author;
  const fromCustomer = message.author === "customer";
  if (ticket.status === "closed") {
    if (!fromCustomer) {
      throw new DeskError(
        "invalid_transition",
        `Ticket ${ticket.id} is closed; it takes no more messages. Reply on the customer's follow-up ticket instead.`,
      );
    }
    return followUpTicketFor(ticket, message, now);
  }
  const change: TicketChange = { at: now, fields: {}, events: [], message };
  const reopen = (from: "solved" | "pending" | "on_hold") => {
    change.fields.status = "open";
    change.events.push({ at: now, actor, type: "status_changed", from, to: "open", data: null });
    if (from === "solved") change.events.push({ at: now, actor, type: "reopened", from, to: "open", data: null });
  };
  // A solved ticket waits for the customer's word: a clear yes closes it, anything else reopens it.
  if (
    fromCustomer &&
    ticket.status === "solved" &&
    message.public &&
    detectConfirmation(message.body) === "confirmed"
  ) {
    change.fields.status = "closed";
    change.events.push({
      at: now,
      actor,
      type: "status_changed",
      from: "solved",
      to: "closed",
      data: { confirmation: "customer" },
    });
    return change;
  }
  // A bare 1–5 answers the satisfaction survey that came with the confirmation question: no reopen.
  if (fromCustomer && ticket.status === "solved" && message.public && readScoreReply(message.body) !== null) {
    return change;
  }
  if (fromCustomer && (ticket.status === "solved" || ticket.status === "pending" || ticket.status === "on_hold")) {
    reopen(ticket.status);
  }
  const answersCustomer = message.public && (message.author.startsWith("agent:") || message.author === "responder");
  if (answersCustomer && ticket.status === "new") {
    change.fields.status = "open";
    change.events.push({ at: now, actor, type: "status_changed", from: "new", to: "open", data: null });
  }
  return change;
}

export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const clean = tag.trim().toLowerCase();
    if (clean) seen.add(clean);
  }
  return [...seen];
}

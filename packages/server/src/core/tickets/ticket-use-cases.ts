import type { CustomerReference } from "../customers/customer.ts";
import type { Clock, CustomerStore, TicketStore } from "../ports.ts";
import type { ChannelName, Priority } from "../snapshot/snapshot-schema.ts";
import { normaliseTags, planMessage, planTicketUpdate } from "./lifecycle.ts";
import type { Author, TicketDetail, TicketPatch } from "./ticket.ts";

export type TicketDeps = { tickets: TicketStore; customers: CustomerStore; clock: Clock };

export type OpenTicketInput = {
  workspaceId: string;
  customer: CustomerReference;
  channel: ChannelName;
  subject?: string;
  priority?: Priority;
  tags?: string[];
  topic?: string;
  assigneeId?: string;
  teamId?: string;
  attributes?: Record<string, unknown>;
  message: { author: Author; body: string };
  actor: string;
};

/**
 * A conversation's first message becomes a ticket for the customer who sent it. A known customer's
 * ticket takes one statement (found and written together); a new customer is created first.
 */
export async function openTicket(input: OpenTicketInput, deps: TicketDeps): Promise<TicketDetail> {
  const at = deps.clock.now();
  const ticket = {
    channel: input.channel,
    subject: input.subject ?? null,
    priority: input.priority ?? null,
    tags: normaliseTags(input.tags ?? []),
    topic: input.topic ?? null,
    assigneeId: input.assigneeId ?? null,
    teamId: input.teamId ?? null,
    knownIssueId: null,
    attributes: input.attributes ?? null,
    message: { author: input.message.author, public: true, body: input.message.body },
  };
  const opened = await deps.tickets.createForCustomer(input.workspaceId, input.customer, ticket, input.actor, at);
  if (opened) return opened;
  const customer = await deps.customers.resolve(input.workspaceId, input.customer);
  return deps.tickets.create(input.workspaceId, { ...ticket, customerId: customer.id }, input.actor, at);
}

export async function updateTicket(
  input: { workspaceId: string; ticketId: string; patch: TicketPatch; actor: string; expectedVersion?: number },
  deps: Pick<TicketDeps, "tickets" | "clock">,
): Promise<TicketDetail> {
  const now = deps.clock.now();
  const { ticket } = await deps.tickets.change(
    input.workspaceId,
    input.ticketId,
    (current) => planTicketUpdate(current, input.patch, input.actor, now),
    { expectedVersion: input.expectedVersion },
  );
  return ticket;
}

/** Adds a reply, note or customer message; returns the ticket it landed on (a follow-up for a closed one). */
export async function addMessage(
  input: { workspaceId: string; ticketId: string; author: Author; public: boolean; body: string },
  deps: Pick<TicketDeps, "tickets" | "clock">,
): Promise<{ ticket: TicketDetail; followUp: TicketDetail | null }> {
  const now = deps.clock.now();
  return deps.tickets.change(input.workspaceId, input.ticketId, (current) =>
    planMessage(current, { author: input.author, public: input.public, body: input.body }, now),
  );
}

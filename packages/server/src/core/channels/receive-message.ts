import { z } from "zod";
import type { Customer } from "../customers/customer.ts";
import { DeskError } from "../errors.ts";
import type { Clock, CustomerStore, TicketStore } from "../ports.ts";
import { planMessage } from "../tickets/lifecycle.ts";
import type { NewMessage, Ticket, TicketDetail } from "../tickets/ticket.ts";
import type { InboundAttachment, InboundMessage, InboundSender, ReceivedMessage } from "./channel.ts";
import type { AttachmentStore, ChannelDirectory, DeliveryStore } from "./channel-ports.ts";

export type ReceiveDeps = {
  tickets: TicketStore;
  customers: CustomerStore;
  clock: Clock;
  channelDirectory: ChannelDirectory;
  /** Without it, attachments are listed in the message but not kept. */
  attachments?: AttachmentStore | null;
  /** Largest attachment kept, in bytes (default 25 MB); larger ones are named in the message instead. */
  attachmentLimitBytes?: number;
  /** With it, a bounce report marks the delivery of the reply it concerns as failed. */
  deliveries?: DeliveryStore | null;
  /** With it, a message that changes nothing about its ticket but the message list is stored in fewer statements. */
  messageAppender?: MessageAppender | null;
};

/** Adds a message to a ticket without locking it, as long as nobody changed the ticket in between. */
export type MessageAppender = {
  /** Like ChannelDirectory.ticketsOf, with each ticket as it is now (without its messages and events). */
  ticketsOf(workspaceId: string, externalIds: readonly string[]): Promise<{ externalId: string; ticket: Ticket }[]>;
  /** Stores the message when the ticket is still at the version read; null when it has moved on. */
  append(
    workspaceId: string,
    ticket: Pick<Ticket, "id" | "version">,
    message: NewMessage,
    at: Date,
  ): Promise<{ messageId: string } | null>;
};

export const defaultAttachmentLimitBytes = 25 * 1024 * 1024;

const inboundEssentials = z.object({
  provider: z.string().min(1, "must name the provider that carried the message"),
  externalId: z.string().min(1, "must be the provider's id for the message (it makes deliveries idempotent)"),
  threadIds: z.array(z.string()),
  body: z.string(),
});

/**
 * Stores one inbound message and returns only once it is committed, so a channel acknowledges it
 * to the provider after this returns. The same externalId twice makes one message; a reply threads
 * by the provider ids it answers, then by a ticket reference its sender owns; anything else opens
 * a ticket for the sender.
 */
export async function receiveMessage(
  input: { workspaceId: string; message: InboundMessage },
  deps: ReceiveDeps,
): Promise<ReceivedMessage> {
  const { workspaceId, message } = input;
  const checked = inboundEssentials.safeParse(message);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new DeskError("invalid_input", `Inbound message ${issue?.path.join(".")}: ${issue?.message}`);
  }

  const { kept, body } = withinLimit(message, deps.attachmentLimitBytes ?? defaultAttachmentLimitBytes);
  const newMessage: NewMessage = message.internalNote
    ? { author: "system", public: false, body, externalId: message.externalId }
    : { author: "customer", public: true, body, externalId: message.externalId };

  let received: Omit<ReceivedMessage, "duplicate">;
  try {
    received = await storeMessage(workspaceId, message, newMessage, deps);
  } catch (error) {
    // A message stored before (a provider's retry, or two deliveries at once): the unique external
    // id lets one insert win and rolls the other back whole; the loser reports what the winner
    // stored. Duplicates are rare, so no lookup is spent on every message to find them first.
    const winner = await deps.channelDirectory.byExternalId(workspaceId, message.externalId);
    if (!winner) throw error;
    await keepAttachments(workspaceId, winner, message, deps);
    return { ...winner, openedTicket: false, duplicate: true };
  }
  await keepAttachments(workspaceId, received, { ...message, attachments: kept }, deps);
  if (message.internalNote) await markBounced(workspaceId, message, deps);
  return { ...received, duplicate: false };
}

/** A bounce report about one of our replies: that reply's delivery failed after all. */
async function markBounced(workspaceId: string, report: InboundMessage, deps: ReceiveDeps): Promise<void> {
  const concerned = report.threadIds[0];
  if (!deps.deliveries || !concerned) return;
  const reply = await deps.channelDirectory.byExternalId(workspaceId, concerned);
  const delivery = reply ? await deps.deliveries.get(workspaceId, reply.messageId) : null;
  if (delivery?.status !== "sent") return;
  await deps.deliveries.finish(
    workspaceId,
    delivery.messageId,
    { status: "failed", error: report.body },
    deps.clock.now(),
  );
}

async function storeMessage(
  workspaceId: string,
  message: InboundMessage,
  newMessage: NewMessage,
  deps: ReceiveDeps,
): Promise<Omit<ReceivedMessage, "duplicate">> {
  const now = deps.clock.now();
  const threaded = await threadedTicket(workspaceId, message, deps);
  const ticketId = threaded?.id;
  if (ticketId) {
    const appended = threaded.current
      ? await appendPlainly(workspaceId, threaded.current, newMessage, now, deps)
      : null;
    if (appended) return appended;
    try {
      const { ticket, followUp } = await deps.tickets.change(workspaceId, ticketId, (current) =>
        planMessage(current, newMessage, now),
      );
      if (followUp) return { ticketId: followUp.id, messageId: firstMessageId(followUp), openedTicket: true };
      return { ticketId: ticket.id, messageId: lastMessageId(ticket), openedTicket: false };
    } catch (error) {
      // A note (a bounce) about a closed ticket cannot go on it; it opens a ticket of its own below.
      if (!(newMessage.author === "system" && error instanceof DeskError && error.code === "invalid_transition")) {
        throw error;
      }
    }
  }
  const attributes: Record<string, unknown> = { provider: message.provider, ...message.attributes };
  if (message.automatic) attributes.automatic = true;
  const newTicket = {
    channel: message.channel,
    subject: message.subject?.trim() || null,
    priority: null,
    tags: [],
    topic: null,
    assigneeId: null,
    teamId: null,
    knownIssueId: null,
    attributes,
    message: newMessage,
  };
  // A known sender by address or number: their customer is found by the statement that opens the ticket.
  const { email, phone } = message.from;
  const opened =
    email || phone
      ? await deps.tickets.createForCustomer(workspaceId, { email, phone }, newTicket, newMessage.author, now)
      : null;
  const ticket =
    opened ??
    (await deps.tickets.create(
      workspaceId,
      { ...newTicket, customerId: (await unknownSender(workspaceId, message.from, deps)).id },
      newMessage.author,
      now,
    ));
  return { ticketId: ticket.id, messageId: firstMessageId(ticket), openedTicket: true };
}

/**
 * A message that only joins its ticket (no status change, no follow-up ticket) is written in one
 * statement; anything else, or a ticket changed meanwhile, returns null for the locking path.
 */
async function appendPlainly(
  workspaceId: string,
  ticket: Ticket,
  message: NewMessage,
  now: Date,
  deps: ReceiveDeps,
): Promise<Omit<ReceivedMessage, "duplicate"> | null> {
  const appender = deps.messageAppender;
  if (!appender) return null;
  let plan: ReturnType<typeof planMessage>;
  try {
    plan = planMessage(ticket, message, now);
  } catch {
    return null;
  }
  const plain =
    plan.message && !plan.followUpTicket && plan.events.length === 0 && Object.keys(plan.fields).length === 0;
  if (!plain || !plan.message) return null;
  const appended = await appender.append(workspaceId, ticket, plan.message, plan.at);
  return appended ? { ticketId: ticket.id, messageId: appended.messageId, openedTicket: false } : null;
}

/**
 * The ticket a message continues: the newest provider id it answers that the desk knows, else a
 * ticket it names whose customer is the sender (so a stranger who learns a ticket number cannot
 * write into someone else's ticket). A subject alone never threads.
 */
async function threadedTicket(
  workspaceId: string,
  message: InboundMessage,
  deps: ReceiveDeps,
): Promise<{ id: string; current: Ticket | null } | null> {
  const threadIds = [...new Set(message.threadIds.filter((id) => id && id !== message.externalId))];
  if (threadIds.length > 0 && deps.messageAppender) {
    // The tickets come with the lookup, so a plain reply needs no second read.
    const found = await deps.messageAppender.ticketsOf(workspaceId, threadIds);
    const byId = new Map(found.map((match) => [match.externalId, match.ticket]));
    for (const id of threadIds) {
      const ticket = byId.get(id);
      if (ticket) return { id: ticket.id, current: ticket };
    }
  } else if (threadIds.length > 0) {
    const found = await deps.channelDirectory.ticketsOf(workspaceId, threadIds);
    const byId = new Map(found.map((match) => [match.externalId, match.ticketId]));
    for (const id of threadIds) {
      const ticketId = byId.get(id);
      if (ticketId) return { id: ticketId, current: null };
    }
  }
  const reference = message.ticketReference?.trim();
  if (reference) {
    const ticket = await deps.tickets.get(workspaceId, reference);
    if (ticket) {
      const sender = await resolveSender(workspaceId, message.from, deps);
      if (sender.id === ticket.customerId) return { id: ticket.id, current: ticket };
    }
  }
  return null;
}

/**
 * The customer of a sender the ticket-opening statement did not find. An address alone was just
 * looked up, so it is created without looking again; anything else (a phone number that may be
 * known, a handle) is resolved the usual way, as is a customer another message created meanwhile.
 */
async function unknownSender(
  workspaceId: string,
  from: InboundSender,
  deps: Pick<ReceiveDeps, "customers" | "channelDirectory">,
): Promise<Customer> {
  if (!from.email || from.phone) return resolveSender(workspaceId, from, deps);
  try {
    return await deps.customers.create(workspaceId, { email: from.email, name: from.name });
  } catch (error) {
    if (error instanceof DeskError) throw error;
    return resolveSender(workspaceId, from, deps);
  }
}

export async function resolveSender(
  workspaceId: string,
  from: InboundSender,
  deps: Pick<ReceiveDeps, "customers" | "channelDirectory">,
): Promise<Customer> {
  const lookUp = () => {
    if (from.email || from.phone) {
      return deps.customers.resolve(workspaceId, { email: from.email, phone: from.phone, name: from.name });
    }
    if (from.handle) return deps.channelDirectory.customerByHandle(workspaceId, from.handle, from.name);
    throw new DeskError(
      "invalid_input",
      "An inbound message needs a sender: an email address, a phone number or a handle.",
    );
  };
  try {
    return await lookUp();
  } catch (error) {
    // Two first messages from one new sender at once: the other one created the customer; find it.
    if (error instanceof DeskError) throw error;
    return lookUp();
  }
}

function withinLimit(message: InboundMessage, limit: number): { kept: InboundAttachment[]; body: string } {
  const kept: InboundAttachment[] = [];
  const notes: string[] = [];
  for (const attachment of message.attachments ?? []) {
    if (attachment.content.length <= limit) kept.push(attachment);
    else {
      notes.push(
        `[Attachment "${attachment.filename}" (${megabytes(attachment.content.length)}) was not kept: it is over the ${megabytes(limit)} limit.]`,
      );
    }
  }
  const body = notes.length > 0 ? `${message.body}\n\n${notes.join("\n")}` : message.body;
  return { kept, body };
}

async function keepAttachments(
  workspaceId: string,
  owner: { ticketId: string; messageId: string },
  message: InboundMessage,
  deps: ReceiveDeps,
): Promise<void> {
  const limit = deps.attachmentLimitBytes ?? defaultAttachmentLimitBytes;
  const files = (message.attachments ?? []).filter((attachment) => attachment.content.length <= limit);
  if (!deps.attachments || files.length === 0) return;
  await deps.attachments.save(workspaceId, owner, files, deps.clock.now());
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function firstMessageId(ticket: TicketDetail): string {
  const first = ticket.messages[0];
  if (!first) throw new Error(`ticket ${ticket.id} came back without its first message`);
  return first.id;
}

function lastMessageId(ticket: TicketDetail): string {
  const last = ticket.messages.at(-1);
  if (!last) throw new Error(`ticket ${ticket.id} came back without the message just added`);
  return last.id;
}

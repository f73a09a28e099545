import type { Customer } from "../customers/customer.ts";
import { DeskError } from "../errors.ts";
import type { Clock, CustomerStore, KnownIssueStore, TicketStore } from "../ports.ts";
import { followUpTicketFor, planMessage } from "../tickets/lifecycle.ts";
import type { NewMessage, TicketDetail } from "../tickets/ticket.ts";
import { type BroadcastDetail, type BroadcastRecipient, type BroadcastStore, ticketPerCustomer } from "./broadcast.ts";
import { draftBroadcastMessage } from "./broadcast-message.ts";

/** How long an approval may take to send one recipient's message before another approval takes over. */
export const recipientLeaseMs = 5 * 60 * 1000;

export type BroadcastDeps = {
  broadcasts: BroadcastStore;
  knownIssues: KnownIssueStore;
  tickets: TicketStore;
  customers: CustomerStore;
  clock: Clock;
  /** The language to write to this customer in (BCP 47), e.g. detected from their messages on the ticket. */
  languageOf(ticket: TicketDetail, customer: Customer | null): string;
};

/**
 * When a known issue is fixed: a draft broadcast to every customer of its linked tickets, once
 * each, on their ticket's channel, with a personal message per customer. Nothing is sent until an
 * admin approves it. null when the issue is not fixed, affects nobody, or this cause (`triggerKey`)
 * already made its broadcast.
 */
export async function draftFixedIssueBroadcast(
  input: { workspaceId: string; knownIssueId: string; triggerKey: string },
  deps: BroadcastDeps,
): Promise<BroadcastDetail | null> {
  const issue = await deps.knownIssues.get(input.workspaceId, input.knownIssueId);
  if (issue?.status !== "fixed") return null;
  const linked: TicketDetail[] = [];
  for (const ticketId of issue.ticketIds) {
    const ticket = await deps.tickets.get(input.workspaceId, ticketId);
    if (ticket) linked.push(ticket);
  }
  const chosen = ticketPerCustomer(linked);
  if (chosen.length === 0) return null;
  const recipients = [];
  for (const { id } of chosen) {
    const ticket = linked.find((candidate) => candidate.id === id) as TicketDetail;
    const customer = await deps.customers.get(input.workspaceId, ticket.customerId);
    const language = deps.languageOf(ticket, customer);
    const message = draftBroadcastMessage({
      customerName: customer?.name?.trim() || null,
      ticket: { id: ticket.id, subject: ticket.subject, channel: ticket.channel },
      issue: { id: issue.id, title: issue.title, workaround: issue.workaround },
      language,
    });
    recipients.push({
      customerId: ticket.customerId,
      customerName: customer?.name?.trim() || null,
      ticketId: ticket.id,
      channel: ticket.channel,
      language,
      body: message.body,
      citations: message.citations,
    });
  }
  return deps.broadcasts.create(
    input.workspaceId,
    { knownIssueId: issue.id, knownIssueTitle: issue.title, triggerKey: input.triggerKey, recipients },
    deps.clock.now(),
  );
}

/**
 * Sends every recipient's message as a public reply by the responder on their ticket (a closed
 * ticket gets a linked follow-up ticket, as a customer's message would); the channel's delivery
 * takes it from there, with its retries. Approving again sends only what was not sent yet: each
 * recipient is claimed before its message is added, and a claim left by an approval that stopped
 * halfway is taken over only after the lease, checking first that its message is not already there.
 */
export async function approveBroadcast(
  input: { workspaceId: string; broadcastId: string; actor: string },
  deps: Pick<BroadcastDeps, "broadcasts" | "tickets" | "clock">,
): Promise<BroadcastDetail> {
  const current = await deps.broadcasts.get(input.workspaceId, input.broadcastId);
  if (!current) throw notFound(input.broadcastId);
  if (current.status === "cancelled") {
    throw new DeskError(
      "conflict",
      `Broadcast ${input.broadcastId} was cancelled; nothing was sent and nothing will be.`,
    );
  }
  const approved = await deps.broadcasts.approve(input.workspaceId, input.broadcastId, input.actor, deps.clock.now());
  if (!approved) throw notFound(input.broadcastId);
  if (approved.status === "cancelled") {
    throw new DeskError(
      "conflict",
      `Broadcast ${input.broadcastId} was cancelled; nothing was sent and nothing will be.`,
    );
  }
  for (const recipient of approved.recipients) {
    if (recipient.status !== "pending" && recipient.status !== "sending") continue;
    const now = deps.clock.now();
    const claimed = await deps.broadcasts.claimRecipient(
      input.workspaceId,
      input.broadcastId,
      recipient.customerId,
      now,
      new Date(now.getTime() - recipientLeaseMs),
    );
    if (!claimed) continue;
    try {
      const sent = await sendToRecipient(input.workspaceId, claimed, approved.approvedAt ?? now, deps);
      await deps.broadcasts.finishRecipient(
        input.workspaceId,
        input.broadcastId,
        recipient.customerId,
        { status: "sent", ...sent },
        deps.clock.now(),
      );
    } catch (error) {
      await deps.broadcasts.finishRecipient(
        input.workspaceId,
        input.broadcastId,
        recipient.customerId,
        { status: "failed", error: error instanceof Error ? error.message : String(error) },
        deps.clock.now(),
      );
    }
  }
  const settled = await deps.broadcasts.settle(input.workspaceId, input.broadcastId, deps.clock.now());
  if (!settled) throw notFound(input.broadcastId);
  return settled;
}

export async function cancelBroadcast(
  input: { workspaceId: string; broadcastId: string; actor: string },
  deps: Pick<BroadcastDeps, "broadcasts" | "clock">,
): Promise<BroadcastDetail> {
  const cancelled = await deps.broadcasts.cancel(input.workspaceId, input.broadcastId, input.actor, deps.clock.now());
  if (!cancelled) throw notFound(input.broadcastId);
  if (cancelled.status !== "cancelled") {
    throw new DeskError(
      "conflict",
      `Broadcast ${input.broadcastId} is ${cancelled.status}: it was approved, so it can no longer be cancelled.`,
    );
  }
  return cancelled;
}

async function sendToRecipient(
  workspaceId: string,
  recipient: BroadcastRecipient,
  approvedAt: Date,
  deps: Pick<BroadcastDeps, "tickets" | "clock">,
): Promise<{ messageId: string; ticketId: string }> {
  const ticket = await deps.tickets.get(workspaceId, recipient.ticketId);
  if (!ticket) throw new Error(`Ticket ${recipient.ticketId} no longer exists.`);
  // An approval that stopped after adding the message but before recording it: the message is there already.
  const already = ticket.messages.find(
    (message) =>
      message.author === "responder" &&
      message.public &&
      message.body === recipient.body &&
      message.at.getTime() >= approvedAt.getTime(),
  );
  if (already) return { messageId: already.id, ticketId: ticket.id };
  const now = deps.clock.now();
  const reply: NewMessage = { author: "responder", public: true, body: recipient.body };
  const { ticket: changed, followUp } = await deps.tickets.change(workspaceId, ticket.id, (latest) =>
    latest.status === "closed" ? followUpTicketFor(latest, reply, now) : planMessage(latest, reply, now),
  );
  const carrier = followUp ?? changed;
  const message = carrier.messages.filter((candidate) => candidate.body === recipient.body).at(-1);
  if (!message) throw new Error(`The message to ${recipient.customerId} was not recorded on ticket ${carrier.id}.`);
  return { messageId: message.id, ticketId: carrier.id };
}

const notFound = (id: string) => new DeskError("not_found", `There is no broadcast ${id}.`);

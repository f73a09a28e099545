import { DeskError } from "../errors.ts";
import type { Clock, CustomerStore, JobQueue, TicketStore } from "../ports.ts";
import { planMessage } from "../tickets/lifecycle.ts";
import type { Message, TicketDetail } from "../tickets/ticket.ts";
import type { Channel, InboundSender, OutboundMessage, SendResult } from "./channel.ts";
import type { ChannelDirectory, ChannelRegistry, Delivery, DeliveryStore } from "./channel-ports.ts";

export const deliverMessageJob = "deliver-message";

export type DeliveryDeps = {
  tickets: TicketStore;
  customers: CustomerStore;
  clock: Clock;
  channelDirectory: ChannelDirectory;
  deliveries: DeliveryStore;
  channels: ChannelRegistry;
  jobs: JobQueue;
};

/** How often a retryable failure is tried again, and how long to wait before each try. */
export type RetryPolicy = { maxAttempts: number; firstDelayMs: number; maxDelayMs: number };

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 8, firstDelayMs: 30_000, maxDelayMs: 60 * 60_000 };

/** Exponential backoff: the wait after the nth failed attempt (1-based), never beyond the cap. */
export function retryDelayMs(attempt: number, policy: RetryPolicy = defaultRetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** Only our side's public words go out: an agent's or the responder's reply, a system message to the customer. */
export function goesOut(message: Pick<Message, "author" | "public">): boolean {
  return message.public && message.author !== "customer";
}

/** The id a reply goes out under when its channel does not choose one. */
export function defaultExternalId(messageId: string): string {
  return `responder-${messageId}`;
}

/**
 * Plans the delivery of a message just added to a ticket (the message.added / ticket.created
 * subscriber calls this): when it goes out and the ticket's channel has a sender, records a
 * pending delivery with the id it will go out under and schedules the first attempt. A message
 * is planned once; planning it again changes nothing.
 */
export async function planDelivery(
  input: { workspaceId: string; ticketId: string; messageId?: string | null },
  deps: Pick<DeliveryDeps, "tickets" | "deliveries" | "channels" | "jobs" | "clock">,
): Promise<Delivery | null> {
  const ticket = await deps.tickets.get(input.workspaceId, input.ticketId);
  if (!ticket) return null;
  const message = input.messageId
    ? ticket.messages.find((candidate) => candidate.id === input.messageId)
    : ticket.messages.at(-1);
  if (!message || !goesOut(message)) return null;
  const provider = providerOf(ticket);
  const channel = deps.channels.find(ticket.channel, provider);
  if (!channel) return null;
  const externalId =
    channel.externalIdFor?.({ workspaceId: input.workspaceId, ticketId: ticket.id, messageId: message.id }) ??
    defaultExternalId(message.id);
  const delivery = await deps.deliveries.create(
    {
      workspaceId: input.workspaceId,
      messageId: message.id,
      ticketId: ticket.id,
      channel: ticket.channel,
      provider: channel.provider,
      externalId,
    },
    deps.clock.now(),
  );
  if (!delivery) return null;
  await deps.jobs.schedule(
    deliverMessageJob,
    { workspaceId: input.workspaceId, messageId: message.id },
    { singletonKey: `${input.workspaceId}:${message.id}:0` },
  );
  return delivery;
}

/**
 * One attempt at sending a planned reply. A delivery already sent, rejected or failed is left
 * alone, and of two workers attempting the same delivery only one sends. A retryable failure is
 * tried again later through the job queue; a refusal puts an internal note on the ticket.
 */
export async function deliverMessage(
  input: { workspaceId: string; messageId: string },
  deps: DeliveryDeps,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<Delivery | null> {
  const { workspaceId, messageId } = input;
  const delivery = await deps.deliveries.get(workspaceId, messageId);
  if (!delivery || !(delivery.status === "pending" || delivery.status === "retrying")) return delivery;

  const ticket = await deps.tickets.get(workspaceId, delivery.ticketId);
  const message = ticket?.messages.find((candidate) => candidate.id === messageId);
  const channel = deps.channels.find(delivery.channel, delivery.provider);
  if (!ticket || !message || !channel) {
    const error = !channel
      ? `No ${delivery.channel} sender for provider "${delivery.provider}" is configured.`
      : "The message or its ticket no longer exists.";
    return deps.deliveries.finish(workspaceId, messageId, { status: "failed", error }, deps.clock.now());
  }
  const outbound = await outboundMessage(workspaceId, ticket, message, delivery, channel, deps);
  const claimed = await deps.deliveries.claimAttempt(workspaceId, messageId, delivery.attempts, deps.clock.now());
  if (!claimed) return deps.deliveries.get(workspaceId, messageId);

  const result = await sendSafely(channel, outbound);
  const now = deps.clock.now();
  if (result.status === "sent") {
    return deps.deliveries.finish(
      workspaceId,
      messageId,
      { status: "sent", providerMessageId: result.externalId },
      now,
    );
  }
  if (result.status === "retryable" && claimed.attempts < policy.maxAttempts) {
    const waitMs = Math.max(result.retryAfterMs ?? 0, retryDelayMs(claimed.attempts, policy));
    const nextAttemptAt = new Date(now.getTime() + waitMs);
    const retrying = await deps.deliveries.finish(
      workspaceId,
      messageId,
      { status: "retrying", error: result.reason, nextAttemptAt },
      now,
    );
    await deps.jobs.schedule(
      deliverMessageJob,
      { workspaceId, messageId },
      { runAt: nextAttemptAt, singletonKey: `${workspaceId}:${messageId}:${claimed.attempts}` },
    );
    return retrying;
  }
  const finalStatus = result.status === "rejected" ? "rejected" : "failed";
  const finished = await deps.deliveries.finish(
    workspaceId,
    messageId,
    { status: finalStatus, error: result.reason },
    now,
  );
  const why =
    finalStatus === "rejected"
      ? `The reply of ${message.at.toISOString()} was not delivered on ${delivery.channel}: ${result.reason}`
      : `The reply of ${message.at.toISOString()} was not delivered on ${delivery.channel} after ${claimed.attempts} attempts; the last error was: ${result.reason}`;
  await noteOnTicket(workspaceId, ticket.id, why, deps);
  return finished;
}

async function outboundMessage(
  workspaceId: string,
  ticket: TicketDetail,
  message: Message,
  delivery: Delivery,
  channel: Channel,
  deps: Pick<DeliveryDeps, "customers" | "channelDirectory">,
): Promise<OutboundMessage> {
  const customer = await deps.customers.get(workspaceId, ticket.customerId);
  const handle = customer?.handles?.[channel.provider] ?? customer?.handles?.[delivery.provider];
  const to: InboundSender = {
    ...(customer?.email ? { email: customer.email } : {}),
    ...(customer?.phone ? { phone: customer.phone } : {}),
    ...(handle ? { handle: { provider: channel.provider, value: handle } } : {}),
    ...(customer?.name ? { name: customer.name } : {}),
  };
  const conversation = await deps.channelDirectory.conversationIds(workspaceId, ticket.id);
  const own = conversation.indexOf(delivery.externalId);
  return {
    workspaceId,
    ticketId: ticket.id,
    messageId: message.id,
    to,
    subject: ticket.subject,
    body: message.body,
    externalId: delivery.externalId,
    threadIds: own >= 0 ? conversation.slice(0, own) : conversation,
    attributes: ticket.attributes,
  };
}

async function sendSafely(channel: Channel, message: OutboundMessage): Promise<SendResult> {
  try {
    return await channel.send(message);
  } catch (error) {
    // A channel that throws did not say the provider refused: count it as a network failure.
    return { status: "retryable", reason: error instanceof Error ? error.message : String(error) };
  }
}

async function noteOnTicket(
  workspaceId: string,
  ticketId: string,
  body: string,
  deps: Pick<DeliveryDeps, "tickets" | "clock">,
): Promise<void> {
  const now = deps.clock.now();
  try {
    await deps.tickets.change(workspaceId, ticketId, (current) =>
      planMessage(current, { author: "system", public: false, body }, now),
    );
  } catch (error) {
    // A closed ticket takes no notes; the delivery itself still says why.
    if (!(error instanceof DeskError && error.code === "invalid_transition")) throw error;
  }
}

function providerOf(ticket: TicketDetail): string | null {
  const provider = ticket.attributes?.provider;
  return typeof provider === "string" ? provider : null;
}

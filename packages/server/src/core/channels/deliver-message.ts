import { DeskError } from "../errors.ts";
import type { Clock, CustomerStore, JobQueue, TicketStore } from "../ports.ts";
import { planMessage } from "../tickets/lifecycle.ts";
import type { Message, TicketDetail } from "../tickets/ticket.ts";
import type { Channel, InboundSender, OutboundMessage, SendResult } from "./channel.ts";
import type { ChannelDirectory, ChannelRegistry, Delivery, DeliveryOutcome, DeliveryStore } from "./channel-ports.ts";

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
 * How a delivery is held while it is sent. A worker that dies mid-send leaves the delivery
 * "sending"; once its lease runs out another worker may take it, so the lease is renewed while
 * the provider has not answered, and a send is abandoned (and retried) before the lease could lapse.
 */
export type LeasePolicy = {
  /** How long a claim holds without renewal: a dead worker's delivery can be taken again this long after. */
  leaseMs: number;
  /** How often the sender renews its lease while it waits for the provider. */
  heartbeatMs: number;
  /** The longest the desk waits for a provider's answer; shorter than the lease. */
  sendTimeoutMs: number;
};

export const defaultLeasePolicy: LeasePolicy = { leaseMs: 40_000, heartbeatMs: 10_000, sendTimeoutMs: 30_000 };

export type DeliveryPolicy = RetryPolicy & LeasePolicy;

export const defaultDeliveryPolicy: DeliveryPolicy = { ...defaultRetryPolicy, ...defaultLeasePolicy };

/** Whether an attempt may take the delivery as of `at`; the store's claim decides for real, this spares a write. */
export function isClaimable(delivery: Pick<Delivery, "status" | "leaseUntil">, at: Date): boolean {
  if (delivery.status === "pending" || delivery.status === "retrying") return true;
  return delivery.status === "sending" && delivery.leaseUntil !== null && delivery.leaseUntil <= at;
}

/** An attempt that lost its lease before it could record what the provider said: that outcome was dropped. */
export type LostLease = { delivery: Delivery; dropped: DeliveryOutcome };

/**
 * One attempt at sending a planned reply. A delivery already sent, rejected or failed, or held by
 * another worker's live lease, is left alone: of two workers attempting the same delivery only one
 * sends. A retryable failure is tried again later through the job queue; a refusal puts an internal
 * note on the ticket. An attempt whose lease was taken over records nothing and calls `onLeaseLost`.
 */
export async function deliverMessage(
  input: { workspaceId: string; messageId: string },
  deps: DeliveryDeps,
  policy: DeliveryPolicy = defaultDeliveryPolicy,
  onLeaseLost?: (lost: LostLease) => void,
): Promise<Delivery | null> {
  const { workspaceId, messageId } = input;
  const delivery = await deps.deliveries.get(workspaceId, messageId);
  if (!delivery || !isClaimable(delivery, deps.clock.now())) return delivery;

  const owner = globalThis.crypto.randomUUID();
  const claimedAt = deps.clock.now();
  const claimed = await deps.deliveries.claim(workspaceId, messageId, {
    owner,
    at: claimedAt,
    until: new Date(claimedAt.getTime() + policy.leaseMs),
  });
  if (!claimed) return deps.deliveries.get(workspaceId, messageId);

  const lease = keepLease(workspaceId, messageId, owner, deps, policy);
  let attempt: Attempt;
  try {
    attempt = await attemptSend(workspaceId, claimed, deps, policy.sendTimeoutMs);
  } finally {
    await lease.stop();
  }

  const now = deps.clock.now();
  const outcome: DeliveryOutcome =
    "unsendable" in attempt
      ? { status: "failed", error: attempt.unsendable }
      : outcomeOf(attempt.result, claimed.attempts, now, policy);
  const completed = await deps.deliveries.complete(workspaceId, messageId, owner, outcome, now);
  if (!completed) {
    const current = await deps.deliveries.get(workspaceId, messageId);
    if (current) onLeaseLost?.({ delivery: current, dropped: outcome });
    return current;
  }
  if (outcome.status === "retrying") {
    await deps.jobs.schedule(
      deliverMessageJob,
      { workspaceId, messageId },
      { runAt: outcome.nextAttemptAt, singletonKey: `${workspaceId}:${messageId}:${claimed.attempts}` },
    );
  } else if ((outcome.status === "rejected" || outcome.status === "failed") && "messageAt" in attempt) {
    const written = attempt.messageAt.toISOString();
    const why =
      outcome.status === "rejected"
        ? `The reply of ${written} was not delivered on ${claimed.channel}: ${outcome.error}`
        : `The reply of ${written} was not delivered on ${claimed.channel} after ${claimed.attempts} attempts; the last error was: ${outcome.error}`;
    await noteOnTicket(workspaceId, claimed.ticketId, why, deps);
  }
  return completed;
}

/**
 * Puts deliveries nobody is working on back on the job queue: "sending" under a lease that ran out
 * (their worker died), and pending or retrying ones left idle past `idleMs` (their job was lost with
 * a dead worker). Each gets at most one waiting job per attempt count; returns how many were found.
 */
export async function requeueStrandedDeliveries(
  input: { idleMs: number; limit: number },
  deps: Pick<DeliveryDeps, "deliveries" | "jobs" | "clock">,
): Promise<number> {
  const now = deps.clock.now();
  const stranded = await deps.deliveries.listStranded({
    at: now,
    idleBefore: new Date(now.getTime() - input.idleMs),
    limit: input.limit,
  });
  for (const delivery of stranded) {
    await deps.jobs.schedule(
      deliverMessageJob,
      { workspaceId: delivery.workspaceId, messageId: delivery.messageId },
      { singletonKey: `${delivery.workspaceId}:${delivery.messageId}:stranded:${delivery.attempts}` },
    );
  }
  return stranded.length;
}

/** What the provider said about the message written at `messageAt`, or why it could not be sent at all. */
type Attempt = { result: SendResult; messageAt: Date } | { unsendable: string };

async function attemptSend(
  workspaceId: string,
  delivery: Delivery,
  deps: DeliveryDeps,
  sendTimeoutMs: number,
): Promise<Attempt> {
  const ticket = await deps.tickets.get(workspaceId, delivery.ticketId);
  const message = ticket?.messages.find((candidate) => candidate.id === delivery.messageId);
  const channel = deps.channels.find(delivery.channel, delivery.provider);
  if (!ticket || !message || !channel) {
    return {
      unsendable: !channel
        ? `No ${delivery.channel} sender for provider "${delivery.provider}" is configured.`
        : "The message or its ticket no longer exists.",
    };
  }
  const outbound = await outboundMessage(workspaceId, ticket, message, delivery, channel, deps);
  return { result: await sendWithin(channel, outbound, sendTimeoutMs), messageAt: message.at };
}

/** The outcome to record for an attempt's result; `attempts` counts this attempt. */
export function outcomeOf(result: SendResult, attempts: number, now: Date, policy: RetryPolicy): DeliveryOutcome {
  if (result.status === "sent") return { status: "sent", providerMessageId: result.externalId };
  if (result.status === "retryable" && attempts < policy.maxAttempts) {
    const waitMs = Math.max(result.retryAfterMs ?? 0, retryDelayMs(attempts, policy));
    return { status: "retrying", error: result.reason, nextAttemptAt: new Date(now.getTime() + waitMs) };
  }
  return { status: result.status === "rejected" ? "rejected" : "failed", error: result.reason };
}

/** Renews the lease every heartbeat until stopped; a renewal that fails is tried again at the next beat. */
function keepLease(
  workspaceId: string,
  messageId: string,
  owner: string,
  deps: Pick<DeliveryDeps, "deliveries" | "clock">,
  policy: LeasePolicy,
): { stop(): Promise<void> } {
  let held = true;
  let renewing: Promise<void> = Promise.resolve();
  const renew = async () => {
    if (!held) return;
    const until = new Date(deps.clock.now().getTime() + policy.leaseMs);
    try {
      held = await deps.deliveries.renewLease(workspaceId, messageId, owner, until);
    } catch {
      // The database did not answer: the lease still runs, and the next beat tries again.
    }
  };
  const timer = setInterval(() => {
    renewing = renewing.then(renew);
  }, policy.heartbeatMs);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await renewing;
    },
  };
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

/** A provider that has not answered within the timeout counts as a network failure; the reply keeps its id. */
async function sendWithin(channel: Channel, message: OutboundMessage, timeoutMs: number): Promise<SendResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<SendResult>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          status: "retryable",
          reason: `The ${channel.channel} provider gave no answer within ${timeoutMs / 1000} s.`,
        }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([sendSafely(channel, message), timedOut]);
  } finally {
    clearTimeout(timer);
  }
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

import { z } from "zod";
import type { Delivery } from "../core/channels/channel-ports.ts";
import {
  defaultDeliveryPolicy,
  deliverMessage,
  deliverMessageJob,
  type LostLease,
  planDelivery,
} from "../core/channels/deliver-message.ts";
import type { JobDefinition, NotificationSubscriber } from "./job-definition.ts";
import type { JobDeps } from "./job-deps.ts";

const deliverPayload = z.object({
  workspaceId: z.string().min(1),
  messageId: z.string().min(1),
});

/** One attempt at sending a reply; it schedules its own retries with backoff, so it never throws for a provider's failure. */
export const deliverMessageDefinition: JobDefinition<z.infer<typeof deliverPayload>, JobDeps> = {
  name: deliverMessageJob,
  payload: deliverPayload,
  async handle(payload, deps) {
    const attemptedAt = deps.clock.now().getTime();
    const delivery = await deliverMessage(payload, deps, defaultDeliveryPolicy, (lost) =>
      process.stderr.write(`${describeLostLease(lost)}\n`),
    );
    // An operator must see a peer refusing replies without reading the deliveries table.
    if (delivery && delivery.updatedAt.getTime() >= attemptedAt) {
      const line = describeFailedAttempt(delivery);
      if (line) process.stderr.write(`${line}\n`);
    }
  },
};

/** One log line for an attempt whose lease another worker took over before it could record its outcome. */
function describeLostLease({ delivery, dropped }: LostLease): string {
  return (
    `Delivery of message ${delivery.messageId} (ticket ${delivery.ticketId}) on ${delivery.channel}: this attempt ` +
    `lost its lease to another one before it could record "${dropped.status}"; the delivery is now ${delivery.status}.`
  );
}

/** One log line for an attempt that did not deliver; null when it did. */
function describeFailedAttempt(delivery: Delivery): string | null {
  const what = `Delivery of message ${delivery.messageId} (ticket ${delivery.ticketId}) on ${delivery.channel}`;
  if (delivery.status === "retrying") {
    const next = delivery.nextAttemptAt ? ` trying again at ${delivery.nextAttemptAt.toISOString()}` : "";
    return `${what}: attempt ${delivery.attempts} failed (${delivery.lastError ?? "no reason given"});${next}`;
  }
  if (delivery.status === "rejected" || delivery.status === "failed") {
    return `${what} ${delivery.status} after ${delivery.attempts} attempts: ${delivery.lastError ?? "no reason given"}`;
  }
  return null;
}

/** Every public message from our side on a ticket goes out on the ticket's channel. */
export const deliverRepliesSubscriber: NotificationSubscriber<JobDeps> = {
  name: "deliver-replies",
  kinds: ["message.added", "ticket.created"],
  async handle(notification, deps) {
    if (!notification.ticketId) return;
    await planDelivery(
      {
        workspaceId: notification.workspaceId,
        ticketId: notification.ticketId,
        messageId: addedMessageId(notification.payload),
      },
      deps,
    );
  },
};

/** The added message's id from an enriched payload; null (the ticket's last message) for older rows. */
function addedMessageId(payload: Record<string, unknown>): string | null {
  if (typeof payload.messageId === "string") return payload.messageId;
  const message = payload.message;
  if (message && typeof message === "object" && typeof (message as { id?: unknown }).id === "string") {
    return (message as { id: string }).id;
  }
  return null;
}

import type { Clock, JobQueue, TicketStore } from "../ports.ts";
import type { TicketDetail } from "../tickets/ticket.ts";
import {
  nextWebhookAttempt,
  signWebhook,
  type WebhookStore,
  webhookDeliveryJob,
  webhookPauseAfterFailures,
  webhookTimeoutMs,
} from "./webhooks.ts";

export type WebhookDeps = { webhooks: WebhookStore; tickets: TicketStore; clock: Clock; jobs: JobQueue };

export type WebhookNotification = {
  id: number;
  workspaceId: string;
  kind: string;
  ticketId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
};

const presentTicket = (ticket: TicketDetail) => ({
  id: ticket.id,
  customerId: ticket.customerId,
  channel: ticket.channel,
  subject: ticket.subject,
  status: ticket.status,
  priority: ticket.priority,
  tags: ticket.tags,
  topic: ticket.topic,
  assigneeId: ticket.assigneeId,
  teamId: ticket.teamId,
  createdAt: ticket.createdAt.toISOString(),
  updatedAt: ticket.updatedAt.toISOString(),
  csat: ticket.csat ? { ...ticket.csat, at: ticket.csat.at.toISOString() } : null,
});

/** The JSON body every subscriber of a notification receives. */
export function webhookBody(notification: WebhookNotification, ticket: TicketDetail | null): string {
  const messageId = (notification.payload.message as { id?: string } | undefined)?.id;
  const message =
    notification.kind === "message.added" && ticket
      ? (ticket.messages.find((candidate) => candidate.id === messageId) ?? ticket.messages.at(-1) ?? null)
      : null;
  return JSON.stringify({
    id: `evt_${notification.id}`,
    kind: notification.kind,
    occurredAt: notification.createdAt.toISOString(),
    workspaceId: notification.workspaceId,
    data: {
      ticket: ticket ? presentTicket(ticket) : null,
      ...(message
        ? {
            message: {
              id: message.id,
              at: message.at.toISOString(),
              author: message.author,
              public: message.public,
              body: message.body,
            },
          }
        : {}),
      change: notification.payload,
    },
  });
}

/** One pending delivery per active subscription that wants this kind, each sent by its own job. */
export async function fanOutWebhooks(notification: WebhookNotification, deps: WebhookDeps): Promise<number> {
  const subscriptions = await deps.webhooks.subscribersOf(notification.workspaceId, notification.kind);
  if (subscriptions.length === 0) return 0;
  const ticket = notification.ticketId ? await deps.tickets.get(notification.workspaceId, notification.ticketId) : null;
  const body = webhookBody(notification, ticket);
  let created = 0;
  for (const subscription of subscriptions) {
    const delivery = await deps.webhooks.addDelivery(
      subscription.id,
      { notificationId: notification.id, kind: notification.kind, body },
      deps.clock.now(),
    );
    if (!delivery) continue;
    await deps.jobs.schedule(webhookDeliveryJob, { deliveryId: delivery.id }, { singletonKey: `${delivery.id}:1` });
    created += 1;
  }
  return created;
}

export type DeliveryOutcome = "succeeded" | "retrying" | "failed" | "skipped";

/** Sends one delivery, signed; a failure is retried with exponential backoff through the job queue. */
export async function deliverWebhook(
  input: { deliveryId: string },
  deps: Omit<WebhookDeps, "tickets">,
): Promise<DeliveryOutcome> {
  const found = await deps.webhooks.delivery(input.deliveryId);
  if (found?.delivery.status !== "pending") return "skipped";
  const { delivery, workspaceId } = found;
  const subscription = await deps.webhooks.get(workspaceId, delivery.subscriptionId);
  if (!subscription) return "skipped";
  if (subscription.status !== "active") {
    await deps.webhooks.skipDelivery(delivery.id, "the subscription is paused");
    return "skipped";
  }
  const at = deps.clock.now();
  let responseStatus: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(subscription.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "SupportResponder-Webhooks/1",
        "x-responder-event": delivery.kind,
        "x-responder-delivery": delivery.id,
        "x-responder-signature": signWebhook(subscription.secret, delivery.body, at),
      },
      body: delivery.body,
      redirect: "manual",
      signal: AbortSignal.timeout(webhookTimeoutMs),
    });
    responseStatus = response.status;
    await response.body?.cancel();
    if (response.status < 200 || response.status >= 300) error = `the receiver answered HTTP ${response.status}`;
  } catch (cause) {
    error = cause instanceof Error ? `could not deliver: ${cause.message}` : "could not deliver";
  }
  if (error === null) {
    await deps.webhooks.recordAttempt(
      delivery.id,
      { ok: true, at, responseStatus: responseStatus ?? 200 },
      webhookPauseAfterFailures,
    );
    return "succeeded";
  }
  const attempts = delivery.attempts + 1;
  const retryAt = nextWebhookAttempt(attempts, at);
  const updated = await deps.webhooks.recordAttempt(
    delivery.id,
    { ok: false, at, responseStatus, error, retryAt },
    webhookPauseAfterFailures,
  );
  if (!retryAt) return "failed";
  if (updated.status !== "active") {
    await deps.webhooks.skipDelivery(delivery.id, `the subscription was paused: ${error}`);
    return "skipped";
  }
  await deps.jobs.schedule(
    webhookDeliveryJob,
    { deliveryId: delivery.id },
    { runAt: retryAt, singletonKey: `${delivery.id}:${attempts + 1}` },
  );
  return "retrying";
}

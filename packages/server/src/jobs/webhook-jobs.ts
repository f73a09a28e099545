import { z } from "zod";
import { deliverWebhook, fanOutWebhooks } from "../core/automation/deliver-webhooks.ts";
import { webhookDeliveryJob, webhookEventKinds } from "../core/automation/webhooks.ts";
import type { AutomationJobDeps } from "./automation-deps.ts";
import type { JobDefinition, NotificationSubscriber } from "./job-definition.ts";

/** Every change a webhook may subscribe to becomes one delivery per matching subscription. */
export const webhookFanOutSubscriber: NotificationSubscriber<AutomationJobDeps> = {
  name: "webhook-fan-out",
  kinds: [...webhookEventKinds],
  async handle(notification, deps) {
    await fanOutWebhooks(notification, deps);
  },
};

/** Sends one delivery; it schedules its own retries (backoff in core/automation/webhooks.ts). */
export const webhookDeliveryDefinition: JobDefinition<{ deliveryId: string }, AutomationJobDeps> = {
  name: webhookDeliveryJob,
  payload: z.object({ deliveryId: z.string() }),
  retryLimit: 0,
  async handle(payload, deps) {
    await deliverWebhook(payload, deps);
  },
};

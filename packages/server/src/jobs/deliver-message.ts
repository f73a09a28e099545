import { z } from "zod";
import { deliverMessage, deliverMessageJob, planDelivery } from "../core/channels/deliver-message.ts";
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
    await deliverMessage(payload, deps);
  },
};

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

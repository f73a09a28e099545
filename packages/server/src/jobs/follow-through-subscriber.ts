import { askForConfirmation } from "./confirmation-window.ts";
import { followEscalations } from "./escalation.ts";
import { followUpFromReply } from "./follow-up-due.ts";
import type { NotificationSubscriber } from "./job-definition.ts";
import type { JobDeps } from "./job-deps.ts";
import { scheduleSlaTimers } from "./sla-check.ts";

type NotifiedEvent = { type?: unknown; to?: unknown };

/**
 * Keeps the desk's time-based promises in step with every ticket change: (re)schedules the SLA
 * timers, asks for confirmation when a ticket is solved, turns promised follow-ups into reminders,
 * escalates urgent tickets left unanswered and tells an escalation's owner when the other team answers.
 */
export const followThroughSubscriber: NotificationSubscriber<JobDeps> = {
  name: "follow-through",
  kinds: ["ticket.created", "ticket.updated", "message.added"],
  async handle(notification, deps) {
    if (!notification.ticketId) return;
    const ticket = await deps.tickets.get(notification.workspaceId, notification.ticketId);
    if (!ticket) return;
    const events = Array.isArray(notification.payload.events) ? (notification.payload.events as NotifiedEvent[]) : [];
    if (events.some((event) => event.type === "status_changed" && event.to === "solved")) {
      await askForConfirmation(notification.workspaceId, ticket, deps);
    }
    const notified = notification.payload.message as { id?: unknown; author?: unknown; public?: unknown } | undefined;
    const message =
      notification.kind === "message.added" && notified && typeof notified.id === "string"
        ? { id: notified.id, author: String(notified.author), public: notified.public === true }
        : null;
    if (message) await followUpFromReply(notification.workspaceId, ticket, message, deps);
    const escalatedNow = events.some((event) => event.type === "escalated");
    await followEscalations(notification.workspaceId, ticket, message, deps, escalatedNow);
    await scheduleSlaTimers(notification.workspaceId, ticket, deps);
  },
};

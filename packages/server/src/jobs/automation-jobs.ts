import { autoAssignNewTicket, runTriggers } from "../core/automation/run-automation.ts";
import type { ArticleStore } from "../core/ports.ts";
import type { AutomationJobDeps } from "./automation-deps.ts";
import { interactionReportSubscriber } from "./automation-interaction-report.ts";
import { csatReminderDefinition, csatReplySubscriber } from "./csat-jobs.ts";
import type { JobDefinition, NotificationSubscriber } from "./job-definition.ts";
import { webhookDeliveryDefinition, webhookFanOutSubscriber } from "./webhook-jobs.ts";

type Deps = AutomationJobDeps & { articles: ArticleStore };

export const triggerSubscriber: NotificationSubscriber<Deps> = {
  name: "automation-triggers",
  kinds: ["ticket.created", "ticket.updated", "message.added"],
  async handle(notification, deps) {
    await runTriggers(notification, deps);
  },
};

export const autoAssignSubscriber: NotificationSubscriber<Deps> = {
  name: "automation-auto-assign",
  kinds: ["ticket.created"],
  async handle(notification, deps) {
    if (!notification.ticketId) return;
    await autoAssignNewTicket({ workspaceId: notification.workspaceId, ticketId: notification.ticketId }, deps);
  },
};

/** CSAT, interaction reports, webhooks and automation, for jobs/registry.ts. */
export const automationJobs: JobDefinition<never, Deps>[] = [
  csatReminderDefinition as unknown as JobDefinition<never, Deps>,
  webhookDeliveryDefinition as unknown as JobDefinition<never, Deps>,
];

export const automationSubscribers: NotificationSubscriber<Deps>[] = [
  csatReplySubscriber,
  interactionReportSubscriber,
  webhookFanOutSubscriber,
  autoAssignSubscriber,
  triggerSubscriber,
];

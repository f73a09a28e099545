import { autoAssignNewTicket, runTriggers } from "../core/automation/run-automation.ts";
import type { ArticleStore } from "../core/ports.ts";
import { liveChatChannels, routingSettingsOf } from "../core/routing/routing-rules.ts";
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
    if (await routingAssignsLiveChat(notification.workspaceId, notification.ticketId, deps)) return;
    await autoAssignNewTicket({ workspaceId: notification.workspaceId, ticketId: notification.ticketId }, deps);
  },
};

/** Where routing is on, it assigns live chats itself, within each agent's concurrent-chat limit. */
async function routingAssignsLiveChat(workspaceId: string, ticketId: string, deps: Deps): Promise<boolean> {
  const ticket = await deps.tickets.get(workspaceId, ticketId);
  if (!ticket || !liveChatChannels.includes(ticket.channel)) return false;
  const profile = await deps.workspaces.profile(workspaceId);
  return routingSettingsOf(profile?.settings ?? {}).enabled;
}

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

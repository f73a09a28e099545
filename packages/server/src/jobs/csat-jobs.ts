import { z } from "zod";
import { csatReminderJob } from "../core/csat/csat.ts";
import { answerCsatByReply, remindCsatSurvey } from "../core/csat/csat-use-cases.ts";
import { type AutomationJobDeps, addedMessageId, defaultPublicUrl } from "./automation-deps.ts";
import type { JobDefinition, NotificationSubscriber } from "./job-definition.ts";

const csatDeps = (deps: AutomationJobDeps) => ({ ...deps, publicUrl: deps.publicUrl ?? defaultPublicUrl });

/**
 * Whether the workspace sends the survey when a ticket is solved (in the same message as the
 * confirmation question): on unless its `csat.sendOnSolve` setting is false.
 */
export function sendsSurveyOnSolve(settings: Record<string, unknown>): boolean {
  const csat = settings.csat as { sendOnSolve?: unknown } | undefined;
  return csat?.sendOnSolve !== false;
}

/** On chat, social and phone the customer answers with a bare 1–5 right after the survey. */
export const csatReplySubscriber: NotificationSubscriber<AutomationJobDeps> = {
  name: "csat-reply",
  kinds: ["message.added"],
  async handle(notification, deps) {
    if (!notification.ticketId) return;
    const added = notification.payload.message as { author?: unknown } | undefined;
    if (added && added.author !== "customer") return;
    const ticket = await deps.tickets.get(notification.workspaceId, notification.ticketId);
    if (!ticket) return;
    const messageId = addedMessageId(notification.payload, ticket.messages);
    if (!messageId) return;
    await answerCsatByReply({ workspaceId: notification.workspaceId, ticketId: ticket.id, messageId }, deps);
  },
};

export const csatReminderDefinition: JobDefinition<
  { workspaceId: string; ticketId: string; token: string },
  AutomationJobDeps
> = {
  name: csatReminderJob,
  payload: z.object({ workspaceId: z.string(), ticketId: z.string(), token: z.string() }),
  async handle(payload, deps) {
    await remindCsatSurvey(payload, csatDeps(deps));
  },
};

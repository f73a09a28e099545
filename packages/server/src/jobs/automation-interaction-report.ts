import { writeInteractionReport } from "../core/interaction-report/write-interaction-report.ts";
import type { ArticleStore } from "../core/ports.ts";
import type { Responder } from "../responder/responder.ts";
import type { AutomationJobDeps } from "./automation-deps.ts";
import type { NotificationSubscriber } from "./job-definition.ts";

/** The responder's triage, as the interaction report needs it. */
export function triageWith(responder: Responder) {
  return async (workspaceId: string, ticketId: string) => {
    const draft = await responder.draft(workspaceId, ticketId);
    return {
      category: draft.triage.category,
      topic: draft.triage.topic,
      sentiment: draft.triage.sentiment,
      frustration: draft.triage.frustration,
      articleIds: draft.citations.filter((citation) => citation.kind === "article").map((citation) => citation.id),
    };
  };
}

/** A ticket that is solved (or closed) gets its interaction report written, or rewritten. */
export const interactionReportSubscriber: NotificationSubscriber<AutomationJobDeps & { articles: ArticleStore }> = {
  name: "interaction-report",
  kinds: ["ticket.updated"],
  async handle(notification, deps) {
    if (!notification.ticketId) return;
    const fields = notification.payload.fields;
    if (Array.isArray(fields) && fields.length > 0 && !fields.includes("status") && !fields.includes("csat")) return;
    await writeInteractionReport(
      { workspaceId: notification.workspaceId, ticketId: notification.ticketId },
      { ...deps, triage: triageWith(deps.responder) },
    );
  },
};

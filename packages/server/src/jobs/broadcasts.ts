import { draftFixedIssueBroadcast } from "../core/broadcasts/broadcast-use-cases.ts";
import type { NotificationSubscriber } from "./job-definition.ts";
import type { JobDeps } from "./job-deps.ts";
import { ticketLanguage } from "./ticket-language.ts";

/** When a known issue becomes fixed, the responder drafts the broadcast to its customers; an admin approves it. */
export const fixedIssueBroadcastSubscriber: NotificationSubscriber<JobDeps> = {
  name: "fixed-issue-broadcast",
  kinds: ["known_issue.status_changed"],
  async handle(notification, deps) {
    const { knownIssueId, to } = notification.payload;
    if (to !== "fixed" || typeof knownIssueId !== "string") return;
    await draftFixedIssueBroadcast(
      { workspaceId: notification.workspaceId, knownIssueId, triggerKey: `notification:${notification.id}` },
      { ...deps, languageOf: ticketLanguage },
    );
  },
};

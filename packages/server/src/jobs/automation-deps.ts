import type { AutomationStore } from "../core/automation/automation-ports.ts";
import type { WebhookStore } from "../core/automation/webhooks.ts";
import type { CsatStore } from "../core/csat/csat.ts";
import type { InteractionReportStore } from "../core/interaction-report/interaction-report.ts";
import type { Clock, CustomerStore, JobQueue, KnownIssueStore, TicketStore, WorkspaceStore } from "../core/ports.ts";
import type { Responder } from "../responder/responder.ts";

/** What the CSAT, report, webhook and automation jobs need; the desk plus its job queue provide it. */
export type AutomationJobDeps = {
  tickets: TicketStore;
  customers: CustomerStore;
  workspaces: WorkspaceStore;
  knownIssues: KnownIssueStore;
  responder: Responder;
  clock: Clock;
  jobs: JobQueue;
  csat: CsatStore;
  webhooks: WebhookStore;
  automation: AutomationStore;
  interactionReports: InteractionReportStore;
  /** Where customers reach the desk (survey links); the local default when unset. */
  publicUrl?: string;
};

export const defaultPublicUrl = "http://127.0.0.1:3000";

/** The id of the message a `message.added` notification is about: from its payload, else the newest. */
export function addedMessageId(payload: Record<string, unknown>, messages: readonly { id: string }[]): string | null {
  const message = payload.message as { id?: unknown } | undefined;
  if (message && typeof message.id === "string") return message.id;
  if (typeof payload.messageId === "string") return payload.messageId;
  return messages.at(-1)?.id ?? null;
}

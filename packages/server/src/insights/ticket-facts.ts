/**
 * What the report needs to know about one ticket for one period, read from its messages and
 * events dated before the period's end (see report-store.ts). Instants are epoch milliseconds.
 */
export type TicketFacts = {
  id: string;
  subject: string | null;
  channel: string;
  priority: string | null;
  topic: string | null;
  /** The assigned agent at the end of the period. */
  assigneeId: string | null;
  /** The team at the end of the period. */
  teamId: string | null;
  knownIssueId: string | null;
  createdAt: number;
  /** The first public message by an agent or the responder, before the period's end. */
  firstReplyAt: number | null;
  /** Public messages by an agent or the responder, before the period's end. */
  publicReplies: number;
  /** An `escalated` event before the period's end. */
  escalated: boolean;
  /** A `reopened` event before the period's end. */
  reopened: boolean;
  /** The first `status_changed` to `solved`, when it came before the period's end. */
  firstSolvedAt: number | null;
  /** A `status_changed` to `solved` inside the period. */
  solvedInPeriod: boolean;
  /** The status at the end of the period (or now, for the current period), from the event log. */
  statusAtEnd: string;
  csatScore: number | null;
  csatAt: number | null;
};

export const openStatuses: readonly string[] = ["new", "open", "pending", "on_hold"];

export type SlaPolicy = { priority?: string; channel?: string; firstResponseMinutes: number };

/** Minutes allowed for the first response: the strictest matching SLA policy, 120 when none matches. */
export function firstResponseTargetMinutes(
  ticket: Pick<TicketFacts, "channel" | "priority">,
  policies: readonly SlaPolicy[],
): number {
  const matching = policies.filter(
    (policy) =>
      (policy.channel !== undefined && policy.channel === ticket.channel) ||
      (policy.priority !== undefined && policy.priority === ticket.priority),
  );
  return matching.length > 0 ? Math.min(...matching.map((policy) => policy.firstResponseMinutes)) : 120;
}

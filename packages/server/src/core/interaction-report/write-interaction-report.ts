import type { ArticleStore, Clock, CustomerStore, KnownIssueStore, TicketStore, WorkspaceStore } from "../ports.ts";
import type { SlaClock } from "../sla/ticket-clock.ts";
import { ticketSla } from "../sla/ticket-sla.ts";
import {
  buildInteractionReport,
  type InteractionReport,
  type InteractionReportStore,
  type SlaOutcome,
} from "./interaction-report.ts";

export type TicketTriage = {
  category: string;
  topic: string;
  sentiment: string;
  frustration: number;
  /** Articles the responder cited for this ticket. */
  articleIds: string[];
};

export type InteractionReportDeps = {
  tickets: TicketStore;
  customers: CustomerStore;
  knownIssues: KnownIssueStore;
  workspaces: WorkspaceStore;
  articles: ArticleStore;
  interactionReports: InteractionReportStore;
  clock: Clock;
  /** The responder's triage of a ticket, from its stored messages; null when it cannot triage. */
  triage(workspaceId: string, ticketId: string): Promise<TicketTriage | null>;
};

const outcomeOf = (clock: SlaClock): SlaOutcome => (clock.breached ? "missed" : clock.metAt ? "met" : "no_target");

/**
 * Writes (or rewrites) the report of a solved or closed ticket from what is stored about it.
 * Returns null for a ticket that is not solved or closed.
 */
export async function writeInteractionReport(
  input: { workspaceId: string; ticketId: string },
  deps: InteractionReportDeps,
): Promise<InteractionReport | null> {
  const ticket = await deps.tickets.get(input.workspaceId, input.ticketId);
  if (!ticket || (ticket.status !== "solved" && ticket.status !== "closed")) return null;
  const now = deps.clock.now();
  const [customer, profile, priorPage, knownIssue, triage] = [
    await deps.customers.get(input.workspaceId, ticket.customerId),
    await deps.workspaces.profile(input.workspaceId),
    await deps.tickets.list(input.workspaceId, { customerId: ticket.customerId }, { limit: 200 }),
    ticket.knownIssueId ? await deps.knownIssues.get(input.workspaceId, ticket.knownIssueId) : null,
    await deps.triage(input.workspaceId, ticket.id).catch(() => null),
  ];
  const articles = [];
  for (const articleId of triage?.articleIds ?? []) {
    const article = await deps.articles.get(input.workspaceId, articleId);
    if (article) articles.push({ id: article.id, title: article.title });
  }
  const sla = ticketSla(ticket, profile ?? { timezone: "UTC", businessHours: null, slaPolicies: [] }, now);
  const report = buildInteractionReport({
    ticket,
    customer,
    priorTickets: priorPage.items
      .filter((prior) => prior.id !== ticket.id && prior.createdAt.getTime() < ticket.createdAt.getTime())
      .map((prior) => ({
        id: prior.id,
        createdAt: prior.createdAt,
        topic: prior.topic,
        csatScore: prior.csat?.score ?? null,
      })),
    triage,
    knownIssue: knownIssue ? { id: knownIssue.id, title: knownIssue.title, status: knownIssue.status } : null,
    articles,
    sla: { firstResponse: outcomeOf(sla.firstResponse), resolution: outcomeOf(sla.resolution) },
    teamNames: Object.fromEntries((profile?.teams ?? []).map((team) => [team.id, team.name])),
    writtenAt: now,
  });
  await deps.interactionReports.save(input.workspaceId, ticket.id, report, now);
  return report;
}

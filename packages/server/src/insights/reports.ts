import type { Clock } from "../core/ports.ts";
import type { Database } from "../storage/database.ts";
import { buildReport, type ReportContext, type TicketFigures, ticketFigures } from "./aggregate.ts";
import { createKnowledgeEvidence } from "./article-health-reports.ts";
import { monthPeriod, previousMonth } from "./period.ts";
import { renderReportCsv } from "./render-csv.ts";
import { monthTitle, renderReportMarkdown } from "./render-markdown.ts";
import { defaultTargets, type Report, type ReportTargets, reportTargetsSchema } from "./report-schema.ts";
import {
  countTicketsCreatedByTopic,
  loadArticleTexts,
  loadKnownIssueStatuses,
  loadTicketFacts,
  reportMonth,
} from "./report-store.ts";
import { discoverTopics, type TopicDiscovery } from "./topic-discovery/discover-topics.ts";
import { loadUntaggedTickets } from "./topic-discovery/untagged-tickets.ts";

export type Reports = {
  /** The report of a calendar month `YYYY-MM` in the workspace's time zone; the current month when absent. */
  monthly(workspaceId: string, month?: string): Promise<Report>;
  /** One row per ticket the month's report touches, with every per-ticket figure. */
  monthlyCsv(workspaceId: string, month?: string): Promise<string>;
  /** The brief's table: metric, current, target, status; then top issues and recommendations. */
  monthlyMarkdown(workspaceId: string, month?: string): Promise<string>;
  /** Topics found by clustering the month's tickets that have none, for the team to name and keep. */
  discoveredTopics(workspaceId: string, month?: string): Promise<TopicDiscovery & { month: string }>;
};

/** The workspace's own targets (`reportTargets` among its settings), each falling back to the spec's default. */
function targetsOf(settings: Record<string, unknown>): ReportTargets {
  const parsed = reportTargetsSchema.partial().safeParse(settings.reportTargets);
  return { ...defaultTargets, ...(parsed.success ? parsed.data : {}) };
}

export function createReports(db: Database, clock: Clock): Reports {
  const figuresOf = async (workspaceId: string, month: string | undefined) => {
    const now = clock.now().getTime();
    const { workspace, month: chosen, period } = await reportMonth(db, workspaceId, month, now);
    const previous = monthPeriod(previousMonth(chosen), workspace.timezone);
    const [facts, previousTopics, articles, knownIssueStatuses] = [
      await loadTicketFacts(db, workspaceId, period, Math.min(period.end, now)),
      await countTicketsCreatedByTopic(db, workspaceId, previous),
      await loadArticleTexts(db, workspaceId),
      await loadKnownIssueStatuses(db, workspaceId),
    ];
    const context: ReportContext = {
      period,
      volumePrev: [...previousTopics.values()].reduce((sum, count) => sum + count, 0),
      previousTopicCounts: previousTopics,
      knownIssueStatuses,
      slaPolicies: workspace.slaPolicies,
      businessHours: workspace.businessHours,
      reportInBusinessHours: workspace.reportInBusinessHours,
      targets: targetsOf(workspace.extra),
      articles,
    };
    const figures: TicketFigures[] = facts.map((ticket) => ticketFigures(ticket, context));
    return { figures, context, month: chosen };
  };

  const knowledgeOf = createKnowledgeEvidence(db, clock);

  return {
    async monthly(workspaceId, month) {
      const { figures, context } = await figuresOf(workspaceId, month);
      return buildReport(figures, { ...context, knowledge: await knowledgeOf(workspaceId, context.period) });
    },
    async monthlyCsv(workspaceId, month) {
      return renderReportCsv((await figuresOf(workspaceId, month)).figures);
    },
    async monthlyMarkdown(workspaceId, month) {
      const { figures, context, month: chosen } = await figuresOf(workspaceId, month);
      const knowledge = await knowledgeOf(workspaceId, context.period);
      return renderReportMarkdown(
        buildReport(figures, { ...context, knowledge }),
        `Support Metrics — ${monthTitle(chosen)}`,
      );
    },
    async discoveredTopics(workspaceId, month) {
      const { month: chosen, period } = await reportMonth(db, workspaceId, month, clock.now().getTime());
      return { month: chosen, ...discoverTopics(await loadUntaggedTickets(db, workspaceId, period)) };
    },
  };
}

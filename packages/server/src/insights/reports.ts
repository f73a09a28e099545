import type { Clock } from "../core/ports.ts";
import type { Database } from "../storage/database.ts";
import { buildReport, type ReportContext, weeksOf } from "./aggregate.ts";
import { createKnowledgeEvidence } from "./article-health-reports.ts";
import { monthPeriod, previousMonth } from "./period.ts";
import { renderReportCsv } from "./render-csv.ts";
import { monthTitle, renderReportMarkdown } from "./render-markdown.ts";
import type { FiguresInput } from "./report-figures.ts";
import { defaultTargets, type Report, type ReportTargets, reportTargetsSchema } from "./report-schema.ts";
import {
  countTicketsCreatedByTopic,
  loadArticleTexts,
  loadKnownIssueStatuses,
  loadReportTotals,
  loadTicketFigures,
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

/**
 * `sideBySide`: the database is a Postgres server, where a report's reads can run on two connections
 * at once (see loadReportTotals).
 */
export function createReports(db: Database, clock: Clock, options: { sideBySide?: boolean } = {}): Reports {
  const knowledgeOf = createKnowledgeEvidence(db, clock);

  const monthOf = async (workspaceId: string, month: string | undefined) => {
    const now = clock.now().getTime();
    const { workspace, month: chosen, period } = await reportMonth(db, workspaceId, month, now);
    const figures: FiguresInput = {
      workspaceId,
      period,
      openAt: Math.min(period.end, now),
      slaPolicies: workspace.slaPolicies,
      businessHours: workspace.reportInBusinessHours ? workspace.businessHours : null,
      weekStarts: weeksOf(period).map((week) => week.start),
    };
    return { workspace, month: chosen, period, figures };
  };

  const reportOf = async (workspaceId: string, month: string | undefined) => {
    const { workspace, month: chosen, period, figures } = await monthOf(workspaceId, month);
    const previous = monthPeriod(previousMonth(chosen), workspace.timezone);
    // The knowledge-base evidence reads articles and weekly topic counts: beside the report's own reads.
    const [totals, knowledge] = await Promise.all([
      loadReportTotals(db, figures, options.sideBySide ?? false),
      knowledgeOf(workspaceId, period),
    ]);
    const previousTopics = await countTicketsCreatedByTopic(db, workspaceId, previous);
    const articles = await loadArticleTexts(db, workspaceId);
    const knownIssueStatuses = await loadKnownIssueStatuses(db, workspaceId);
    const context: ReportContext = {
      period,
      volumePrev: [...previousTopics.values()].reduce((sum, count) => sum + count, 0),
      previousTopicCounts: previousTopics,
      knownIssueStatuses,
      targets: targetsOf(workspace.extra),
      articles,
      knowledge,
    };
    return { report: buildReport(totals, context), month: chosen };
  };

  return {
    async monthly(workspaceId, month) {
      return (await reportOf(workspaceId, month)).report;
    },
    async monthlyCsv(workspaceId, month) {
      return renderReportCsv(await loadTicketFigures(db, (await monthOf(workspaceId, month)).figures));
    },
    async monthlyMarkdown(workspaceId, month) {
      const { report, month: chosen } = await reportOf(workspaceId, month);
      return renderReportMarkdown(report, `Support Metrics — ${monthTitle(chosen)}`);
    },
    async discoveredTopics(workspaceId, month) {
      const { month: chosen, period } = await reportMonth(db, workspaceId, month, clock.now().getTime());
      return { month: chosen, ...discoverTopics(await loadUntaggedTickets(db, workspaceId, period)) };
    },
  };
}

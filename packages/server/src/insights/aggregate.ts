import { describeEffect, expectedDeflection, type KnowledgeEvidence, successReductionPct } from "./article-health.ts";
import type { Period } from "./period.ts";
import { instantAt, wallClock } from "./period.ts";
import { noTopic } from "./report-figures.ts";
import type { BreakdownRow, Breakdowns, Report, ReportTargets, TopIssue } from "./report-schema.ts";
import { breakdownNames, type FigureTotals, type ReportTotals } from "./report-store.ts";

/** Everything about the workspace and the period the figures depend on, besides the tickets. */
export type ReportContext = {
  period: Period;
  /** Tickets created in the previous period (the previous calendar month for a monthly report). */
  volumePrev: number;
  /** Tickets created in the previous period by topic ("" for none), for each top issue's trend. */
  previousTopicCounts?: ReadonlyMap<string, number>;
  /** Status of each known issue, by id. */
  knownIssueStatuses?: ReadonlyMap<string, string>;
  targets: ReportTargets;
  articles: readonly { title: string; body: string; tags: readonly string[] }[];
  /** Articles' measured effect on their topics and articles flagged for rework (insights/article-health.ts). */
  knowledge?: KnowledgeEvidence;
};

export const earlierWeeks = "earlier";
const hour = 3_600_000;

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The middle value; of an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const percentOf = (part: number, whole: number): number | null => (whole === 0 ? null : (100 * part) / whole);
const hours = (milliseconds: number | null): number | null => (milliseconds === null ? null : milliseconds / hour);

/** An empty group, for a week without tickets. */
const noTickets = (breakdown: FigureTotals["breakdown"], key: string): FigureTotals => ({
  breakdown,
  key,
  volume: 0,
  responses: 0,
  frtTotalMs: 0,
  frtMet: 0,
  solved: 0,
  resolvedFirst: 0,
  scores: 0,
  scoreTotal: 0,
  satisfied: 0,
  open: 0,
  resolutions: 0,
  resolutionTotalMs: 0,
  createdEscalated: 0,
  createdSolved: 0,
  createdResolvedFirst: 0,
  createdScores: 0,
  createdScoreTotal: 0,
});

/** The report of spec/metrics.md from the sums of the period's per-ticket figures (report-store.ts). */
export function buildReport(totals: ReportTotals, context: ReportContext): Report {
  const all = totals.groups.find((group) => group.breakdown === "all") ?? noTickets("all", "");
  const volume = all.volume;
  const report: Report = {
    period: {
      start: new Date(context.period.start).toISOString(),
      end: new Date(context.period.end).toISOString(),
      timezone: context.period.timezone,
    },
    volume,
    volumePrev: context.volumePrev,
    volumeChangePct: context.volumePrev === 0 ? null : (100 * (volume - context.volumePrev)) / context.volumePrev,
    frt: {
      meanHours: all.responses === 0 ? null : all.frtTotalMs / all.responses / hour,
      medianHours: hours(totals.frtMedianMs),
      targetMetPct: percentOf(all.frtMet, all.responses),
      count: all.responses,
    },
    fcrPct: percentOf(all.resolvedFirst, all.solved),
    csat: {
      mean: all.scores === 0 ? null : all.scoreTotal / all.scores,
      count: all.scores,
      satisfiedPct: percentOf(all.satisfied, all.scores),
    },
    openTickets: all.open,
    resolution: {
      meanHours: all.resolutions === 0 ? null : all.resolutionTotalMs / all.resolutions / hour,
      medianHours: hours(totals.resolutionMedianMs),
      count: all.resolutions,
    },
    escalationRatePct: percentOf(all.createdEscalated, volume),
    topIssues: topIssues(totals, context),
    targets: context.targets,
    recommendations: [],
    breakdowns: breakdowns(totals, context),
  };
  report.recommendations = recommend(report, totals, all, context);
  return report;
}

/** Each topic of the tickets created in the period, largest first, with its linked known issue. */
function topIssues(totals: ReportTotals, context: ReportContext): TopIssue[] {
  return totals.groups
    .filter((group) => group.breakdown === "topic" && group.volume > 0)
    .map((group) => {
      const issue: TopIssue = {
        topic: group.key,
        count: group.volume,
        fcrPct: percentOf(group.createdResolvedFirst, group.createdSolved),
        escalationRatePct: percentOf(group.createdEscalated, group.volume),
      };
      if (context.previousTopicCounts) {
        const countPrev = context.previousTopicCounts.get(group.key === noTopic ? "" : group.key) ?? 0;
        issue.countPrev = countPrev;
        issue.trendPct = countPrev === 0 ? null : (100 * (group.volume - countPrev)) / countPrev;
      }
      issue.csat = {
        mean: group.createdScores === 0 ? null : group.createdScoreTotal / group.createdScores,
        count: group.createdScores,
      };
      const knownIssueId = mostCommon(totals.knownIssues.filter((entry) => entry.topic === group.key));
      if (knownIssueId !== null) {
        issue.knownIssueId = knownIssueId;
        const status = context.knownIssueStatuses?.get(knownIssueId);
        if (status) issue.knownIssueStatus = status;
      }
      return issue;
    })
    .sort((left, right) => right.count - left.count || compareText(left.topic, right.topic));
}

/** The core figures of one group of tickets: the same definitions as the report's own. */
function breakdownRow(group: FigureTotals): BreakdownRow {
  return {
    key: group.key,
    volume: group.volume,
    frt: {
      meanHours: group.responses === 0 ? null : group.frtTotalMs / group.responses / hour,
      targetMetPct: percentOf(group.frtMet, group.responses),
      count: group.responses,
    },
    fcrPct: percentOf(group.resolvedFirst, group.solved),
    csat: { mean: group.scores === 0 ? null : group.scoreTotal / group.scores, count: group.scores },
    openTickets: group.open,
  };
}

/** "YYYY-MM-DD" of a calendar date; out-of-range days roll over like Date.UTC. */
const dateKey = (year: number, month: number, day: number): string =>
  new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);

/**
 * The weeks (Monday 00:00 in the time zone) from the one containing `start` through the one containing
 * `end - 1`, each with the instant it starts and its Monday's date.
 */
export function weeksOf(
  period: { start: number; end: number; timezone: string },
  maximum = 60,
): { start: number; key: string }[] {
  const first = wallClock(period.start, period.timezone);
  const back = (first.weekday + 6) % 7;
  const weeks: { start: number; key: string }[] = [];
  for (let offset = -back; ; offset += 7) {
    const start = instantAt(period.timezone, first.year, first.month, first.day + offset);
    if (start >= period.end) break;
    weeks.push({ start, key: dateKey(first.year, first.month, first.day + offset) });
    if (weeks.length > maximum) break;
  }
  return weeks;
}

/** The figures of the tickets the report touches, grouped by week created, channel, team, agent, priority and topic. */
function breakdowns(totals: ReportTotals, context: ReportContext): Breakdowns {
  const weeks = weeksOf(context.period);
  // A week group's key is its number among the weeks (report-figures.ts); every week has a row, even an empty one.
  const weekKey = (number: string): string =>
    number === "0" ? earlierWeeks : (weeks[Number(number) - 1]?.key ?? number);
  const weekRows = new Map<string, FigureTotals>(weeks.map((week) => [week.key, noTickets("week", week.key)]));
  const grouped = {} as Breakdowns;
  for (const name of breakdownNames) {
    const groups = totals.groups.filter((group) => group.breakdown === name);
    if (name === "week") {
      for (const group of groups) weekRows.set(weekKey(group.key), { ...group, key: weekKey(group.key) });
      grouped.week = [...weekRows.values()]
        .map(breakdownRow)
        .sort((left, right) =>
          left.key === earlierWeeks ? -1 : right.key === earlierWeeks ? 1 : compareText(left.key, right.key),
        );
    } else {
      grouped[name] = groups
        .map(breakdownRow)
        .sort(
          (left, right) =>
            right.volume - left.volume || right.openTickets - left.openTickets || compareText(left.key, right.key),
        );
    }
  }
  return grouped;
}

const compareText = (left: string, right: string): number => (left < right ? -1 : left > right ? 1 : 0);

/** The known issue most of the entries link to; of a tie, the first by id. */
function mostCommon(entries: readonly { knownIssueId: string; count: number }[]): string | null {
  let best: { knownIssueId: string; count: number } | null = null;
  for (const entry of entries) {
    if (!best || entry.count > best.count || (entry.count === best.count && entry.knownIssueId < best.knownIssueId)) {
      best = entry;
    }
  }
  return best?.knownIssueId ?? null;
}

/** Topics with at least this many tickets in the period and no article mentioning them get an article suggested. */
export const articleSuggestionMinimumTickets = 10;
const maximumArticleSuggestions = 3;

const oneDecimal = (value: number): string => (Math.round(value * 10) / 10).toFixed(1);

function recommend(
  report: Report,
  totals: ReportTotals,
  all: FigureTotals,
  context: ReportContext,
): Report["recommendations"] {
  const recommendations: Report["recommendations"] = [];
  const { targets } = report;

  if (report.fcrPct !== null && report.fcrPct < targets.fcrPct) {
    const escalated = all.createdEscalated;
    const fcrEvidence = `FCR ${oneDecimal(report.fcrPct)}% against a target of ${targets.fcrPct}%`;
    const ranked = report.topIssues
      .map((issue) => ({ issue, escalated: Math.round(((issue.escalationRatePct ?? 0) * issue.count) / 100) }))
      .filter((entry) => entry.escalated > 0)
      .sort((left, right) => right.escalated - left.escalated || right.issue.count - left.issue.count);
    const worst = ranked[0];
    if (worst) {
      const share = (100 * worst.escalated) / escalated;
      const knownIssue = worst.issue.knownIssueId ? ` (known issue ${worst.issue.knownIssueId})` : "";
      recommendations.push({
        text:
          `FCR is ${oneDecimal(targets.fcrPct - report.fcrPct)} pp below target. Largest share of escalations: ` +
          `"${worst.issue.topic}"${knownIssue}, ${oneDecimal(share)}% of escalated tickets; ` +
          `resolving it at first contact would lift FCR the most.`,
        evidence: [
          fcrEvidence,
          `"${worst.issue.topic}": ${worst.escalated} of ${worst.issue.count} tickets escalated (${oneDecimal(worst.issue.escalationRatePct ?? 0)}%)`,
          `${worst.escalated} of ${escalated} escalated tickets created this period (${oneDecimal(share)}%)`,
        ],
      });
    } else {
      recommendations.push({
        text: `FCR is ${oneDecimal(targets.fcrPct - report.fcrPct)} pp below target with no escalations: look at tickets that needed more than one reply.`,
        evidence: [fcrEvidence, "0 escalated tickets created this period"],
      });
    }
  }

  if (report.frt.meanHours !== null && report.frt.meanHours >= targets.frtHours) {
    // A channel's first-response figures count the tickets created in the period, as the report's own do.
    const slowest = report.breakdowns.channel
      .filter((row) => row.frt.meanHours !== null)
      .map((row) => ({ channel: row.key, meanHours: row.frt.meanHours as number, count: row.frt.count }))
      .sort((left, right) => right.meanHours - left.meanHours || compareText(left.channel, right.channel))[0];
    if (slowest) {
      recommendations.push({
        text: `First response is over target; the slowest channel is ${slowest.channel} (${oneDecimal(slowest.meanHours)} h on average): staff it or route it first.`,
        evidence: [
          `mean first response ${oneDecimal(report.frt.meanHours)} h against a target under ${targets.frtHours} h`,
          `${slowest.channel}: mean first response ${oneDecimal(slowest.meanHours)} h over ${slowest.count} tickets`,
        ],
      });
    }
  }

  const uncovered = report.topIssues
    .filter((issue) => issue.topic !== noTopic && issue.count >= articleSuggestionMinimumTickets)
    .filter((issue) => !context.articles.some((article) => articleMentions(article, issue.topic)))
    .slice(0, maximumArticleSuggestions);
  // Deflection is estimated from what this workspace's own articles did to their topics, or the spec's goal without any.
  const effects = context.knowledge?.effects ?? [];
  const deflection = expectedDeflection(effects);
  const deflectionEvidence =
    deflection.source === "measured"
      ? `expected reduction ${oneDecimal(deflection.reductionPct)}%: the median of ${deflection.articlesMeasured} of this workspace's articles measured before and after`
      : `expected reduction ${successReductionPct}% (default: the goal for a new article; no article of this workspace has been measured before and after yet)`;
  const measuredEffects = effects
    .filter((effect) => effect.status === "measured")
    .slice(0, maximumArticleSuggestions)
    .map(describeEffect);
  for (const issue of uncovered) {
    const deflected = Math.round((issue.count * deflection.reductionPct) / 100);
    recommendations.push({
      text:
        `Write a self-service article about "${issue.topic}": ${issue.count} tickets this period and no article mentions it; ` +
        `it would deflect about ${deflected} tickets a month.`,
      evidence: [
        `"${issue.topic}": ${issue.count} of ${report.volume} tickets created this period`,
        `0 of ${context.articles.length} articles mention "${issue.topic}"`,
        deflectionEvidence,
        ...measuredEffects,
      ],
    });
  }
  for (const article of context.knowledge?.flagged ?? []) {
    const effect = effects.find((candidate) => candidate.articleId === article.articleId);
    recommendations.push({
      text: `An FAQ update is due: rework the article "${article.title}" (${article.flags.map((flag) => flag.reason.replaceAll("_", " ")).join(", ")}).`,
      evidence: [...article.flags.map((flag) => flag.evidence), ...(effect ? [describeEffect(effect)] : [])],
    });
  }
  recommendations.push(...fixInProgressEffects(report, totals, all));
  recommendations.push(...slaAtRisk(report));
  return recommendations;
}

/**
 * For each top issue whose known issue has a fix in progress: the FCR the period would have had if
 * that topic's solved tickets had been resolved at first contact (what the fix should give back).
 */
function fixInProgressEffects(report: Report, totals: ReportTotals, all: FigureTotals): Report["recommendations"] {
  if (report.fcrPct === null) return [];
  const solvedAll = all.createdSolved;
  const resolvedFirst = all.createdResolvedFirst;
  return report.topIssues
    .filter((issue) => issue.knownIssueStatus === "fix_in_progress" && issue.knownIssueId)
    .flatMap((issue) => {
      const topic = totals.groups.find((group) => group.breakdown === "topic" && group.key === issue.topic);
      const topicSolved = topic?.createdSolved ?? 0;
      const missed = topicSolved - (topic?.createdResolvedFirst ?? 0);
      if (missed === 0 || solvedAll === 0) return [];
      const estimate = (100 * (resolvedFirst + missed)) / solvedAll;
      const current = (100 * resolvedFirst) / solvedAll;
      return [
        {
          text:
            `The fix in progress for known issue ${issue.knownIssueId} ("${issue.topic}") should lift FCR of tickets created ` +
            `this period from ${oneDecimal(current)}% to about ${oneDecimal(estimate)}%: ship it and tell the affected customers.`,
          evidence: [
            `"${issue.topic}": ${missed} of ${topicSolved} solved tickets created this period were not resolved at first contact`,
            `${resolvedFirst} of ${solvedAll} solved tickets created this period were resolved at first contact`,
            `known issue ${issue.knownIssueId}: fix in progress`,
          ],
        },
      ];
    });
}

/** SLA compliance the service levels expect (spec/service-levels.md); a channel below it is at risk. */
export const expectedSlaCompliancePct = 95;

function slaAtRisk(report: Report): Report["recommendations"] {
  return report.breakdowns.channel
    .filter(
      (row) => row.frt.targetMetPct !== null && row.frt.targetMetPct < expectedSlaCompliancePct && row.frt.count >= 5,
    )
    .map((row) => ({
      text:
        `The first-response SLA on ${row.key} is at risk: only ${oneDecimal(row.frt.targetMetPct as number)}% of first ` +
        `responses were within target. Route ${row.key} first or add cover at its busiest hours.`,
      evidence: [
        `${row.key}: ${oneDecimal(row.frt.targetMetPct as number)}% of ${row.frt.count} first responses within target (expected: ${expectedSlaCompliancePct}% or more)`,
        `${row.key}: mean first response ${oneDecimal(row.frt.meanHours ?? 0)} h`,
      ],
    }));
}

const stopWords = new Set(["a", "an", "and", "the", "of", "to", "in", "on", "for", "with", "after", "or", "not"]);
const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
// Four letters keep "export"/"exporting" and "fail"/"failure" together.
const stem = (word: string): string => word.slice(0, 4);

/**
 * An article mentions a topic when the topic's phrase appears in it, or at least half of the topic's
 * significant words appear (by their first four letters) in its title or tags.
 */
export function articleMentions(
  article: { title: string; body: string; tags: readonly string[] },
  topic: string,
): boolean {
  const phrase = wordsOf(topic).join(" ");
  if (phrase === "") return false;
  const text = wordsOf(`${article.title} ${article.tags.join(" ")} ${article.body}`).join(" ");
  if (` ${text} `.includes(` ${phrase} `)) return true;
  const topicWords = wordsOf(topic).filter((word) => !stopWords.has(word));
  const headingStems = new Set(wordsOf(`${article.title} ${article.tags.join(" ")}`).map(stem));
  const found = topicWords.filter((word) => headingStems.has(stem(word))).length;
  return topicWords.length > 0 && found * 2 >= topicWords.length;
}

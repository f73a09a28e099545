import { describeEffect, expectedDeflection, type KnowledgeEvidence, successReductionPct } from "./article-health.ts";
import type { BusinessHours, Period } from "./period.ts";
import { businessMillisecondsBetween, instantAt, wallClock } from "./period.ts";
import type { BreakdownRow, Breakdowns, Report, ReportTargets, TopIssue } from "./report-schema.ts";
import { firstResponseTargetMinutes, openStatuses, type SlaPolicy, type TicketFacts } from "./ticket-facts.ts";

/** Everything about the workspace and the period the figures depend on, besides the tickets. */
export type ReportContext = {
  period: Period;
  /** Tickets created in the previous period (the previous calendar month for a monthly report). */
  volumePrev: number;
  /** Tickets created in the previous period by topic ("" for none), for each top issue's trend. */
  previousTopicCounts?: ReadonlyMap<string, number>;
  /** Status of each known issue, by id. */
  knownIssueStatuses?: ReadonlyMap<string, string>;
  slaPolicies: readonly SlaPolicy[];
  businessHours: BusinessHours | null;
  reportInBusinessHours: boolean;
  targets: ReportTargets;
  articles: readonly { title: string; body: string; tags: readonly string[] }[];
  /** Articles' measured effect on their topics and articles flagged for rework (insights/article-health.ts). */
  knowledge?: KnowledgeEvidence;
};

/** One ticket's figures for the period; a figure is null when the ticket does not count toward that metric. */
export type TicketFigures = TicketFacts & {
  createdInPeriod: boolean;
  /** Hours to the first response (business hours when the workspace reports in them); tickets created in the period. */
  frtHours: number | null;
  frtTargetMinutes: number;
  frtTargetMet: boolean | null;
  /** For tickets solved in the period: resolved at first contact. */
  fcr: boolean | null;
  /** For tickets first solved in the period: hours from creation to that first solve. */
  resolutionHours: number | null;
  /** The score received in the period. */
  csatInPeriod: number | null;
  openAtEnd: boolean;
};

export const noTopic = "(no topic)";
const hour = 3_600_000;

export function ticketFigures(facts: TicketFacts, context: ReportContext): TicketFigures {
  const { start, end } = context.period;
  const within = (instant: number | null): instant is number => instant !== null && instant >= start && instant < end;
  const createdInPeriod = within(facts.createdAt);
  const frtTargetMinutes = firstResponseTargetMinutes(facts, context.slaPolicies);
  let frtHours: number | null = null;
  if (createdInPeriod && facts.firstReplyAt !== null) {
    const elapsed =
      context.reportInBusinessHours && context.businessHours
        ? businessMillisecondsBetween(
            facts.createdAt,
            facts.firstReplyAt,
            context.businessHours,
            context.period.timezone,
          )
        : facts.firstReplyAt - facts.createdAt;
    frtHours = elapsed / hour;
  }
  // Every field written out (not spread): a literal keeps one fast object shape over a million tickets.
  return {
    id: facts.id,
    subject: facts.subject,
    channel: facts.channel,
    priority: facts.priority,
    topic: facts.topic,
    assigneeId: facts.assigneeId,
    teamId: facts.teamId,
    knownIssueId: facts.knownIssueId,
    createdAt: facts.createdAt,
    firstReplyAt: facts.firstReplyAt,
    publicReplies: facts.publicReplies,
    escalated: facts.escalated,
    reopened: facts.reopened,
    firstSolvedAt: facts.firstSolvedAt,
    solvedInPeriod: facts.solvedInPeriod,
    statusAtEnd: facts.statusAtEnd,
    csatScore: facts.csatScore,
    csatAt: facts.csatAt,
    createdInPeriod,
    frtHours,
    frtTargetMinutes,
    frtTargetMet: frtHours === null ? null : frtHours * 60 <= frtTargetMinutes,
    fcr: facts.solvedInPeriod ? facts.publicReplies === 1 && !facts.escalated && !facts.reopened : null,
    resolutionHours: within(facts.firstSolvedAt) ? (facts.firstSolvedAt - facts.createdAt) / hour : null,
    csatInPeriod: within(facts.csatAt) ? facts.csatScore : null,
    openAtEnd: facts.createdAt < end && openStatuses.includes(facts.statusAtEnd),
  };
}

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
const present = <T>(value: T | null): value is T => value !== null;

/** The report of spec/metrics.md from the per-ticket figures of one period. */
export function buildReport(figures: readonly TicketFigures[], context: ReportContext): Report {
  const created = figures.filter((ticket) => ticket.createdInPeriod);
  const responses = created.filter((ticket) => ticket.frtHours !== null);
  const solved = figures.filter((ticket) => ticket.fcr !== null);
  const resolutions = figures.map((ticket) => ticket.resolutionHours).filter(present);
  const scores = figures.map((ticket) => ticket.csatInPeriod).filter(present);
  const volume = created.length;

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
      meanHours: mean(responses.map((ticket) => ticket.frtHours as number)),
      medianHours: median(responses.map((ticket) => ticket.frtHours as number)),
      targetMetPct: percentOf(responses.filter((ticket) => ticket.frtTargetMet).length, responses.length),
      count: responses.length,
    },
    fcrPct: percentOf(solved.filter((ticket) => ticket.fcr).length, solved.length),
    csat: {
      mean: mean(scores),
      count: scores.length,
      satisfiedPct: percentOf(scores.filter((score) => score >= 4).length, scores.length),
    },
    openTickets: figures.filter((ticket) => ticket.openAtEnd).length,
    resolution: { meanHours: mean(resolutions), medianHours: median(resolutions), count: resolutions.length },
    escalationRatePct: percentOf(created.filter((ticket) => ticket.escalated).length, volume),
    topIssues: topIssues(created, context),
    targets: context.targets,
    recommendations: [],
    breakdowns: breakdowns(figures, context),
  };
  report.recommendations = recommend(report, created, context);
  return report;
}

function topIssues(created: readonly TicketFigures[], context: ReportContext): TopIssue[] {
  const groups = new Map<string, TicketFigures[]>();
  for (const ticket of created) {
    const topic = ticket.topic?.trim() || noTopic;
    const group = groups.get(topic);
    if (group) group.push(ticket);
    else groups.set(topic, [ticket]);
  }
  return [...groups.entries()]
    .map(([topic, tickets]) => {
      const solved = tickets.filter((ticket) => ticket.fcr !== null);
      const scores = tickets.map((ticket) => ticket.csatInPeriod).filter(present);
      const issue: TopIssue = {
        topic,
        count: tickets.length,
        fcrPct: percentOf(solved.filter((ticket) => ticket.fcr).length, solved.length),
        escalationRatePct: percentOf(tickets.filter((ticket) => ticket.escalated).length, tickets.length),
      };
      if (context.previousTopicCounts) {
        const countPrev = context.previousTopicCounts.get(topic === noTopic ? "" : topic) ?? 0;
        issue.countPrev = countPrev;
        issue.trendPct = countPrev === 0 ? null : (100 * (tickets.length - countPrev)) / countPrev;
      }
      issue.csat = { mean: mean(scores), count: scores.length };
      const knownIssueId = mostCommon(tickets.map((ticket) => ticket.knownIssueId).filter(present));
      if (knownIssueId !== null) {
        issue.knownIssueId = knownIssueId;
        const status = context.knownIssueStatuses?.get(knownIssueId);
        if (status) issue.knownIssueStatus = status;
      }
      return issue;
    })
    .sort((left, right) => right.count - left.count || compareText(left.topic, right.topic));
}

export const noTeam = "(no team)";
export const unassigned = "(unassigned)";
export const noPriority = "(no priority)";
export const earlierWeeks = "earlier";

/** The core figures of one group of tickets: the same definitions as the report's own. */
export function breakdownRow(key: string, tickets: readonly TicketFigures[]): BreakdownRow {
  let volume = 0;
  let responses = 0;
  let frtTotal = 0;
  let frtMet = 0;
  let solved = 0;
  let resolvedFirst = 0;
  let scores = 0;
  let scoreTotal = 0;
  let open = 0;
  for (const ticket of tickets) {
    if (ticket.createdInPeriod) volume++;
    if (ticket.createdInPeriod && ticket.frtHours !== null) {
      responses++;
      frtTotal += ticket.frtHours;
      if (ticket.frtTargetMet) frtMet++;
    }
    if (ticket.fcr !== null) {
      solved++;
      if (ticket.fcr) resolvedFirst++;
    }
    if (ticket.csatInPeriod !== null) {
      scores++;
      scoreTotal += ticket.csatInPeriod;
    }
    if (ticket.openAtEnd) open++;
  }
  return {
    key,
    volume,
    frt: {
      meanHours: responses === 0 ? null : frtTotal / responses,
      targetMetPct: percentOf(frtMet, responses),
      count: responses,
    },
    fcrPct: percentOf(resolvedFirst, solved),
    csat: { mean: scores === 0 ? null : scoreTotal / scores, count: scores },
    openTickets: open,
  };
}

/** "YYYY-MM-DD" of a calendar date; out-of-range days roll over like Date.UTC. */
const dateKey = (year: number, month: number, day: number): string =>
  new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);

/**
 * The weeks (Monday 00:00 in the time zone) from the one containing `start` through the one containing
 * `end - 1`, each with the instant it starts and its Monday's date.
 */
export function weeksOf(period: { start: number; end: number; timezone: string }): { start: number; key: string }[] {
  const first = wallClock(period.start, period.timezone);
  const back = (first.weekday + 6) % 7;
  const weeks: { start: number; key: string }[] = [];
  for (let offset = -back; ; offset += 7) {
    const start = instantAt(period.timezone, first.year, first.month, first.day + offset);
    if (start >= period.end) break;
    weeks.push({ start, key: dateKey(first.year, first.month, first.day + offset) });
    if (weeks.length > 60) break;
  }
  return weeks;
}

/** The figures of the tickets the report touches, grouped by week created, channel, team, agent, priority and topic. */
export function breakdowns(figures: readonly TicketFigures[], context: ReportContext): Breakdowns {
  const weeks = weeksOf(context.period);
  const weekOf = (createdAt: number): string => {
    for (let index = weeks.length - 1; index >= 0; index--) {
      const week = weeks[index] as { start: number; key: string };
      if (createdAt >= week.start) return week.key;
    }
    return earlierWeeks;
  };
  const keys: Record<keyof Breakdowns, (ticket: TicketFigures) => string> = {
    week: (ticket) => weekOf(ticket.createdAt),
    channel: (ticket) => ticket.channel,
    team: (ticket) => ticket.teamId ?? noTeam,
    agent: (ticket) => ticket.assigneeId ?? unassigned,
    priority: (ticket) => ticket.priority ?? noPriority,
    topic: (ticket) => ticket.topic?.trim() || noTopic,
  };
  const grouped = {} as Breakdowns;
  for (const [name, keyOf] of Object.entries(keys) as [keyof Breakdowns, (ticket: TicketFigures) => string][]) {
    // Every week of the period has a row, even an empty one.
    const groups = new Map<string, TicketFigures[]>(name === "week" ? weeks.map((week) => [week.key, []]) : []);
    for (const ticket of figures) {
      const key = keyOf(ticket);
      const group = groups.get(key);
      if (group) group.push(ticket);
      else groups.set(key, [ticket]);
    }
    const rows = [...groups.entries()].map(([key, tickets]) => breakdownRow(key, tickets));
    grouped[name] =
      name === "week"
        ? rows.sort((left, right) =>
            left.key === earlierWeeks ? -1 : right.key === earlierWeeks ? 1 : compareText(left.key, right.key),
          )
        : rows.sort(
            (left, right) =>
              right.volume - left.volume || right.openTickets - left.openTickets || compareText(left.key, right.key),
          );
  }
  return grouped;
}

const compareText = (left: string, right: string): number => (left < right ? -1 : left > right ? 1 : 0);

function mostCommon(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  for (const [value, count] of counts) {
    const bestCount = best === null ? 0 : (counts.get(best) ?? 0);
    if (count > bestCount || (count === bestCount && best !== null && value < best)) best = value;
  }
  return best;
}

/** Topics with at least this many tickets in the period and no article mentioning them get an article suggested. */
export const articleSuggestionMinimumTickets = 10;
const maximumArticleSuggestions = 3;

const oneDecimal = (value: number): string => (Math.round(value * 10) / 10).toFixed(1);

function recommend(
  report: Report,
  created: readonly TicketFigures[],
  context: ReportContext,
): Report["recommendations"] {
  const recommendations: Report["recommendations"] = [];
  const { targets } = report;

  if (report.fcrPct !== null && report.fcrPct < targets.fcrPct) {
    const escalated = created.filter((ticket) => ticket.escalated).length;
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
    const byChannel = new Map<string, number[]>();
    for (const ticket of created) {
      if (ticket.frtHours === null) continue;
      const values = byChannel.get(ticket.channel);
      if (values) values.push(ticket.frtHours);
      else byChannel.set(ticket.channel, [ticket.frtHours]);
    }
    const slowest = [...byChannel.entries()]
      .map(([channel, values]) => ({ channel, meanHours: mean(values) as number, count: values.length }))
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
  recommendations.push(...fixInProgressEffects(report, created));
  recommendations.push(...slaAtRisk(report));
  return recommendations;
}

/**
 * For each top issue whose known issue has a fix in progress: the FCR the period would have had if
 * that topic's solved tickets had been resolved at first contact (what the fix should give back).
 */
function fixInProgressEffects(report: Report, created: readonly TicketFigures[]): Report["recommendations"] {
  if (report.fcrPct === null) return [];
  const solvedAll = created.filter((ticket) => ticket.fcr !== null);
  return report.topIssues
    .filter((issue) => issue.knownIssueStatus === "fix_in_progress" && issue.knownIssueId)
    .flatMap((issue) => {
      const topicSolved = solvedAll.filter((ticket) => (ticket.topic?.trim() || noTopic) === issue.topic);
      const missed = topicSolved.filter((ticket) => !ticket.fcr).length;
      if (missed === 0 || solvedAll.length === 0) return [];
      const resolvedFirst = solvedAll.filter((ticket) => ticket.fcr).length;
      const estimate = (100 * (resolvedFirst + missed)) / solvedAll.length;
      const current = (100 * resolvedFirst) / solvedAll.length;
      return [
        {
          text:
            `The fix in progress for known issue ${issue.knownIssueId} ("${issue.topic}") should lift FCR of tickets created ` +
            `this period from ${oneDecimal(current)}% to about ${oneDecimal(estimate)}%: ship it and tell the affected customers.`,
          evidence: [
            `"${issue.topic}": ${missed} of ${topicSolved.length} solved tickets created this period were not resolved at first contact`,
            `${resolvedFirst} of ${solvedAll.length} solved tickets created this period were resolved at first contact`,
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

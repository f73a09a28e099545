import { articleMentions, median } from "./aggregate.ts";
import { instantAt, wallClock } from "./period.ts";

/**
 * Knowledge-base health (spec/service-levels.md): an article is flagged for rework when readers
 * leave it quickly, rate it low, or open tickets after reading it; and the effect of a new article on
 * its topic's ticket volume, measured in full weeks before and after it was published.
 *
 * A read is a bounce when the reader opened no other help-center page within the session (30
 * minutes), did not interact with the page (rate it, write to support, click or select text) and the
 * page's beacon measured under 10 s on it (a read whose beacon never arrived counts as under 10 s).
 */

export const sessionMinutes = 30;
export const bounceDwellMs = 10_000;
/** A ticket opened through the contact form or the widget this long after a read counts for the article. */
export const ticketsAfterReadingHours = 24;

export const reworkThresholds = {
  /** Bounce rate over this flags an article... */
  bounceRatePct: 60,
  /** ...once it has at least this many reads: one quick visitor is not a verdict. */
  minimumReadsForBounce: 10,
  /** More than this many readers rating it 2 or less. */
  lowRatingReaders: 5,
  /** More than this many tickets opened after reading it. */
  ticketsAfterReading: 20,
} as const;

/** The spec's success criterion: a new article cuts its topic's tickets by this much or more. */
export const successReductionPct = 25;
/** Weeks compared on each side of the publication when none are asked for. */
export const defaultEffectWeeks = 4;

export type ArticleReadingFigures = {
  articleId: string;
  reads: number;
  readers: number;
  bounces: number;
  ratingCount: number;
  /** Readers whose rating (changed or given in the period) is 2 or less. */
  lowRatings: number;
  ratingMean: number | null;
  ticketsAfterReading: number;
};

export type ReworkReason = "bounce_rate" | "low_ratings" | "tickets_after_reading";
export type ReworkFlag = { reason: ReworkReason; evidence: string };

const oneDecimal = (value: number): string => (Math.round(value * 10) / 10).toFixed(1);

export const bounceRatePct = (figures: Pick<ArticleReadingFigures, "reads" | "bounces">): number | null =>
  figures.reads === 0 ? null : (100 * figures.bounces) / figures.reads;

/** The reasons, each with its evidence, to rework an article; empty when it is healthy. */
export function reworkFlags(figures: ArticleReadingFigures): ReworkFlag[] {
  const flags: ReworkFlag[] = [];
  const bounce = bounceRatePct(figures);
  if (
    bounce !== null &&
    figures.reads >= reworkThresholds.minimumReadsForBounce &&
    bounce > reworkThresholds.bounceRatePct
  ) {
    flags.push({
      reason: "bounce_rate",
      evidence: `${figures.bounces} of ${figures.reads} reads bounced (${oneDecimal(bounce)}%, over ${reworkThresholds.bounceRatePct}%)`,
    });
  }
  if (figures.lowRatings > reworkThresholds.lowRatingReaders) {
    flags.push({
      reason: "low_ratings",
      evidence: `${figures.lowRatings} readers rated it 2 or less (more than ${reworkThresholds.lowRatingReaders}); mean rating ${figures.ratingMean === null ? "none" : oneDecimal(figures.ratingMean)} of ${figures.ratingCount}`,
    });
  }
  if (figures.ticketsAfterReading > reworkThresholds.ticketsAfterReading) {
    flags.push({
      reason: "tickets_after_reading",
      evidence: `${figures.ticketsAfterReading} tickets opened within ${ticketsAfterReadingHours} h after reading it (more than ${reworkThresholds.ticketsAfterReading})`,
    });
  }
  return flags;
}

/** The topic an article covers: of the topics it mentions (as the report matches them), the one with most tickets. */
export function topicOfArticle(
  article: { title: string; body: string; tags: readonly string[] },
  topicCounts: ReadonlyMap<string, number>,
): string | null {
  let best: { topic: string; count: number } | null = null;
  for (const [topic, count] of topicCounts) {
    if (!articleMentions(article, topic)) continue;
    if (!best || count > best.count || (count === best.count && topic < best.topic)) best = { topic, count };
  }
  return best?.topic ?? null;
}

export type EffectWindow = {
  /** Monday 00:00 (workspace time zone) of the first full week before publication. */
  beforeStart: number;
  /** The end of the last full week before, which is also where the first full week after starts or the week of publication. */
  beforeEnd: number;
  afterStart: number;
  afterEnd: number;
  /** Monday dates (YYYY-MM-DD) of the weeks before and after, oldest first. */
  beforeWeeks: { key: string; start: number }[];
  afterWeeks: { key: string; start: number }[];
};

const dateKey = (year: number, month: number, day: number): string =>
  new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);

/**
 * The N full weeks (Monday to Monday in the time zone) before and after a publication instant. The
 * week it was published in is left out unless it was published exactly at its start.
 */
export function effectWindow(publishedAt: number, weeks: number, timezone: string): EffectWindow {
  const local = wallClock(publishedAt, timezone);
  const back = (local.weekday + 6) % 7;
  const mondayDay = local.day - back;
  const mondayStart = instantAt(timezone, local.year, local.month, mondayDay);
  const afterOffset = mondayStart === publishedAt ? 0 : 7;
  const week = (offsetDays: number) => ({
    key: dateKey(local.year, local.month, mondayDay + offsetDays),
    start: instantAt(timezone, local.year, local.month, mondayDay + offsetDays),
  });
  const beforeWeeks = Array.from({ length: weeks }, (_, index) => week(-7 * (weeks - index)));
  const afterWeeks = Array.from({ length: weeks }, (_, index) => week(afterOffset + 7 * index));
  return {
    beforeStart: (beforeWeeks[0] ?? week(0)).start,
    beforeEnd: mondayStart,
    afterStart: (afterWeeks[0] ?? week(afterOffset)).start,
    afterEnd: week(afterOffset + 7 * weeks).start,
    beforeWeeks,
    afterWeeks,
  };
}

export type ArticleEffect = {
  articleId: string;
  title: string;
  topic: string;
  publishedAt: string;
  weeks: number;
  /** Tickets on the topic per full week, oldest first. */
  ticketsBefore: { week: string; tickets: number }[];
  ticketsAfter: { week: string; tickets: number }[];
  beforePerWeek: number;
  afterPerWeek: number | null;
  changePct: number | null;
  /** True when the topic's weekly tickets fell by 25 % or more; null until all weeks after have passed. */
  met: boolean | null;
  status: "measured" | "measuring" | "no_tickets_before";
};

/** Before and after from the topic's tickets per week (by Monday date); only weeks that have ended count after. */
export function articleEffect(input: {
  article: { id: string; title: string };
  topic: string;
  publishedAt: number;
  weeks: number;
  timezone: string;
  now: number;
  ticketsByWeek: ReadonlyMap<string, number>;
}): ArticleEffect {
  const window = effectWindow(input.publishedAt, input.weeks, input.timezone);
  const count = (week: { key: string }) => ({ week: week.key, tickets: input.ticketsByWeek.get(week.key) ?? 0 });
  const weekEnd = (index: number, weeks: { start: number }[]) => weeks[index + 1]?.start ?? window.afterEnd;
  const ticketsBefore = window.beforeWeeks.map(count);
  const ticketsAfter = window.afterWeeks
    .filter((_, index) => weekEnd(index, window.afterWeeks) <= input.now)
    .map(count);
  const total = (weeks: { tickets: number }[]) => weeks.reduce((sum, week) => sum + week.tickets, 0);
  const beforePerWeek = total(ticketsBefore) / input.weeks;
  const afterPerWeek = ticketsAfter.length === 0 ? null : total(ticketsAfter) / ticketsAfter.length;
  const complete = ticketsAfter.length === input.weeks;
  const changePct =
    afterPerWeek === null || beforePerWeek === 0 ? null : (100 * (afterPerWeek - beforePerWeek)) / beforePerWeek;
  return {
    articleId: input.article.id,
    title: input.article.title,
    topic: input.topic,
    publishedAt: new Date(input.publishedAt).toISOString(),
    weeks: input.weeks,
    ticketsBefore,
    ticketsAfter,
    beforePerWeek,
    afterPerWeek,
    changePct,
    met: complete && changePct !== null ? changePct <= -successReductionPct : null,
    status: beforePerWeek === 0 ? "no_tickets_before" : complete ? "measured" : "measuring",
  };
}

export type DeflectionRate = { reductionPct: number; source: "measured" | "default"; articlesMeasured: number };

/**
 * How much a new article is expected to cut its topic's tickets: the median reduction the
 * workspace's own measured articles achieved, or the spec's goal (25 %) without any.
 */
export function expectedDeflection(effects: readonly ArticleEffect[]): DeflectionRate {
  const reductions = effects
    .filter((effect) => effect.status === "measured" && effect.changePct !== null)
    .map((effect) => Math.max(0, -(effect.changePct as number)));
  const measured = median(reductions);
  return measured === null
    ? { reductionPct: successReductionPct, source: "default", articlesMeasured: 0 }
    : { reductionPct: measured, source: "measured", articlesMeasured: reductions.length };
}

export function describeEffect(effect: ArticleEffect): string {
  const after = effect.afterPerWeek === null ? "no full week yet" : `${oneDecimal(effect.afterPerWeek)}/week`;
  const change =
    effect.changePct === null ? "" : ` (${effect.changePct > 0 ? "+" : ""}${oneDecimal(effect.changePct)}%)`;
  const verdict =
    effect.met === null
      ? effect.status === "no_tickets_before"
        ? "no tickets before to compare"
        : `measuring, ${effect.ticketsAfter.length} of ${effect.weeks} weeks after so far`
      : effect.met
        ? `met the ${successReductionPct}% goal`
        : `missed the ${successReductionPct}% goal`;
  return `article "${effect.title}" on "${effect.topic}": ${oneDecimal(effect.beforePerWeek)}/week in the ${effect.weeks} full weeks before, ${after} after${change}, ${verdict}`;
}

/** What the monthly report's recommendations draw on from the knowledge-base loop. */
export type KnowledgeEvidence = {
  effects: readonly ArticleEffect[];
  flagged: readonly { articleId: string; title: string; flags: readonly ReworkFlag[] }[];
};

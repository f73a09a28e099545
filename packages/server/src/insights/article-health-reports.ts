import { sql } from "drizzle-orm";
import { DeskError } from "../core/errors.ts";
import type { Clock } from "../core/ports.ts";
import {
  type ArticleReadingRow,
  type ArticleReadingStore,
  createArticleReadingStore,
} from "../storage/article-reading-store.ts";
import type { Database } from "../storage/database.ts";
import { weeksOf } from "./aggregate.ts";
import {
  type ArticleEffect,
  articleEffect,
  bounceDwellMs,
  bounceRatePct,
  defaultEffectWeeks,
  effectWindow,
  type KnowledgeEvidence,
  type ReworkFlag,
  reworkFlags,
  reworkThresholds,
  sessionMinutes,
  successReductionPct,
  ticketsAfterReadingHours,
  topicOfArticle,
} from "./article-health.ts";
import { loadReportWorkspace } from "./report-store.ts";

export type ArticleHealthRow = {
  articleId: string;
  title: string;
  public: boolean;
  reads: number;
  readers: number;
  bounceRatePct: number | null;
  ratings: { count: number; lowCount: number; mean: number | null };
  ticketsAfterReading: number;
  needsRework: boolean;
  flags: ReworkFlag[];
  effect: ArticleEffect | null;
};

export type ArticleHealthReport = {
  period: { from: string; to: string; timezone: string };
  thresholds: typeof reworkThresholds & { successReductionPct: number; effectWeeks: number };
  articles: ArticleHealthRow[];
};

export type ArticleHealth = {
  /** Every article's reading figures over [from, to) and its before/after effect as of now. */
  report(workspaceId: string, query: { from: Date; to: Date; weeks?: number }): Promise<ArticleHealthReport>;
  /** What the monthly report's recommendations cite: measured effects and articles flagged in the period. */
  evidence(workspaceId: string, period: { start: number; end: number }): Promise<KnowledgeEvidence>;
};

export const readingRules = { sessionMinutes, bounceDwellMs, ticketsAfterReadingHours };

type ArticleRow = {
  id: string;
  title: string;
  body: string;
  tags: string[] | null;
  public: boolean | null;
  published_ms: number | null;
};

export function createArticleHealth(db: Database, clock: Clock, reading: ArticleReadingStore): ArticleHealth {
  const timezoneOf = async (workspaceId: string) => {
    const workspace = await loadReportWorkspace(db, workspaceId);
    if (!workspace) throw new DeskError("not_found", `There is no workspace ${workspaceId}.`);
    return workspace.timezone;
  };

  // An article was published when its first version was saved; an imported one without versions, when it was last updated.
  const loadArticles = async (workspaceId: string): Promise<ArticleRow[]> =>
    (
      (await db.execute(sql`
        select a.id, a.title, a.body, a.tags, a.public,
          (extract(epoch from coalesce(
            (select min(v.created_at) from article_versions v where v.workspace_id = a.workspace_id and v.article_id = a.id),
            a.updated_at)) * 1000)::float8 as published_ms
        from articles a where a.workspace_id = ${workspaceId}
        order by a.seq`)) as unknown as { rows: ArticleRow[] }
    ).rows;

  async function effectsOf(
    workspaceId: string,
    articles: readonly ArticleRow[],
    timezone: string,
    weeks: number,
    now: number,
  ): Promise<Map<string, ArticleEffect>> {
    const published = articles.filter((article) => article.public && article.published_ms !== null);
    const effects = new Map<string, ArticleEffect>();
    if (published.length === 0) return effects;
    const windows = published.map((article) => effectWindow(Number(article.published_ms), weeks, timezone));
    const from = Math.min(...windows.map((window) => window.beforeStart));
    const to = Math.min(now, Math.max(...windows.map((window) => window.afterEnd)));
    // Weeks start on Monday in the workspace's time zone, as in the report; each ticket's week is found
    // by a binary search among their starts.
    const weekStarts = weeksOf({ start: from, end: to, timezone }, Number.POSITIVE_INFINITY);
    const starts = `{${weekStarts.map((week) => new Date(week.start).toISOString()).join(",")}}`;
    const counted = (
      (await db.execute(sql`
        select topic, width_bucket(created_at, ${starts}::timestamptz[]) as week, count(*)::int as tickets
        from tickets
        where workspace_id = ${workspaceId} and topic is not null
          and created_at >= ${new Date(from).toISOString()}::timestamptz and created_at < ${new Date(to).toISOString()}::timestamptz
        group by 1, 2`)) as unknown as { rows: { topic: string; week: number; tickets: number }[] }
    ).rows;
    const rows = counted.flatMap((row) => {
      const week = weekStarts[Number(row.week) - 1];
      return week ? [{ topic: row.topic, week: week.key, tickets: row.tickets }] : [];
    });
    const byTopic = new Map<string, Map<string, number>>();
    const topicTotals = new Map<string, number>();
    for (const row of rows) {
      const topic = row.topic.trim();
      if (topic === "") continue;
      const weeksOfTopic = byTopic.get(topic) ?? new Map<string, number>();
      weeksOfTopic.set(row.week, (weeksOfTopic.get(row.week) ?? 0) + Number(row.tickets));
      byTopic.set(topic, weeksOfTopic);
      topicTotals.set(topic, (topicTotals.get(topic) ?? 0) + Number(row.tickets));
    }
    for (const article of published) {
      const topic = topicOfArticle({ title: article.title, body: article.body, tags: article.tags ?? [] }, topicTotals);
      if (topic === null) continue;
      effects.set(
        article.id,
        articleEffect({
          article,
          topic,
          publishedAt: Number(article.published_ms),
          weeks,
          timezone,
          now,
          ticketsByWeek: byTopic.get(topic) ?? new Map(),
        }),
      );
    }
    return effects;
  }

  const healthRow = (article: ArticleRow, figures: ArticleReadingRow | undefined, effect: ArticleEffect | null) => {
    const reading = figures ?? {
      articleId: article.id,
      reads: 0,
      readers: 0,
      bounces: 0,
      ratingCount: 0,
      lowRatings: 0,
      ratingMean: null,
      ticketsAfterReading: 0,
    };
    const flags = reworkFlags(reading);
    return {
      articleId: article.id,
      title: article.title,
      public: article.public ?? false,
      reads: reading.reads,
      readers: reading.readers,
      bounceRatePct: bounceRatePct(reading),
      ratings: { count: reading.ratingCount, lowCount: reading.lowRatings, mean: reading.ratingMean },
      ticketsAfterReading: reading.ticketsAfterReading,
      needsRework: flags.length > 0,
      flags,
      effect,
    };
  };

  return {
    async report(workspaceId, query) {
      if (query.to.getTime() <= query.from.getTime()) {
        throw new DeskError("invalid_input", "to must be after from, e.g. from=2026-03-01&to=2026-04-01.");
      }
      const weeks = query.weeks ?? defaultEffectWeeks;
      const timezone = await timezoneOf(workspaceId);
      const articles = await loadArticles(workspaceId);
      const figures = new Map(
        (await reading.figures(workspaceId, query, readingRules)).map((row) => [row.articleId, row]),
      );
      const effects = await effectsOf(workspaceId, articles, timezone, weeks, clock.now().getTime());
      return {
        period: { from: query.from.toISOString(), to: query.to.toISOString(), timezone },
        thresholds: { ...reworkThresholds, successReductionPct, effectWeeks: weeks },
        articles: articles.map((article) =>
          healthRow(article, figures.get(article.id), effects.get(article.id) ?? null),
        ),
      };
    },

    async evidence(workspaceId, period) {
      const timezone = await timezoneOf(workspaceId);
      const articles = await loadArticles(workspaceId);
      if (articles.length === 0) return { effects: [], flagged: [] };
      const asOf = Math.min(period.end, clock.now().getTime());
      const figures = await reading.figures(
        workspaceId,
        { from: new Date(period.start), to: new Date(period.end) },
        readingRules,
      );
      const titles = new Map(articles.map((article) => [article.id, article.title]));
      const flagged = figures
        .map((row) => ({
          articleId: row.articleId,
          title: titles.get(row.articleId) ?? row.articleId,
          flags: reworkFlags(row),
        }))
        .filter((row) => row.flags.length > 0);
      const effects = await effectsOf(workspaceId, articles, timezone, defaultEffectWeeks, asOf);
      return { effects: [...effects.values()], flagged };
    },
  };
}

/** The monthly report's source of knowledge-base evidence: effects and flags from help-center reading. */
export function createKnowledgeEvidence(db: Database, clock: Clock) {
  const health = createArticleHealth(db, clock, createArticleReadingStore(db, { sessionMinutes }));
  return (workspaceId: string, period: { start: number; end: number }) => health.evidence(workspaceId, period);
}

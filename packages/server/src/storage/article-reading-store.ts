import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

/** Per article over a period: what its readers did (see insights/article-health.ts for the rules). */
export type ArticleReadingRow = {
  articleId: string;
  reads: number;
  readers: number;
  bounces: number;
  ratingCount: number;
  lowRatings: number;
  ratingMean: number | null;
  ticketsAfterReading: number;
};

export type ArticleReadingStore = {
  /** A help-center page view: the visitor's earlier reads in the session did not bounce. */
  recordPageView(workspaceId: string, visitorId: string, at: Date): Promise<void>;
  /** A read of a public article; returns its id for the page's beacon. */
  recordRead(workspaceId: string, read: { articleId: string; visitorId: string; at: Date }): Promise<string>;
  /** What the page's beacon measured; false when the read is not this visitor's. */
  recordBeacon(
    workspaceId: string,
    beacon: { readId: string; visitorId: string; dwellMs: number; interacted: boolean },
  ): Promise<boolean>;
  /** "Was this helpful?": one rating per visitor and article; a new one replaces it. */
  rate(workspaceId: string, rating: { articleId: string; visitorId: string; rating: number; at: Date }): Promise<void>;
  ratingOf(workspaceId: string, articleId: string, visitorId: string): Promise<number | null>;
  /** The visitor wrote to support as this customer: their reads count toward the customer's tickets. */
  identify(workspaceId: string, visitorId: string, customerId: string, at: Date): Promise<void>;
  /** Reads, bounces, ratings and tickets after reading, per article, for reads and ratings in [from, to). */
  figures(
    workspaceId: string,
    period: { from: Date; to: Date },
    rules: { sessionMinutes: number; bounceDwellMs: number; ticketsAfterReadingHours: number },
  ): Promise<ArticleReadingRow[]>;
};

const longestDwellMs = 6 * 3_600_000;

export function createArticleReadingStore(db: Database, options: { sessionMinutes: number }): ArticleReadingStore {
  const session = sql`make_interval(mins => ${options.sessionMinutes})`;

  const markInteracted = (workspaceId: string, visitorId: string, at: Date, articleId?: string) =>
    db.execute(sql`
      update article_reads set interacted = true
      where workspace_id = ${workspaceId} and visitor_id = ${visitorId}
        ${articleId === undefined ? sql`` : sql`and article_id = ${articleId}`}
        and read_at <= ${at.toISOString()}::timestamptz
        and read_at > ${at.toISOString()}::timestamptz - ${session}
        and not interacted`);

  const recordPageView = async (workspaceId: string, visitorId: string, at: Date) => {
    await db.execute(sql`
      update article_reads set continued = true
      where workspace_id = ${workspaceId} and visitor_id = ${visitorId}
        and read_at < ${at.toISOString()}::timestamptz
        and read_at > ${at.toISOString()}::timestamptz - ${session}
        and not continued`);
  };

  return {
    recordPageView,

    async recordRead(workspaceId, read) {
      await recordPageView(workspaceId, read.visitorId, read.at);
      const id = `read_${randomUUID().replaceAll("-", "")}`;
      // A visitor who identified themselves before stays identified on later reads.
      await db.execute(sql`
        insert into article_reads (workspace_id, id, article_id, visitor_id, customer_id, read_at)
        values (${workspaceId}, ${id}, ${read.articleId}, ${read.visitorId},
          (select customer_id from article_reads
            where workspace_id = ${workspaceId} and visitor_id = ${read.visitorId} and customer_id is not null
            order by read_at desc limit 1),
          ${read.at.toISOString()}::timestamptz)`);
      return id;
    },

    async recordBeacon(workspaceId, beacon) {
      const dwell = Math.max(0, Math.min(longestDwellMs, Math.round(beacon.dwellMs)));
      const updated = await db
        .update(schema.articleReads)
        .set({
          dwellMs: sql`greatest(coalesce(${schema.articleReads.dwellMs}, 0), ${dwell})`,
          ...(beacon.interacted ? { interacted: true } : {}),
        })
        .where(
          and(
            eq(schema.articleReads.workspaceId, workspaceId),
            eq(schema.articleReads.id, beacon.readId),
            eq(schema.articleReads.visitorId, beacon.visitorId),
          ),
        )
        .returning({ id: schema.articleReads.id });
      return updated.length > 0;
    },

    async rate(workspaceId, rating) {
      await db
        .insert(schema.articleRatings)
        .values({ workspaceId, ...rating, ratedAt: rating.at })
        .onConflictDoUpdate({
          target: [schema.articleRatings.workspaceId, schema.articleRatings.articleId, schema.articleRatings.visitorId],
          set: { rating: rating.rating, ratedAt: rating.at },
        });
      await markInteracted(workspaceId, rating.visitorId, rating.at, rating.articleId);
    },

    async ratingOf(workspaceId, articleId, visitorId) {
      const [row] = await db
        .select({ rating: schema.articleRatings.rating })
        .from(schema.articleRatings)
        .where(
          and(
            eq(schema.articleRatings.workspaceId, workspaceId),
            eq(schema.articleRatings.articleId, articleId),
            eq(schema.articleRatings.visitorId, visitorId),
          ),
        );
      return row?.rating ?? null;
    },

    async identify(workspaceId, visitorId, customerId, at) {
      await db.execute(sql`
        update article_reads set customer_id = ${customerId}
        where workspace_id = ${workspaceId} and visitor_id = ${visitorId} and customer_id is null`);
      await markInteracted(workspaceId, visitorId, at);
    },

    async figures(workspaceId, period, rules) {
      const from = period.from.toISOString();
      const to = period.to.toISOString();
      const result = (await db.execute(sql`
        with reads as (
          select article_id,
            count(*)::int as reads,
            count(distinct visitor_id)::int as readers,
            count(*) filter (where not continued and not interacted and coalesce(dwell_ms, 0) < ${rules.bounceDwellMs})::int as bounces
          from article_reads
          where workspace_id = ${workspaceId} and read_at >= ${from}::timestamptz and read_at < ${to}::timestamptz
          group by article_id
        ),
        ratings as (
          select article_id, count(*)::int as rating_count,
            count(*) filter (where rating <= 2)::int as low_ratings,
            avg(rating)::float8 as rating_mean
          from article_ratings
          where workspace_id = ${workspaceId} and rated_at >= ${from}::timestamptz and rated_at < ${to}::timestamptz
          group by article_id
        ),
        after_reading as (
          select r.article_id, count(distinct t.id)::int as tickets
          from article_reads r
          join tickets t on t.workspace_id = r.workspace_id
            and t.created_at >= r.read_at
            and t.created_at < r.read_at + make_interval(hours => ${rules.ticketsAfterReadingHours})
            and (t.channel in ('chat', 'in_app') or 'help-center' = any(t.tags))
          where r.workspace_id = ${workspaceId} and r.read_at >= ${from}::timestamptz and r.read_at < ${to}::timestamptz
            and (t.customer_id = r.customer_id or exists (
              select 1 from widget_conversations w
              where w.workspace_id = r.workspace_id and w.visitor_id = r.visitor_id and t.id = any(w.ticket_ids)))
          group by r.article_id
        )
        select coalesce(reads.article_id, ratings.article_id) as article_id,
          coalesce(reads.reads, 0) as reads, coalesce(reads.readers, 0) as readers, coalesce(reads.bounces, 0) as bounces,
          coalesce(ratings.rating_count, 0) as rating_count, coalesce(ratings.low_ratings, 0) as low_ratings,
          ratings.rating_mean, coalesce(after_reading.tickets, 0) as tickets_after_reading
        from reads
        full join ratings on ratings.article_id = reads.article_id
        left join after_reading on after_reading.article_id = coalesce(reads.article_id, ratings.article_id)`)) as unknown as {
        rows: {
          article_id: string;
          reads: number;
          readers: number;
          bounces: number;
          rating_count: number;
          low_ratings: number;
          rating_mean: number | null;
          tickets_after_reading: number;
        }[];
      };
      return result.rows.map((row) => ({
        articleId: row.article_id,
        reads: Number(row.reads),
        readers: Number(row.readers),
        bounces: Number(row.bounces),
        ratingCount: Number(row.rating_count),
        lowRatings: Number(row.low_ratings),
        ratingMean: row.rating_mean === null ? null : Number(row.rating_mean),
        ticketsAfterReading: Number(row.tickets_after_reading),
      }));
    },
  };
}

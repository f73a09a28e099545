import { eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "../storage/database.ts";
import * as schema from "../storage/schema.ts";
import type { TicketFacts } from "./ticket-facts.ts";

type FactsRow = {
  id: string;
  subject: string | null;
  channel: string;
  priority: string | null;
  topic: string | null;
  known_issue_id: string | null;
  created_ms: number;
  first_reply_ms: number | null;
  public_replies: number;
  escalated: boolean;
  reopened: boolean;
  first_solved_ms: number | null;
  solved_in_period: boolean;
  status_at_end: string;
  csat_score: number | null;
  csat_ms: number | null;
};

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const iso = (instant: number) => new Date(instant).toISOString();
const agentReply = sql`m.public and (m.author = 'responder' or m.author like 'agent:%')`;

/**
 * Joins `last_<name>` (the latest event of this type before the instant) and `next_<name>` (the
 * earliest at or after it), so a field's value at the instant is the former's `to_value`, else the
 * latter's `from_value`, else the ticket's current value (it never changed).
 */
function fieldAt(eventType: string, name: string, instant: SQL) {
  const sameTicket = sql`e.workspace_id = t.workspace_id and e.ticket_id = t.id and e.type = ${eventType}`;
  return sql`
      left join lateral (
        select true as found, e.to_value from ticket_events e where ${sameTicket} and e.at < ${instant}
        order by e.at desc, e.position desc limit 1
      ) ${sql.identifier(`last_${name}`)} on true
      left join lateral (
        select true as found, e.from_value from ticket_events e where ${sameTicket} and e.at >= ${instant}
        order by e.at, e.position limit 1
      ) ${sql.identifier(`next_${name}`)} on true`;
}

/**
 * The facts of every ticket the period's report touches (created in it, solved in it, scored in it,
 * or open at its end), read from messages and events dated before the end in one query (topic and
 * priority as they were at the end), so that a
 * past period gives the same answer whatever happened to its tickets later. `openAt` is the end, or
 * now for the current period.
 */
export async function loadTicketFacts(
  db: Database,
  workspaceId: string,
  period: { start: number; end: number },
  openAt: number,
): Promise<TicketFacts[]> {
  const start = sql`${iso(period.start)}::timestamptz`;
  const end = sql`${iso(period.end)}::timestamptz`;
  const moment = sql`${iso(openAt)}::timestamptz`;
  const result = await db.execute(sql`
    select * from (
      select
        t.id, t.subject, t.channel, t.known_issue_id,
        case when last_priority.found then last_priority.to_value
          when next_priority.found then next_priority.from_value else t.priority end as priority,
        case when last_topic.found then last_topic.to_value
          when next_topic.found then next_topic.from_value else t.topic end as topic,
        (extract(epoch from t.created_at) * 1000)::float8 as created_ms,
        (extract(epoch from replies.first_at) * 1000)::float8 as first_reply_ms,
        replies.count as public_replies,
        coalesce(events.escalated, false) as escalated,
        coalesce(events.reopened, false) as reopened,
        (extract(epoch from events.first_solved_at) * 1000)::float8 as first_solved_ms,
        coalesce(events.solved_in_period, false) as solved_in_period,
        case
          when last_status.to_value is not null then last_status.to_value
          when next_status.at is not null then coalesce(next_status.from_value, 'new')
          else t.status
        end as status_at_end,
        t.csat_score::int as csat_score,
        (extract(epoch from t.csat_at) * 1000)::float8 as csat_ms,
        t.created_at >= ${start} as created_in_period,
        (t.csat_at >= ${start} and t.csat_at < ${end}) as scored_in_period,
        t.created_at < ${moment} as created_before_moment
      from tickets t
      cross join lateral (
        select min(m.at) as first_at, count(*)::int as count
        from messages m
        where m.workspace_id = t.workspace_id and m.ticket_id = t.id and m.at < ${end} and ${agentReply}
      ) replies
      cross join lateral (
        select
          bool_or(e.type = 'escalated') as escalated,
          bool_or(e.type = 'reopened') as reopened,
          min(e.at) filter (where e.type = 'status_changed' and e.to_value = 'solved') as first_solved_at,
          bool_or(e.type = 'status_changed' and e.to_value = 'solved' and e.at >= ${start}) as solved_in_period
        from ticket_events e
        where e.workspace_id = t.workspace_id and e.ticket_id = t.id and e.at < ${end}
      ) events
      left join lateral (
        select e.to_value from ticket_events e
        where e.workspace_id = t.workspace_id and e.ticket_id = t.id and e.type = 'status_changed' and e.at < ${moment}
        order by e.at desc, e.position desc limit 1
      ) last_status on true
      left join lateral (
        select e.at, e.from_value from ticket_events e
        where e.workspace_id = t.workspace_id and e.ticket_id = t.id and e.type = 'status_changed' and e.at >= ${moment}
        order by e.at, e.position limit 1
      ) next_status on true
      ${fieldAt("priority_changed", "priority", end)}
      ${fieldAt("topic_changed", "topic", end)}
      where t.workspace_id = ${workspaceId} and t.created_at < ${end}
    ) facts
    where created_in_period or solved_in_period or coalesce(scored_in_period, false)
      or (created_before_moment and status_at_end in ('new', 'open', 'pending', 'on_hold'))
    order by created_ms, id
  `);
  return rowsOf<FactsRow>(result).map((row) => ({
    id: row.id,
    subject: row.subject,
    channel: row.channel,
    priority: row.priority,
    topic: row.topic,
    knownIssueId: row.known_issue_id,
    createdAt: Number(row.created_ms),
    firstReplyAt: row.first_reply_ms === null ? null : Number(row.first_reply_ms),
    publicReplies: Number(row.public_replies),
    escalated: row.escalated,
    reopened: row.reopened,
    firstSolvedAt: row.first_solved_ms === null ? null : Number(row.first_solved_ms),
    solvedInPeriod: row.solved_in_period,
    statusAtEnd: row.status_at_end,
    csatScore: row.csat_score === null ? null : Number(row.csat_score),
    csatAt: row.csat_ms === null ? null : Number(row.csat_ms),
  }));
}

export async function countTicketsCreated(
  db: Database,
  workspaceId: string,
  period: { start: number; end: number },
): Promise<number> {
  const result = await db.execute(sql`
    select count(*)::int as count from tickets
    where workspace_id = ${workspaceId}
      and created_at >= ${iso(period.start)}::timestamptz and created_at < ${iso(period.end)}::timestamptz
  `);
  return Number(rowsOf<{ count: number }>(result)[0]?.count ?? 0);
}

export type ReportWorkspace = {
  timezone: string;
  businessHours: { days: string[]; start: string; end: string } | null;
  slaPolicies: { priority?: string; channel?: string; firstResponseMinutes: number }[];
  reportInBusinessHours: boolean;
  extra: Record<string, unknown>;
};

export async function loadReportWorkspace(db: Database, workspaceId: string): Promise<ReportWorkspace | null> {
  const [row] = await db.select().from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
  if (!row) return null;
  return {
    timezone: row.timezone,
    businessHours: (row.businessHours as ReportWorkspace["businessHours"]) ?? null,
    slaPolicies: (row.slaPolicies as ReportWorkspace["slaPolicies"] | null) ?? [],
    reportInBusinessHours: row.reportInBusinessHours ?? false,
    extra: row.extra,
  };
}

export async function loadArticleTexts(
  db: Database,
  workspaceId: string,
): Promise<{ title: string; body: string; tags: string[] }[]> {
  const rows = await db
    .select({ title: schema.articles.title, body: schema.articles.body, tags: schema.articles.tags })
    .from(schema.articles)
    .where(eq(schema.articles.workspaceId, workspaceId));
  return rows.map((row) => ({ title: row.title, body: row.body, tags: row.tags ?? [] }));
}

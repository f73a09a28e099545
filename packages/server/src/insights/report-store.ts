import { eq, type SQL, sql } from "drizzle-orm";
import { DeskError } from "../core/errors.ts";
import type { Database } from "../storage/database.ts";
import * as schema from "../storage/schema.ts";
import { monthContaining, monthPeriod, type Period } from "./period.ts";
import type { TicketFacts } from "./ticket-facts.ts";

type FactsRow = {
  id: string;
  subject: string | null;
  channel: string;
  priority: string | null;
  topic: string | null;
  assignee_id: string | null;
  team_id: string | null;
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
 * The facts of every ticket the period's report touches (created in it, solved in it, scored in it,
 * or open at its end), read from messages and events dated before the end in one query (topic,
 * priority, assignee and team as they were at the end), so that a
 * past period gives the same answer whatever happened to its tickets later. `openAt` is the end, or
 * now for the current period.
 */
/** The query behind loadTicketFacts (exported for EXPLAIN in bench/report.ts). */
export function ticketFactsQuery(workspaceId: string, period: { start: number; end: number }, openAt: number): SQL {
  const start = sql`${iso(period.start)}::timestamptz`;
  const end = sql`${iso(period.end)}::timestamptz`;
  const moment = sql`${iso(openAt)}::timestamptz`;
  // Set-based: each table read once and grouped by ticket (hash joins), rather than a lookup per
  // ticket; at a million tickets the per-ticket lookups dominate. A field's value at the end (priority,
  // topic, assignee, team) is the `to_value` of its latest change before the end, else the `from_value`
  // of its earliest change at or after it, else the ticket's current value (it never changed).
  const fields = [
    ["priority_changed", "priority", "t.priority"],
    ["topic_changed", "topic", "t.topic"],
    ["assigned", "assignee_id", "t.assignee_id"],
    ["team_changed", "team_id", "t.team_id"],
  ] as const;
  // One distinct-on per field and side: each estimated from ticket_events' statistics, so the planner
  // hash-joins them (a grouped CTE of them was estimated at 200 rows and nested-looped).
  const fieldTables = sql.join(
    fields.map(
      ([type, name]) => sql`,
    ${sql.identifier(`last_${name}`)} as (
      select distinct on (e.ticket_id) e.ticket_id, e.to_value
      from ticket_events e
      where e.workspace_id = ${workspaceId} and e.type = ${type} and e.at < ${end}
      order by e.ticket_id, e.at desc, e.position desc
    ),
    ${sql.identifier(`next_${name}`)} as (
      select distinct on (e.ticket_id) e.ticket_id, e.from_value
      from ticket_events e
      where e.workspace_id = ${workspaceId} and e.type = ${type} and e.at >= ${end}
      order by e.ticket_id, e.at, e.position
    )`,
    ),
    sql``,
  );
  const fieldValues = sql.join(
    fields.map(([, name, current]) => {
      const last = sql.identifier(`last_${name}`);
      const next = sql.identifier(`next_${name}`);
      return sql`case when ${last}.ticket_id is not null then ${last}.to_value
          when ${next}.ticket_id is not null then ${next}.from_value else ${sql.raw(current)} end as ${sql.identifier(name)}`;
    }),
    sql`,\n        `,
  );
  const fieldJoins = sql.join(
    fields.map(([, name]) => {
      const last = sql.identifier(`last_${name}`);
      const next = sql.identifier(`next_${name}`);
      return sql`
      left join ${last} on ${last}.ticket_id = t.id
      left join ${next} on ${next}.ticket_id = t.id`;
    }),
    sql``,
  );
  return sql`
    with scope as (
      select t.* from tickets t where t.workspace_id = ${workspaceId} and t.created_at < ${end}
    ),
    replies as (
      select m.ticket_id, min(m.at) as first_at, count(*)::int as count
      from messages m
      where m.workspace_id = ${workspaceId} and m.at < ${end} and ${agentReply}
      group by m.ticket_id
    ),
    events as (
      select
        e.ticket_id,
        bool_or(e.type = 'escalated') as escalated,
        bool_or(e.type = 'reopened') as reopened,
        min(e.at) filter (where e.type = 'status_changed' and e.to_value = 'solved') as first_solved_at,
        bool_or(e.type = 'status_changed' and e.to_value = 'solved' and e.at >= ${start}) as solved_in_period
      from ticket_events e
      where e.workspace_id = ${workspaceId} and e.at < ${end} and e.type in ('escalated', 'reopened', 'status_changed')
      group by e.ticket_id
    ),
    last_status as (
      select distinct on (e.ticket_id) e.ticket_id, e.to_value
      from ticket_events e
      where e.workspace_id = ${workspaceId} and e.type = 'status_changed' and e.at < ${moment}
      order by e.ticket_id, e.at desc, e.position desc
    ),
    next_status as (
      select distinct on (e.ticket_id) e.ticket_id, e.at, e.from_value
      from ticket_events e
      where e.workspace_id = ${workspaceId} and e.type = 'status_changed' and e.at >= ${moment}
      order by e.ticket_id, e.at, e.position
    )${fieldTables}
    select * from (
      select
        t.id, t.subject, t.channel, t.known_issue_id,
        ${fieldValues},
        (extract(epoch from t.created_at) * 1000)::float8 as created_ms,
        (extract(epoch from replies.first_at) * 1000)::float8 as first_reply_ms,
        coalesce(replies.count, 0) as public_replies,
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
      from scope t
      left join replies on replies.ticket_id = t.id
      left join events on events.ticket_id = t.id
      left join last_status on last_status.ticket_id = t.id
      left join next_status on next_status.ticket_id = t.id
      ${fieldJoins}
    ) facts
    where created_in_period or solved_in_period or coalesce(scored_in_period, false)
      or (created_before_moment and status_at_end in ('new', 'open', 'pending', 'on_hold'))
    order by created_ms, id
  `;
}

export async function loadTicketFacts(
  db: Database,
  workspaceId: string,
  period: { start: number; end: number },
  openAt: number,
): Promise<TicketFacts[]> {
  // Planner settings for this one query: the plan for a month of tickets compiles with JIT for about
  // as long as it runs; parallel workers would each rebuild every grouped table in full (they sit under
  // joins that are not parallel-aware), tripling the work; and the hash tables fit in memory.
  const result = await db.transaction(async (transaction) => {
    await transaction.execute(sql`set local jit = off`);
    await transaction.execute(sql`set local max_parallel_workers_per_gather = 0`);
    await transaction.execute(sql`set local work_mem = '64MB'`);
    return transaction.execute(ticketFactsQuery(workspaceId, period, openAt));
  });
  return rowsOf<FactsRow>(result).map((row) => ({
    id: row.id,
    subject: row.subject,
    channel: row.channel,
    priority: row.priority,
    topic: row.topic,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
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

/**
 * Tickets created in the period, counted by their topic as it was at the period's end (the same rule
 * as the report's own topic), "" for none.
 */
export async function countTicketsCreatedByTopic(
  db: Database,
  workspaceId: string,
  period: { start: number; end: number },
): Promise<Map<string, number>> {
  const start = sql`${iso(period.start)}::timestamptz`;
  const end = sql`${iso(period.end)}::timestamptz`;
  const result = await db.execute(sql`
    with scope as (
      select id, topic from tickets
      where workspace_id = ${workspaceId} and created_at >= ${start} and created_at < ${end}
    ),
    last_topic as (
      select distinct on (e.ticket_id) e.ticket_id, e.to_value
      from ticket_events e join scope on scope.id = e.ticket_id
      where e.workspace_id = ${workspaceId} and e.type = 'topic_changed' and e.at < ${end}
      order by e.ticket_id, e.at desc, e.position desc
    ),
    next_topic as (
      select distinct on (e.ticket_id) e.ticket_id, e.from_value
      from ticket_events e join scope on scope.id = e.ticket_id
      where e.workspace_id = ${workspaceId} and e.type = 'topic_changed' and e.at >= ${end}
      order by e.ticket_id, e.at, e.position
    )
    select coalesce(trim(case when last_topic.ticket_id is not null then last_topic.to_value
                              when next_topic.ticket_id is not null then next_topic.from_value
                              else scope.topic end), '') as topic,
           count(*)::int as count
    from scope
    left join last_topic on last_topic.ticket_id = scope.id
    left join next_topic on next_topic.ticket_id = scope.id
    group by 1
  `);
  return new Map(rowsOf<{ topic: string; count: number }>(result).map((row) => [row.topic, Number(row.count)]));
}

export async function loadKnownIssueStatuses(db: Database, workspaceId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: schema.knownIssues.id, status: schema.knownIssues.status })
    .from(schema.knownIssues)
    .where(eq(schema.knownIssues.workspaceId, workspaceId));
  return new Map(rows.map((row) => [row.id, row.status]));
}

export type ReportWorkspace = {
  timezone: string;
  businessHours: { days: string[]; start: string; end: string } | null;
  slaPolicies: { priority?: string; channel?: string; firstResponseMinutes: number }[];
  reportInBusinessHours: boolean;
  extra: Record<string, unknown>;
};

/**
 * The workspace a report is for and the calendar month `YYYY-MM` it covers (the month that contains
 * now, in the workspace's time zone, when none is given), with that month's bounds.
 */
export async function reportMonth(
  db: Database,
  workspaceId: string,
  month: string | undefined,
  now: number,
): Promise<{ workspace: ReportWorkspace; month: string; period: Period }> {
  const workspace = await loadReportWorkspace(db, workspaceId);
  if (!workspace) throw new DeskError("not_found", `There is no workspace ${workspaceId}.`);
  const chosen = month ?? monthContaining(now, workspace.timezone);
  return { workspace, month: chosen, period: monthPeriod(chosen, workspace.timezone) };
}

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

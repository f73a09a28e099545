import { eq, type SQL, sql } from "drizzle-orm";
import { DeskError } from "../core/errors.ts";
import type { Database } from "../storage/database.ts";
import * as schema from "../storage/schema.ts";
import { monthContaining, monthPeriod, type Period } from "./period.ts";
import {
  elapsed,
  type FiguresInput,
  noPriority,
  noTeam,
  noTopic,
  type SlaPolicy,
  type TicketPart,
  unassigned,
  withFigures,
} from "./report-figures.ts";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const iso = (instant: number) => new Date(instant).toISOString();

export const breakdownNames = ["week", "channel", "team", "agent", "priority", "topic"] as const;
export type BreakdownName = (typeof breakdownNames)[number];

/** The sums of one group of figures (every ticket the report touches, or one breakdown's group). */
export type FigureTotals = {
  breakdown: BreakdownName | "all";
  /** The group's key; a week is its number among the period's weeks (1 = the first, 0 = earlier). */
  key: string;
  volume: number;
  responses: number;
  frtTotalMs: number;
  frtMet: number;
  solved: number;
  resolvedFirst: number;
  scores: number;
  scoreTotal: number;
  satisfied: number;
  open: number;
  resolutions: number;
  resolutionTotalMs: number;
  /** The same, counted over the tickets created in the period only (top issues and recommendations). */
  createdEscalated: number;
  createdSolved: number;
  createdResolvedFirst: number;
  createdScores: number;
  createdScoreTotal: number;
};

export type ReportTotals = {
  groups: FigureTotals[];
  frtMedianMs: number | null;
  resolutionMedianMs: number | null;
  /** Tickets created in the period with a known issue, counted by topic and known issue. */
  knownIssues: { topic: string; knownIssueId: string; count: number }[];
};

/** Normalised keys of a combination's fields, as the breakdowns show them. */
const breakdownKeys = {
  week: sql`week::text`,
  channel: sql`channel`,
  team: sql`coalesce(team_id, ${noTeam})`,
  agent: sql`coalesce(assignee_id, ${unassigned})`,
  priority: sql`coalesce(priority, ${noPriority})`,
  topic: sql`coalesce(nullif(btrim(topic, E' \\t\\r\\n'), ''), ${noTopic})`,
} as const satisfies Record<BreakdownName, SQL>;

const milliseconds = (interval: SQL) => sql`coalesce(date_part('epoch', ${interval}) * 1000, 0)`;

/** The query behind loadReportTotals (exported for EXPLAIN in bench/report.ts). */
export const reportTotalsQuery = (input: FiguresInput, part?: TicketPart) => {
  const keyColumns = sql.join(
    breakdownNames.map((name) => sql`${breakdownKeys[name]} as ${sql.identifier(`${name}_key`)}`),
    sql`, `,
  );
  const breakdownName = sql.join(
    breakdownNames.map((name) => sql`when grouping(${sql.identifier(`${name}_key`)}) = 0 then ${name}`),
    sql` `,
  );
  const key = sql.join(
    breakdownNames.map((name) => sql.identifier(`${name}_key`)),
    sql`, `,
  );
  const sets = sql.join(
    breakdownNames.map((name) => sql`(${sql.identifier(`${name}_key`)})`),
    sql`, `,
  );
  const counts = sql.join(
    Object.entries(countedTickets).map(
      ([name, condition]) =>
        sql`coalesce(sum(tickets) filter (where ${condition}), 0)::float8 as ${sql.identifier(name)}`,
    ),
    sql`,\n          `,
  );
  const csatTotal = (condition: SQL) =>
    sql`coalesce(sum(tickets * csat_in_period) filter (where ${condition}), 0)::float8`;
  return withFigures(
    input,
    sql`,
    -- One pass over the tickets: how many have each combination of the breakdowns' fields (as stored)
    -- and of their yes/no figures, with the sums of their times. The figures are packed into one
    -- number (bits below): grouping on it costs a ticket less than a dozen filtered counts or a
    -- column each. The breakdowns then add the combinations (a few thousand) up.
    combinations as (
      select week, channel, team_id, assignee_id, priority, topic,
        case when created_in_period then known_issue_id end as known_issue_id,
        created_in_period::int
          | ((created_in_period and escalated)::int << 1)
          | ((case when frt is null then 0 when frt <= frt_target_minutes * interval '1 minute' then 1 else 2 end) << 2)
          | ((case when fcr is null then 0 when fcr then 1 else 2 end) << 4)
          | (coalesce(csat_in_period, 0) << 6)
          | (open_at_end::int << 9)
          | ((resolution is not null)::int << 10) as packed,
        sum(sign) as tickets,
        sum(case when sign = 1 then frt else -frt end) as frt_total,
        sum(case when sign = 1 then resolution else -resolution end) as resolution_total
      from figures
      group by week, channel, team_id, assignee_id, priority, topic, 7, 8
    ),
    keyed as (
      select tickets, frt_total, resolution_total, known_issue_id, ${keyColumns},
        (packed & 1) <> 0 as created_in_period,
        (packed & 2) <> 0 as created_escalated,
        ((packed >> 2) & 3) as first_response,
        ((packed >> 4) & 3) as first_contact,
        nullif((packed >> 6) & 7, 0) as csat_in_period,
        (packed & 512) <> 0 as open_at_end,
        (packed & 1024) <> 0 as resolved
      from combinations
    )
    select
      (select json_agg(g) from (
        select
          case ${breakdownName} else 'all' end as "breakdown",
          coalesce(${key}, '') as "key",
          ${counts},
          ${csatTotal(sql`true`)} as "scoreTotal",
          ${csatTotal(sql`created_in_period`)} as "createdScoreTotal",
          ${milliseconds(sql`sum(frt_total)`)} as "frtTotalMs",
          ${milliseconds(sql`sum(resolution_total)`)} as "resolutionTotalMs"
        from keyed
        group by grouping sets ((), ${sets})
      ) g) as groups,
      (select coalesce(json_agg(k), '[]') from (
        select topic_key as "topic", known_issue_id as "knownIssueId", sum(tickets)::int as "count"
        from keyed where known_issue_id is not null
        group by topic_key, known_issue_id
      ) k) as known_issues`,
    "signed",
    part,
  );
};

/**
 * Each count of the report's sums: the tickets whose figures meet the condition. First response and
 * first contact are 0 where the ticket does not count, 1 for met (resolved at first contact), 2 for not.
 */
const countedTickets: Record<string, SQL> = {
  volume: sql`created_in_period`,
  responses: sql`first_response <> 0`,
  frtMet: sql`first_response = 1`,
  solved: sql`first_contact <> 0`,
  resolvedFirst: sql`first_contact = 1`,
  scores: sql`csat_in_period is not null`,
  satisfied: sql`csat_in_period >= 4`,
  open: sql`open_at_end`,
  resolutions: sql`resolved`,
  createdEscalated: sql`created_escalated`,
  createdSolved: sql`created_in_period and first_contact <> 0`,
  createdResolvedFirst: sql`created_in_period and first_contact = 1`,
  createdScores: sql`created_in_period and csat_in_period is not null`,
};

/**
 * The medians of the first-response and resolution times: every time is needed, so they are read on
 * their own (a ticket's creation, first reply and first solve do not depend on how its fields stood at
 * the end, so no correction is needed).
 */
export const reportMediansQuery = (input: FiguresInput) => {
  const start = sql`${iso(input.period.start)}::timestamptz`;
  const end = sql`${iso(input.period.end)}::timestamptz`;
  // Sorted as numbers of milliseconds, which sort faster than intervals.
  const frt = sql`date_part('epoch', ${elapsed(input, sql`created_at`, sql`first_reply_at`)}) * 1000`;
  return sql`
    select
      percentile_cont(0.5) within group (order by ${frt})
        filter (where created_at >= ${start} and first_reply_at < ${end}) as frt_median_ms,
      percentile_cont(0.5) within group (order by date_part('epoch', first_solved_at - created_at) * 1000)
        filter (where first_solved_at >= ${start} and first_solved_at < ${end}) as resolution_median_ms
    from tickets
    where workspace_id = ${input.workspaceId} and created_at < ${end}`;
};

/**
 * Planner settings for the report's queries: the plan for a month of tickets compiles with JIT for
 * about as long as it runs, and its hash tables fit in memory (the planner cannot tell that a month's
 * tickets fall into a few thousand combinations; it sorts instead of hashing when a table of one group
 * per ticket would not fit).
 */
async function useReportSettings(transaction: Transaction): Promise<void> {
  await transaction.execute(sql`set local jit = off`);
  await transaction.execute(sql`set local work_mem = '1GB'`);
}

async function inReportTransaction<T>(db: Database, run: (transaction: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (transaction) => {
    await useReportSettings(transaction);
    return run(transaction);
  });
}

const snapshotIdPattern = /^[0-9A-F]+-[0-9A-F]+-[0-9]+$/i;

type Read<T> = (transaction: Transaction) => Promise<T>;

/**
 * Reads of one snapshot of the database, in order of need. With two lanes (a Postgres server) a
 * second connection helps: it imports the first's snapshot (`pg_export_snapshot`) and takes reads in
 * turn, so a report uses two cores and still sees one state of the desk. With one lane they run one
 * after the other in one transaction.
 *
 * The first connection never waits for the second to get a connection from the pool: it does every
 * read left, and waits only for a second that has already started importing its snapshot (which must
 * stay alive until then). So reports that hold every connection of the pool still finish.
 */
async function readOnOneSnapshot<T>(db: Database, lanes: 1 | 2, reads: readonly Read<T>[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const work = async (transaction: Transaction) => {
    while (next < reads.length) {
      const index = next++;
      results[index] = await (reads[index] as Read<T>)(transaction);
    }
  };
  if (lanes === 1) {
    await inReportTransaction(db, work);
    return results;
  }
  let shareSnapshot: (id: string | null) => void = () => {};
  const snapshot = new Promise<string | null>((resolve) => {
    shareSnapshot = resolve;
  });
  let importing: Promise<unknown> | null = null;
  let firstDone = false;
  const repeatable = { isolationLevel: "repeatable read" } as const;
  const first = db
    .transaction(async (transaction) => {
      const [row] = rowsOf<{ id: string }>(await transaction.execute(sql`select pg_export_snapshot() as id`));
      shareSnapshot(row?.id ?? null);
      await useReportSettings(transaction);
      await work(transaction);
      firstDone = true;
      // The exported snapshot lives as long as this transaction.
      if (importing) await importing.catch(() => {});
    }, repeatable)
    .finally(() => shareSnapshot(null));
  const second = snapshot.then(async (id) => {
    if (id === null || !snapshotIdPattern.test(id)) return;
    await db.transaction(async (transaction) => {
      if (firstDone) return;
      // A real promise: a query builder runs its statement again each time it is awaited.
      importing = Promise.resolve(transaction.execute(sql.raw(`set transaction snapshot '${id}'`)));
      await importing;
      await useReportSettings(transaction);
      await work(transaction);
    }, repeatable);
  });
  await Promise.all([first, second]);
  return results;
}

/** The pages the tickets table has now (rows added later land after them, in the last part). */
async function ticketPages(db: Database): Promise<number> {
  const [row] = rowsOf<{ pages: number }>(
    await db.execute(sql`select (pg_relation_size('tickets') / current_setting('block_size')::int)::int as pages`),
  );
  return Number(row?.pages ?? 0);
}

/** Times are whole milliseconds; a median is at most half-way between two, and the float sort adds noise below that. */
const toMicroseconds = (milliseconds: number | null): number | null =>
  milliseconds === null ? null : Math.round(milliseconds * 1000) / 1000;

type TotalsRow = { groups: FigureTotals[] | null; known_issues: ReportTotals["knownIssues"] };
type MediansRow = { frt_median_ms: number | null; resolution_median_ms: number | null };

/** Adds up the sums of the parts of the tickets, group by group. */
function addUp(parts: readonly (TotalsRow | undefined)[]): Pick<ReportTotals, "groups" | "knownIssues"> {
  const groups = new Map<string, FigureTotals>();
  for (const group of parts.flatMap((part) => part?.groups ?? [])) {
    const key = String(group.key);
    const id = `${group.breakdown}\u0000${key}`;
    const sum = groups.get(id);
    if (!sum) {
      groups.set(id, { ...group, key });
      continue;
    }
    for (const field of Object.keys(group) as (keyof FigureTotals)[]) {
      if (field !== "breakdown" && field !== "key") sum[field] += group[field];
    }
  }
  const knownIssues = new Map<string, ReportTotals["knownIssues"][number]>();
  for (const entry of parts.flatMap((part) => part?.known_issues ?? [])) {
    const id = `${entry.topic}\u0000${entry.knownIssueId}`;
    const sum = knownIssues.get(id);
    if (sum) sum.count += entry.count;
    else knownIssues.set(id, { ...entry });
  }
  // A changed ticket's row as it stands now cancels its plain row, which can leave a group with nothing
  // in it. Every ticket the report reads counts in one of these (created, solved, scored or open).
  const counted = (group: FigureTotals) => group.volume + group.solved + group.scores + group.open !== 0;
  return {
    groups: [...groups.values()].filter(counted),
    knownIssues: [...knownIssues.values()].filter((entry) => entry.count !== 0),
  };
}

/**
 * The report's sums over every ticket the period touches, per breakdown group, and its medians. With
 * `sideBySide` (a Postgres server) the sums are read in two parts and the medians on their own, on
 * two connections.
 */
export async function loadReportTotals(db: Database, input: FiguresInput, sideBySide: boolean): Promise<ReportTotals> {
  // Two parts by where the rows are stored. The first connection reads about a third of the pages
  // with the changed tickets' corrections, then the medians; the second the rest. (At a million
  // tickets on two cores this split was the fastest of 10, 25, 35 and 50 %.)
  const pages = sideBySide ? await ticketPages(db) : 0;
  const split = Math.ceil(pages * 0.35);
  const parts: (TicketPart | undefined)[] = sideBySide
    ? [
        { beforePage: split, withChanges: true },
        { fromPage: split, withChanges: false },
      ]
    : [undefined];
  const sums = parts.map(
    (part): Read<TotalsRow | undefined> =>
      async (transaction) =>
        rowsOf<TotalsRow>(await transaction.execute(reportTotalsQuery(input, part)))[0],
  );
  const medians: Read<MediansRow | undefined> = async (transaction) =>
    rowsOf<MediansRow>(await transaction.execute(reportMediansQuery(input)))[0];
  const results = await readOnOneSnapshot<TotalsRow | MediansRow | undefined>(db, sideBySide ? 2 : 1, [
    ...sums,
    medians,
  ]);
  const middle = results.pop() as MediansRow | undefined;
  const totals = addUp(results as (TotalsRow | undefined)[]);
  return {
    ...totals,
    frtMedianMs: toMicroseconds(middle?.frt_median_ms ?? null),
    resolutionMedianMs: toMicroseconds(middle?.resolution_median_ms ?? null),
  };
}

/** One ticket's figures for the period (a CSV row); a figure is null where the ticket does not count toward it. */
export type TicketFigures = {
  id: string;
  subject: string | null;
  channel: string;
  priority: string | null;
  topic: string | null;
  knownIssueId: string | null;
  createdAt: number;
  createdInPeriod: boolean;
  firstReplyAt: number | null;
  frtHours: number | null;
  frtTargetMinutes: number;
  frtTargetMet: boolean | null;
  /** Public messages by an agent or the responder before the period's end. */
  publicReplies: number;
  escalated: boolean;
  reopened: boolean;
  solvedInPeriod: boolean;
  fcr: boolean | null;
  firstSolvedAt: number | null;
  resolutionHours: number | null;
  csatInPeriod: number | null;
  csatAt: number | null;
  statusAtEnd: string;
  openAtEnd: boolean;
};

type FigureRow = {
  id: string;
  subject: string | null;
  channel: string;
  priority: string | null;
  topic: string | null;
  known_issue_id: string | null;
  created_ms: number;
  created_in_period: boolean;
  first_reply_ms: number | null;
  frt_ms: number | null;
  frt_target_minutes: number;
  public_replies: number;
  escalated: boolean;
  reopened: boolean;
  solved_in_period: boolean;
  fcr: boolean | null;
  first_solved_ms: number | null;
  resolution_ms: number | null;
  csat_in_period: number | null;
  csat_ms: number | null;
  status_at_end: string;
  open_at_end: boolean;
};

const epochMs = (column: string) => sql.raw(`(extract(epoch from f.${column}) * 1000)::float8`);
const hour = 3_600_000;
const nullableNumber = (value: number | null): number | null => (value === null ? null : Number(value));

/** Every ticket the period's report touches with its figures, in order of creation. */
export async function loadTicketFigures(db: Database, input: FiguresInput): Promise<TicketFigures[]> {
  const end = sql`${iso(input.period.end)}::timestamptz`;
  const result = await inReportTransaction(db, (transaction) =>
    transaction.execute(
      withFigures(
        input,
        sql`
    select f.id, t.subject, f.channel, f.priority, f.topic, f.known_issue_id,
      ${epochMs("created_at")} as created_ms, f.created_in_period,
      ${epochMs("first_reply_at")} as first_reply_ms, date_part('epoch', f.frt) * 1000 as frt_ms, f.frt_target_minutes,
      (select count(*)::int from messages m
        where m.workspace_id = t.workspace_id and m.ticket_id = t.id and m.at < ${end}
          and m.public and (m.author = 'responder' or m.author like 'agent:%')) as public_replies,
      f.escalated, f.reopened, f.solved_in_period, f.fcr,
      ${epochMs("first_solved_at")} as first_solved_ms, date_part('epoch', f.resolution) * 1000 as resolution_ms,
      f.csat_in_period,
      ${epochMs("csat_at")} as csat_ms, f.status_at_end, f.open_at_end
    from figures f
    join tickets t on t.workspace_id = ${input.workspaceId} and t.id = f.id
    order by f.created_at, f.id`,
      ),
    ),
  );
  return rowsOf<FigureRow>(result).map((row) => {
    const frtMs = nullableNumber(row.frt_ms);
    const frtTargetMinutes = Number(row.frt_target_minutes);
    const resolutionMs = nullableNumber(row.resolution_ms);
    const csatInPeriod = nullableNumber(row.csat_in_period);
    return {
      id: row.id,
      subject: row.subject,
      channel: row.channel,
      priority: row.priority,
      topic: row.topic,
      knownIssueId: row.known_issue_id,
      createdAt: Number(row.created_ms),
      createdInPeriod: row.created_in_period,
      firstReplyAt: nullableNumber(row.first_reply_ms),
      frtHours: frtMs === null ? null : frtMs / hour,
      frtTargetMinutes,
      frtTargetMet: frtMs === null ? null : frtMs <= frtTargetMinutes * 60_000,
      publicReplies: Number(row.public_replies),
      escalated: row.escalated,
      reopened: row.reopened,
      solvedInPeriod: row.solved_in_period,
      fcr: row.fcr,
      firstSolvedAt: nullableNumber(row.first_solved_ms),
      resolutionHours: resolutionMs === null ? null : resolutionMs / hour,
      csatInPeriod,
      csatAt: csatInPeriod === null ? null : nullableNumber(row.csat_ms),
      statusAtEnd: row.status_at_end,
      openAtEnd: row.open_at_end,
    };
  });
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
  slaPolicies: SlaPolicy[];
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

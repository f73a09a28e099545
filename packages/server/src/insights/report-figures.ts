import { type SQL, sql } from "drizzle-orm";
import { workingWindowsBetween } from "../core/sla/business-hours.ts";
import type { Weekday } from "../core/time/zoned-time.ts";
import type { BusinessHours, Period } from "./period.ts";

export type SlaPolicy = { priority?: string; channel?: string; firstResponseMinutes: number };

/** What the per-ticket figures of one period depend on, besides the tickets. */
export type FiguresInput = {
  workspaceId: string;
  period: Period;
  /** The period's end, or now for the current period: open tickets and statuses are counted here. */
  openAt: number;
  slaPolicies: readonly SlaPolicy[];
  /** Working hours when the workspace reports its first response in them; null for calendar time. */
  businessHours: BusinessHours | null;
  /** The instants the period's weeks start (Monday 00:00 in the time zone), ascending. */
  weekStarts: readonly number[];
};

export const noTopic = "(no topic)";
export const noTeam = "(no team)";
export const unassigned = "(unassigned)";
export const noPriority = "(no priority)";
/** The first-response target where no SLA policy matches (spec/metrics.md). */
export const defaultFirstResponseMinutes = 120;

const iso = (instant: number) => new Date(instant).toISOString();
// One parameter each, written as an array literal (a JavaScript array would become a list of parameters).
const instants = (values: readonly number[]) => sql`${`{${values.map(iso).join(",")}}`}::timestamptz[]`;
const numbers = (values: readonly number[]) => sql`${`{${values.join(",")}}`}::float8[]`;
const text = (value: string) => sql`${value}::text`;
/**
 * Fields whose value at the period's end the report uses, with the event that changes each (an
 * escalation changes the team too: it is written as `escalated`, from one team to another).
 */
const trackedFields = [
  ["status_changed", "status"],
  ["priority_changed", "priority"],
  ["topic_changed", "topic"],
  ["assigned", "assignee_id"],
  ["team_changed", "team_id"],
] as const;
/** The tracked field an event changes, named by its main event type. */
const changedField = (event: string) =>
  sql.raw(`(case when ${event}.type = 'escalated' then 'team_changed' else ${event}.type end)`);

/**
 * The strictest first-response target among the SLA policies that match the ticket's channel or its
 * priority at the period's end (`least` skips the policies that do not match), else the default.
 */
function firstResponseTarget(policies: readonly SlaPolicy[]): SQL {
  const matches = policies.flatMap((policy) => {
    const conditions = [
      ...(policy.channel === undefined ? [] : [sql`channel = ${text(policy.channel)}`]),
      ...(policy.priority === undefined ? [] : [sql`priority = ${text(policy.priority)}`]),
    ];
    if (conditions.length === 0) return [];
    return [sql`case when ${sql.join(conditions, sql` or `)} then ${policy.firstResponseMinutes}::int end`];
  });
  if (matches.length === 0) return sql`${defaultFirstResponseMinutes}::int`;
  return sql`coalesce(least(${sql.join(matches, sql`, `)}), ${defaultFirstResponseMinutes}::int)`;
}

/**
 * The time from `from` to `to` (both inside the period), as an interval: in calendar time, or counting
 * only the working windows. Working time before an instant is read off the windows' running totals, found by a
 * binary search (`width_bucket`), so it costs the same for every ticket.
 */
export function elapsed(input: FiguresInput, from: SQL, to: SQL): SQL {
  if (!input.businessHours) return sql`(${to} - ${from})`;
  const calendar = {
    timeZone: input.period.timezone,
    days: input.businessHours.days as Weekday[],
    start: input.businessHours.start,
    end: input.businessHours.end,
  };
  const windows = workingWindowsBetween(new Date(input.period.start), new Date(input.period.end), calendar);
  if (windows.length === 0) return sql`interval '0'`;
  const starts = numbers(windows.map((window) => window.start));
  const ends = numbers(windows.map((window) => window.end));
  let total = 0;
  const before = numbers(
    windows.map((window) => {
      const sum = total;
      total += window.end - window.start;
      return sum;
    }),
  );
  const workedBefore = (instant: SQL) => {
    const at = sql`round(date_part('epoch', ${instant}) * 1000)`;
    const index = sql`width_bucket(${at}, ${starts})`;
    // Index 0 (before the first window) reads null from the arrays: no working time yet.
    return sql`coalesce((${before})[${index}] + least(greatest(${at} - (${starts})[${index}], 0), (${ends})[${index}] - (${starts})[${index}]), 0)`;
  };
  return sql`((${workedBefore(to)} - ${workedBefore(from)}) * interval '1 millisecond')`;
}

/**
 * How `figures` holds the tickets that changed a field at or after the end: `per ticket`, one row each
 * with its fields as they stood then (a join for every ticket); `signed`, for consumers that only add
 * up, every ticket as it stands now with `sign` 1, plus for the changed ones a row as it stands now
 * with `sign` -1 and a row as it stood then with `sign` 1 (no join over every ticket).
 */
export type FiguresShape = "per ticket" | "signed";

/**
 * Part of the tickets, for reads side by side: the rows stored in a range of the table's pages, from
 * `fromPage` and before `beforePage` (a TID range scan reads only those pages; within one snapshot
 * every row is in exactly one place). `withChanges`: this part also carries the corrections of the
 * `signed` shape for every changed ticket, wherever its row is stored, so that they are worked out once.
 */
export type TicketPart = { fromPage?: number; beforePage?: number; withChanges: boolean };

/**
 * `with … figures as (…)`: one row per ticket the period's report touches (created in it, solved in
 * it, scored in it, or open at its end), with every per-ticket figure, followed by `consumer`: more
 * named queries (starting with a comma) and a query that reads `figures`.
 *
 * Each ticket row keeps the times the report needs (first and second reply, first escalation and
 * reopening, every solve: migrations 0005 and 0006), so a ticket is read once and no message or
 * event is grouped. A figure asks "before the end?" of those times, so a past period gives the same
 * answer whatever happened to its tickets later. The fields the report groups by (status, priority,
 * topic, assignee, team) are taken as they were at the end: the ticket's current value, unless the
 * field changed at or after the end; then the value the first later change replaced (or, where that
 * event does not say, the last change before the end). Only events after the end are read for that
 * (an index range by type and time).
 */
export function withFigures(
  input: FiguresInput,
  consumer: SQL,
  shape: FiguresShape = "per ticket",
  part?: TicketPart,
): SQL {
  const workspace = text(input.workspaceId);
  const start = sql`${iso(input.period.start)}::timestamptz`;
  const end = sql`${iso(input.period.end)}::timestamptz`;
  const moment = sql`${iso(input.openAt)}::timestamptz`;
  // Status is counted at the moment (now, in the current period); the other fields at the end.
  const afterEnd = sql`((e.type = 'status_changed' and e.at >= ${moment})
        or (e.type in ('priority_changed', 'topic_changed', 'assigned', 'team_changed', 'escalated') and e.at >= ${end}))`;
  const pivot = sql.join(
    trackedFields.map(
      ([type, name]) =>
        sql`bool_or(type = ${type}) as ${sql.identifier(`${name}_changed`)}, max(value) filter (where type = ${type}) as ${sql.identifier(name)}`,
    ),
    sql`, `,
  );
  // A tracked field as it stood at the end where `atEnd` holds and the field changed since; else as it is.
  const fields = (atEnd: SQL) =>
    sql.join(
      trackedFields.map(([, name]) => {
        const field = sql.identifier(name);
        return sql`case when ${atEnd} and c.${sql.identifier(`${name}_changed`)} then c.${field} else t.${field} end as ${field}`;
      }),
      sql`,\n        `,
    );
  const ticketColumns = sql`t.id, t.channel, t.known_issue_id, t.created_at, t.first_reply_at, t.second_reply_at,
        t.first_escalated_at, t.first_reopened_at, t.first_solved_at, t.last_solved_at, t.solved_at,
        t.csat_score, t.csat_at`;
  const currentFields = sql.join(
    trackedFields.map(([, name]) => sql`t.${sql.identifier(name)}`),
    sql`, `,
  );
  const inPart = sql.join(
    [
      ...(part?.fromPage === undefined ? [] : [sql` and t.ctid >= ${`(${part.fromPage},0)`}::tid`]),
      ...(part?.beforePage === undefined ? [] : [sql` and t.ctid < ${`(${part.beforePage},0)`}::tid`]),
    ],
    sql``,
  );
  const inPeriodOrBefore = sql`t.workspace_id = ${workspace} and t.created_at < ${end}`;
  const perTicketScope = sql`
      select ${ticketColumns}, ${fields(sql`true`)}, 1 as sign
      from tickets t
      left join corrected c on c.ticket_id = t.id
      where ${inPeriodOrBefore}${inPart}`;
  const corrections = sql`
      union all
      select ${ticketColumns}, ${fields(sql`side.at_end`)}, side.sign
      from corrected c
      join tickets t on t.workspace_id = ${workspace} and t.id = c.ticket_id
      cross join (values (true, 1), (false, -1)) as side(at_end, sign)
      where ${inPeriodOrBefore}`;
  const signedScope = sql`
      select ${ticketColumns}, ${currentFields}, 1 as sign
      from tickets t
      where ${inPeriodOrBefore}${inPart}${part && !part.withChanges ? sql`` : corrections}`;
  const replyBeforeEnd = sql`case when s.first_reply_at < ${end} then s.first_reply_at end`;
  const frt = elapsed(input, sql`f.created_at`, sql`f.first_reply_at`);
  return sql`
    with value_at_end as (
      -- Each field that changed at or after the end, with its value then: the value the first later
      -- change replaced; where that change does not say (an imported event without "from"), the last
      -- change before the end.
      select later.ticket_id, later.type,
        case
          when later.from_value is not null then later.from_value
          when earlier.found then earlier.to_value
          when later.type = 'status_changed' then 'new'
        end as value
      from (
        select distinct on (e.ticket_id, ${changedField("e")}) e.ticket_id, ${changedField("e")} as type,
          e.from_value
        from ticket_events e
        where e.workspace_id = ${workspace} and ${afterEnd}
        order by e.ticket_id, ${changedField("e")}, e.at, e.position
      ) later
      left join lateral (
        select true as found, e.to_value from ticket_events e
        where later.from_value is null
          and e.workspace_id = ${workspace} and e.ticket_id = later.ticket_id and ${changedField("e")} = later.type
          and e.at < (case when later.type = 'status_changed' then ${moment} else ${end} end)
        order by e.at desc, e.position desc
        limit 1
      ) earlier on true
    ),
    corrected as (
      select ticket_id, ${pivot} from value_at_end group by ticket_id
    ),
    scope as (${shape === "per ticket" ? perTicketScope : signedScope}
    ),
    facts as (
      select s.id, s.sign, s.channel, s.known_issue_id, s.priority, s.topic, s.assignee_id, s.team_id,
        s.created_at, s.csat_score, s.csat_at,
        s.status as status_at_end,
        s.created_at >= ${start} as created_in_period,
        ${replyBeforeEnd} as first_reply_at,
        coalesce(s.first_reply_at < ${end}, false) and not coalesce(s.second_reply_at < ${end}, false) as one_reply,
        coalesce(s.first_escalated_at < ${end}, false) as escalated,
        coalesce(s.first_reopened_at < ${end}, false) as reopened,
        case when s.first_solved_at < ${end} then s.first_solved_at end as first_solved_at,
        case
          when s.first_solved_at is null or s.first_solved_at >= ${end} or s.last_solved_at < ${start} then false
          when s.first_solved_at >= ${start} or s.last_solved_at < ${end} then true
          -- Solved before the period and again after it: fewer solves before the end than before the
          -- start means one in the period (solved_at is in order; a binary search).
          else coalesce(width_bucket(${end} - interval '1 microsecond', s.solved_at)
            > width_bucket(${start} - interval '1 microsecond', s.solved_at), false)
        end as solved_in_period
      from scope s
    ),
    figures as (
      select f.id, f.sign, f.channel, f.known_issue_id, f.priority, f.topic, f.assignee_id, f.team_id,
        f.created_at, f.created_in_period, f.first_reply_at, f.escalated, f.reopened, f.first_solved_at,
        f.solved_in_period, f.status_at_end, f.csat_score, f.csat_at,
        case when f.created_in_period and f.first_reply_at is not null then ${frt} end as frt,
        ${firstResponseTarget(input.slaPolicies)} as frt_target_minutes,
        case when f.solved_in_period then f.one_reply and not f.escalated and not f.reopened end as fcr,
        case when f.first_solved_at >= ${start} then f.first_solved_at - f.created_at end as resolution,
        case when f.csat_at >= ${start} and f.csat_at < ${end} then f.csat_score::int end as csat_in_period,
        f.status_at_end in ('new', 'open', 'pending', 'on_hold') as open_at_end,
        width_bucket(f.created_at, ${instants(input.weekStarts)}) as week
      from facts f
      where f.created_in_period or f.solved_in_period or (f.csat_at >= ${start} and f.csat_at < ${end})
        or (f.created_at < ${moment} and f.status_at_end in ('new', 'open', 'pending', 'on_hold'))
    )
    ${consumer}
  `;
}

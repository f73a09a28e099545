import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Weekday, workingMinutesBetween } from "../core/sla/business-hours.ts";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import type { Snapshot, SnapshotTicket } from "../core/snapshot/snapshot-schema.ts";
import { apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { generateSnapshot } from "../testing/snapshot-generator.ts";
import { mean, median } from "./aggregate.ts";
import { monthPeriod, type Period } from "./period.ts";
import type { Report } from "./report-schema.ts";
import { createReports, type Reports } from "./reports.ts";

/**
 * The report against an independent count: figures worked out here, ticket by ticket, straight from
 * the exported snapshot (messages and events) by the definitions of spec/metrics.md, over generated
 * months whose tickets go on changing after the month's end.
 */

const hour = 3_600_000;
const openStatuses = ["new", "open", "pending", "on_hold"];
const isReply = (message: { author: string; public: boolean }) =>
  message.public && (message.author === "responder" || message.author.startsWith("agent:"));

type Expected = {
  volume: number;
  frtHours: number[];
  frtMet: number;
  solved: number;
  resolvedFirst: number;
  scores: number[];
  open: number;
  resolutionHours: number[];
  createdEscalated: number;
  byChannel: Map<string, { volume: number; open: number }>;
  byTeam: Map<string, { volume: number; open: number }>;
  byTopic: Map<string, number>;
};

/**
 * A field's value at `bound`: its current value, unless it changed at or after the bound; then the
 * value the first later change replaced, or where that change does not say, the last change before.
 */
function valueAt(ticket: SnapshotTicket, types: string[], current: string | null, bound: number): string | null {
  const events = (ticket.events ?? []).filter((event) => types.includes(event.type));
  const later = events.filter((event) => Date.parse(event.at) >= bound);
  if (later.length === 0) return current;
  const first = later.reduce((next, event) => (Date.parse(event.at) < Date.parse(next.at) ? event : next));
  if (first.from !== undefined && first.from !== null) return first.from;
  const earlier = events.filter((event) => Date.parse(event.at) < bound);
  if (earlier.length > 0) {
    return earlier.reduce((last, event) => (Date.parse(event.at) >= Date.parse(last.at) ? event : last)).to ?? null;
  }
  return types.includes("status_changed") ? "new" : null;
}

function targetMinutes(snapshot: Snapshot, channel: string, priority: string | null): number {
  const matching = (snapshot.workspace.slaPolicies ?? []).filter(
    (policy) => policy.channel === channel || (policy.priority !== undefined && policy.priority === priority),
  );
  return matching.length === 0 ? 120 : Math.min(...matching.map((policy) => policy.firstResponseMinutes));
}

function expectedFigures(snapshot: Snapshot, period: Period, now: number): Expected {
  const { start, end } = period;
  const moment = Math.min(end, now);
  const within = (instant: number) => instant >= start && instant < end;
  const hours = snapshot.workspace.reportInBusinessHours ? snapshot.workspace.businessHours : undefined;
  const expected: Expected = {
    volume: 0,
    frtHours: [],
    frtMet: 0,
    solved: 0,
    resolvedFirst: 0,
    scores: [],
    open: 0,
    resolutionHours: [],
    createdEscalated: 0,
    byChannel: new Map(),
    byTeam: new Map(),
    byTopic: new Map(),
  };
  for (const ticket of snapshot.tickets) {
    const createdAt = Date.parse(ticket.createdAt);
    if (createdAt >= end) continue;
    const events = (ticket.events ?? []).map((event) => ({ ...event, instant: Date.parse(event.at) }));
    const replies = ticket.messages
      .filter((message) => isReply(message) && Date.parse(message.at) < end)
      .map((message) => Date.parse(message.at))
      .sort((left, right) => left - right);
    const escalated = events.some((event) => event.type === "escalated" && event.instant < end);
    const reopened = events.some((event) => event.type === "reopened" && event.instant < end);
    const solves = events
      .filter((event) => event.type === "status_changed" && event.to === "solved")
      .map((event) => event.instant);
    const solvedInPeriod = solves.some(within);
    const firstSolved = solves.length === 0 ? null : Math.min(...solves);
    const status = valueAt(ticket, ["status_changed"], ticket.status, moment) as string;
    const priority = valueAt(ticket, ["priority_changed"], ticket.priority ?? null, end);
    const topic = valueAt(ticket, ["topic_changed"], ticket.topic ?? null, end)?.trim() || "(no topic)";
    const team = valueAt(ticket, ["team_changed", "escalated"], ticket.teamId ?? null, end) ?? "(no team)";
    const createdInPeriod = within(createdAt);
    const csatAt = ticket.csat ? Date.parse(ticket.csat.at) : null;
    const scored = csatAt !== null && within(csatAt);
    const openAtEnd = openStatuses.includes(status);
    if (!(createdInPeriod || solvedInPeriod || scored || (createdAt < moment && openAtEnd))) continue;

    if (createdInPeriod) {
      expected.volume += 1;
      expected.byTopic.set(topic, (expected.byTopic.get(topic) ?? 0) + 1);
      if (escalated) expected.createdEscalated += 1;
      const firstReply = replies[0];
      if (firstReply !== undefined) {
        const calendar = hours && { ...hours, days: hours.days as Weekday[], timeZone: period.timezone };
        const elapsed = calendar
          ? workingMinutesBetween(new Date(createdAt), new Date(firstReply), calendar) * 60_000
          : firstReply - createdAt;
        expected.frtHours.push(elapsed / hour);
        if (elapsed <= targetMinutes(snapshot, ticket.channel, priority) * 60_000) expected.frtMet += 1;
      }
    }
    if (solvedInPeriod) {
      expected.solved += 1;
      if (replies.length === 1 && !escalated && !reopened) expected.resolvedFirst += 1;
    }
    if (firstSolved !== null && within(firstSolved)) expected.resolutionHours.push((firstSolved - createdAt) / hour);
    if (scored && ticket.csat) expected.scores.push(ticket.csat.score);
    if (openAtEnd) expected.open += 1;
    const channel = expected.byChannel.get(ticket.channel) ?? { volume: 0, open: 0 };
    if (createdInPeriod) channel.volume += 1;
    if (openAtEnd) channel.open += 1;
    expected.byChannel.set(ticket.channel, channel);
    const teamRow = expected.byTeam.get(team) ?? { volume: 0, open: 0 };
    if (createdInPeriod) teamRow.volume += 1;
    if (openAtEnd) teamRow.open += 1;
    expected.byTeam.set(team, teamRow);
  }
  return expected;
}

const percent = (part: number, whole: number) => (whole === 0 ? null : (100 * part) / whole);

function expectReportToMatch(report: Report, expected: Expected) {
  const close = (actual: number | null, wanted: number | null) => {
    if (wanted === null) expect(actual).toBeNull();
    else expect(actual).toBeCloseTo(wanted, 9);
  };
  expect(report.volume).toBe(expected.volume);
  expect(report.frt.count).toBe(expected.frtHours.length);
  close(report.frt.meanHours, mean(expected.frtHours));
  close(report.frt.medianHours, median(expected.frtHours));
  close(report.frt.targetMetPct, percent(expected.frtMet, expected.frtHours.length));
  close(report.fcrPct, percent(expected.resolvedFirst, expected.solved));
  expect(report.csat.count).toBe(expected.scores.length);
  close(report.csat.mean, mean(expected.scores));
  close(
    report.csat.satisfiedPct,
    percent(expected.scores.filter((score) => score >= 4).length, expected.scores.length),
  );
  expect(report.openTickets).toBe(expected.open);
  expect(report.resolution.count).toBe(expected.resolutionHours.length);
  close(report.resolution.meanHours, mean(expected.resolutionHours));
  close(report.resolution.medianHours, median(expected.resolutionHours));
  close(report.escalationRatePct, percent(expected.createdEscalated, expected.volume));
  expect(
    new Map(report.breakdowns.channel.map((row) => [row.key, { volume: row.volume, open: row.openTickets }])),
  ).toEqual(expected.byChannel);
  expect(
    new Map(report.breakdowns.team.map((row) => [row.key, { volume: row.volume, open: row.openTickets }])),
  ).toEqual(expected.byTeam);
  expect(new Map(report.topIssues.map((issue) => [issue.topic, issue.count]))).toEqual(expected.byTopic);
}

describe.each([
  { timezone: "America/New_York", businessHours: false },
  { timezone: "Asia/Kolkata", businessHours: true },
])("a generated month in $timezone (business hours: $businessHours)", ({ timezone, businessHours }) => {
  let desk: TestDesk;
  let reports: Reports;
  let marchBefore: Report;

  beforeAll(async () => {
    // Tickets from 10 March to 9 April: March's report has tickets that change after its end.
    desk = await createTestDesk({ now: "2026-04-20T12:00:00Z" });
    const generated = generateSnapshot({ tickets: 300, seed: 77, start: "2026-03-10T00:00:00Z", days: 30, timezone });
    generated.workspace.reportInBusinessHours = businessHours;
    await desk.snapshots.importSnapshot("default", parseSnapshot(JSON.parse(JSON.stringify(generated))));
    reports = createReports(desk.database.db, desk.clock);
    marchBefore = await reports.monthly("default", "2026-03");

    // Work on March tickets after March: replies, solves, an escalation, a status, priority and topic change.
    const api = apiClient(await desk.app(), await desk.issueToken("admin"));
    const march = monthPeriod("2026-03", timezone);
    // Tickets still open, so that every change below is one the lifecycle allows.
    const openTickets = generated.tickets.filter((ticket) => ["new", "open", "pending"].includes(ticket.status));
    const [first, second, third, fourth] = openTickets
      .filter((ticket) => Date.parse(ticket.createdAt) >= march.start && Date.parse(ticket.createdAt) < march.end)
      .map((ticket) => ticket.id)
      .slice(-4) as string[];
    // A merge moves messages, so it rewrites the history of both tickets: two April tickets.
    const [fifth, sixth] = openTickets
      .filter((ticket) => Date.parse(ticket.createdAt) >= march.end)
      .map((ticket) => ticket.id)
      .slice(-2) as string[];
    const succeeds = async (response: Promise<{ status: number; body: unknown }>) => {
      const { status, body } = await response;
      expect(status, JSON.stringify(body)).toBe(200);
    };
    for (const id of [first, second]) {
      await succeeds(api.post(`/tickets/${id}/messages`, { body: "Here is what I found." }));
      await succeeds(api.patch(`/tickets/${id}`, { status: "solved" }));
    }
    await succeeds(api.patch(`/tickets/${third}`, { status: "on_hold", priority: "urgent", topic: "renamed later" }));
    await succeeds(api.post(`/tickets/${fourth}/escalate`, { reason: "Needs engineering" }));
    await succeeds(api.post(`/tickets/${fifth}/merge`, { from: sixth, allowDifferentCustomers: true }));
  }, 120_000);
  afterAll(() => desk.close());

  it("gives the figures counted ticket by ticket from the messages and events", async () => {
    const exported = await desk.snapshots.exportSnapshot("default");
    const now = desk.clock.now().getTime();
    for (const month of ["2026-03", "2026-04"]) {
      const report = await reports.monthly("default", month);
      expectReportToMatch(report, expectedFigures(exported, monthPeriod(month, timezone), now));
    }
  });

  it("keeps March as it was before its tickets changed in April", async () => {
    expect(await reports.monthly("default", "2026-03")).toEqual(marchBefore);
  });

  it("keeps each ticket's report times equal to a recount from its messages and events", async () => {
    const times = sql`select id, first_reply_at, second_reply_at, first_escalated_at, first_reopened_at, solved_at
      from tickets where workspace_id = 'default' order by id`;
    const read = async () =>
      ((await desk.database.db.execute(times)) as unknown as { rows: Record<string, unknown>[] }).rows;
    const kept = await read();
    expect(kept.filter((row) => row.first_reply_at !== null).length).toBeGreaterThan(100);
    await desk.database.db.execute(
      sql`select responder_refresh_report_figures('default', array(select id from tickets where workspace_id = 'default'))`,
    );
    expect(await read()).toEqual(kept);
  });
});

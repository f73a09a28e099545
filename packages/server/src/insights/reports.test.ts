import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import { apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { type Report, reportSchema } from "./report-schema.ts";
import { createReports, type Reports } from "./reports.ts";

// A hand-built month in New York with known answers (EST until 8 March 2026, EDT after).
const month = {
  format: "support-responder/workspace@1",
  workspace: {
    name: "Known answers",
    timezone: "America/New_York",
    slaPolicies: [{ channel: "chat", firstResponseMinutes: 30 }],
  },
  agents: [{ id: "a1", name: "Avery", email: "avery@example.test", role: "agent" }],
  customers: [{ id: "c1", name: "Casey" }],
  knownIssues: [{ id: "ki-export", title: "Export times out", status: "open" }],
  tickets: [
    {
      // An automatic acknowledgement and an internal note come before the first real reply: FRT 1.5 h.
      id: "t1",
      customerId: "c1",
      channel: "email",
      status: "solved",
      topic: "export",
      subject: "=export broken, again",
      createdAt: "2026-03-02T14:00:00Z",
      messages: [
        { at: "2026-03-02T14:00:00Z", author: "customer", public: true, body: "Export fails" },
        { at: "2026-03-02T14:01:00Z", author: "system", public: true, body: "We got your message" },
        { at: "2026-03-02T14:10:00Z", author: "agent:a1", public: false, body: "Internal note" },
        { at: "2026-03-02T15:30:00Z", author: "agent:a1", public: true, body: "Try smaller ranges" },
      ],
      events: [
        { at: "2026-03-02T14:00:00Z", type: "status_changed", to: "new" },
        { at: "2026-03-02T16:00:00Z", type: "status_changed", from: "new", to: "solved" },
        { at: "2026-03-03T10:00:00Z", type: "csat_received" },
      ],
      csat: { score: 5, at: "2026-03-03T10:00:00Z" },
    },
    {
      // Escalated, solved twice in March: one solved ticket for FCR (not resolved at first contact), resolution to the first solve.
      id: "t2",
      customerId: "c1",
      channel: "chat",
      status: "solved",
      topic: "export",
      knownIssueId: "ki-export",
      createdAt: "2026-03-10T12:00:00Z",
      messages: [
        { at: "2026-03-10T12:00:00Z", author: "customer", public: true, body: "Export again" },
        { at: "2026-03-10T13:00:00Z", author: "responder", public: true, body: "Looking" },
        { at: "2026-03-10T14:00:00Z", author: "agent:a1", public: true, body: "Escalated" },
      ],
      events: [
        { at: "2026-03-10T13:30:00Z", type: "escalated" },
        { at: "2026-03-11T12:00:00Z", type: "status_changed", from: "new", to: "solved" },
        { at: "2026-03-12T09:00:00Z", type: "status_changed", from: "solved", to: "open" },
        { at: "2026-03-12T09:00:00Z", type: "reopened", from: "solved", to: "open" },
        { at: "2026-03-13T12:00:00Z", type: "status_changed", from: "open", to: "solved" },
        { at: "2026-03-14T12:00:00Z", type: "csat_received" },
      ],
      csat: { score: 2, at: "2026-03-14T12:00:00Z" },
    },
    {
      // 23:30 on 31 March in New York, 1 April in UTC: a March ticket, still new at the month's end.
      id: "t3",
      customerId: "c1",
      channel: "email",
      status: "new",
      topic: "login",
      createdAt: "2026-04-01T03:30:00Z",
      messages: [{ at: "2026-04-01T03:30:00Z", author: "customer", public: true, body: "Cannot log in" }],
    },
    {
      // Created and first solved in February, reopened and solved again in March: counts in March's FCR, not its resolution time.
      id: "t4",
      customerId: "c1",
      channel: "email",
      status: "solved",
      topic: "billing",
      createdAt: "2026-02-20T10:00:00Z",
      messages: [
        { at: "2026-02-20T10:00:00Z", author: "customer", public: true, body: "Invoice?" },
        { at: "2026-02-20T11:00:00Z", author: "agent:a1", public: true, body: "Here" },
        { at: "2026-03-04T10:00:00Z", author: "customer", public: true, body: "Wrong amount" },
        { at: "2026-03-04T11:00:00Z", author: "agent:a1", public: true, body: "Fixed" },
      ],
      events: [
        { at: "2026-02-21T10:00:00Z", type: "status_changed", from: "new", to: "solved" },
        { at: "2026-03-04T10:00:00Z", type: "status_changed", from: "solved", to: "open" },
        { at: "2026-03-04T10:00:00Z", type: "reopened", from: "solved", to: "open" },
        { at: "2026-03-05T10:00:00Z", type: "status_changed", from: "open", to: "solved" },
        { at: "2026-03-06T10:00:00Z", type: "csat_received" },
      ],
      csat: { score: 4, at: "2026-03-06T10:00:00Z" },
    },
    {
      // 23:30 on 28 February in New York, 1 March in UTC: a February ticket, pending (open) at March's end.
      id: "t5",
      customerId: "c1",
      channel: "phone",
      status: "pending",
      topic: "billing",
      createdAt: "2026-03-01T04:30:00Z",
      messages: [{ at: "2026-03-01T04:30:00Z", author: "customer", public: true, body: "Call me" }],
      events: [{ at: "2026-03-01T04:40:00Z", type: "status_changed", from: "new", to: "pending" }],
    },
    {
      // Open at March's end, solved and scored in April: open in March's report, no March CSAT.
      id: "t6",
      customerId: "c1",
      channel: "email",
      status: "solved",
      topic: "login",
      createdAt: "2026-03-20T10:00:00Z",
      messages: [
        { at: "2026-03-20T10:00:00Z", author: "customer", public: true, body: "Locked out" },
        { at: "2026-03-20T12:30:00Z", author: "agent:a1", public: true, body: "Reset sent" },
      ],
      events: [
        { at: "2026-03-20T12:30:00Z", type: "status_changed", from: "new", to: "open" },
        { at: "2026-04-02T10:00:00Z", type: "status_changed", from: "open", to: "solved" },
        { at: "2026-04-03T10:00:00Z", type: "csat_received" },
      ],
      csat: { score: 5, at: "2026-04-03T10:00:00Z" },
    },
  ],
};

let desk: TestDesk;
let reports: Reports;

beforeAll(async () => {
  desk = await createTestDesk({ now: "2026-04-10T12:00:00Z" });
  await desk.snapshots.importSnapshot("default", parseSnapshot(month));
  reports = createReports(desk.database.db, desk.clock);
});
afterAll(() => desk.close());

describe("the monthly report of a hand-built month", () => {
  let march: Report;
  beforeAll(async () => {
    march = reportSchema.parse(await reports.monthly("default", "2026-03"));
  });

  it("takes the month's bounds in the workspace's time zone", () => {
    expect(march.period).toEqual({
      start: "2026-03-01T05:00:00.000Z",
      end: "2026-04-01T04:00:00.000Z",
      timezone: "America/New_York",
    });
  });

  it("counts a ticket created late on the 31st in New York in March, and one late on 28 February in February", () => {
    expect(march.volume).toBe(4);
    expect(march.volumePrev).toBe(2);
    expect(march.volumeChangePct).toBe(100);
  });

  it("measures first response from the first public agent or responder message, not the acknowledgement or a note", () => {
    expect(march.frt.count).toBe(3);
    expect(march.frt.meanHours).toBeCloseTo((1.5 + 1 + 2.5) / 3, 10);
    expect(march.frt.medianHours).toBe(1.5);
    // Email's target is 120 minutes (no policy matches), chat's 30.
    expect(march.frt.targetMetPct).toBeCloseTo(100 / 3, 10);
  });

  it("counts a ticket solved twice once, and a ticket solved in two months in both", async () => {
    expect(march.fcrPct).toBeCloseTo(100 / 3, 10);
    const february = await reports.monthly("default", "2026-02");
    expect(february.fcrPct).toBe(100);
    expect(february.resolution).toEqual({ meanHours: 24, medianHours: 24, count: 1 });
  });

  it("measures resolution to the first solve, for tickets first solved in the month", () => {
    expect(march.resolution).toEqual({ meanHours: 13, medianHours: 13, count: 2 });
  });

  it("averages the scores received in the month", () => {
    expect(march.csat.mean).toBeCloseTo(11 / 3, 10);
    expect(march.csat.count).toBe(3);
    expect(march.csat.satisfiedPct).toBeCloseTo(200 / 3, 10);
  });

  it("counts the tickets open at the month's end, whatever their status now", () => {
    expect(march.openTickets).toBe(3);
    expect(march.escalationRatePct).toBe(25);
  });

  it("groups the month's tickets by topic with their trend, FCR, escalation rate, CSAT and known issue", () => {
    expect(march.topIssues).toEqual([
      {
        topic: "export",
        count: 2,
        fcrPct: 50,
        escalationRatePct: 50,
        knownIssueId: "ki-export",
        knownIssueStatus: "open",
        // February had billing tickets only (t5 was created on its last evening in New York).
        countPrev: 0,
        trendPct: null,
        csat: { mean: 3.5, count: 2 },
      },
      // t6's score came in April.
      {
        topic: "login",
        count: 2,
        fcrPct: null,
        escalationRatePct: 0,
        countPrev: 0,
        trendPct: null,
        csat: { mean: null, count: 0 },
      },
    ]);
  });

  it("recommends from the figures: FCR below target points at the topic with the most escalations", () => {
    expect(march.recommendations).toHaveLength(1);
    expect(march.recommendations[0]?.text).toMatch(/FCR is 51\.7 pp below target/);
    expect(march.recommendations[0]?.text).toMatch(/"export" \(known issue ki-export\)/);
    expect(march.recommendations[0]?.evidence).toContain('"export": 1 of 2 tickets escalated (50.0%)');
  });

  it("writes one CSV row per ticket the report touches, with the figures behind every number", async () => {
    const csv = await reports.monthlyCsv("default", "2026-03");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]?.split(",").slice(0, 3)).toEqual(["ticket_id", "subject", "channel"]);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["t4", "t5", "t1", "t2", "t6", "t3"]);
    const t1 = lines.find((line) => line.startsWith("t1,"));
    // A subject starting with "=" is kept as text in a spreadsheet.
    expect(t1).toContain(`"'=export broken, again"`);
    expect(t1).toContain(",1.5,120,yes,1,no,no,yes,yes,");
  });

  it("renders the brief's table in Markdown", async () => {
    const markdown = await reports.monthlyMarkdown("default", "2026-03");
    expect(markdown).toContain("# Support Metrics — March 2026");
    expect(markdown).toContain("| Avg First Response | 1.7 hours | <2 hours | ✅ |");
    expect(markdown).toContain("| First Contact Resolution | 33.3% | 85% | ⚠️ Below target |");
    expect(markdown).toContain("| Open Tickets | 3 | <25 | ✅ |");
    expect(markdown).toContain("| export | 2 | new | 50.0% | 50.0% | 3.50 (2) | ki-export (open) |");
  });

  it("breaks the figures down by the week each ticket was created, Monday to Monday in New York", () => {
    const row = (
      key: string,
      volume: number,
      frt: [number | null, number | null, number],
      fcrPct: number | null,
      csat: [number | null, number],
      openTickets: number,
    ) => ({
      key,
      volume,
      frt: { meanHours: frt[0], targetMetPct: frt[1], count: frt[2] },
      fcrPct,
      csat: { mean: csat[0], count: csat[1] },
      openTickets,
    });
    expect(march.breakdowns.week).toEqual([
      // t4, created 20 February, solved and scored in March.
      row("earlier", 0, [null, null, 0], 0, [4, 1], 0),
      // The week from Monday 23 February crosses into March: t5, created on Saturday 28 February in New York, open at the end.
      row("2026-02-23", 0, [null, null, 0], null, [null, 0], 1),
      row("2026-03-02", 1, [1.5, 100, 1], 100, [5, 1], 0),
      row("2026-03-09", 1, [1, 0, 1], 0, [2, 1], 0),
      row("2026-03-16", 1, [2.5, 0, 1], null, [null, 0], 1),
      row("2026-03-23", 0, [null, null, 0], null, [null, 0], 0),
      // t3, 23:30 on Tuesday 31 March in New York (1 April in UTC); the week runs into April.
      row("2026-03-30", 1, [null, null, 0], null, [null, 0], 1),
    ]);
    expect(march.breakdowns.week.reduce((sum, week) => sum + week.volume, 0)).toBe(march.volume);
    expect(march.breakdowns.week.reduce((sum, week) => sum + week.openTickets, 0)).toBe(march.openTickets);
  });

  it("breaks the figures down by channel, team, agent, priority and topic", () => {
    expect(march.breakdowns.channel).toEqual([
      {
        key: "email",
        volume: 3,
        frt: { meanHours: 2, targetMetPct: 50, count: 2 },
        fcrPct: 50,
        csat: { mean: 4.5, count: 2 },
        openTickets: 2,
      },
      {
        key: "chat",
        volume: 1,
        frt: { meanHours: 1, targetMetPct: 0, count: 1 },
        fcrPct: 0,
        csat: { mean: 2, count: 1 },
        openTickets: 0,
      },
      {
        key: "phone",
        volume: 0,
        frt: { meanHours: null, targetMetPct: null, count: 0 },
        fcrPct: null,
        csat: { mean: null, count: 0 },
        openTickets: 1,
      },
    ]);
    const whole = {
      key: "",
      volume: march.volume,
      frt: { meanHours: march.frt.meanHours, targetMetPct: march.frt.targetMetPct, count: march.frt.count },
      fcrPct: march.fcrPct,
      csat: { mean: march.csat.mean, count: march.csat.count },
      openTickets: march.openTickets,
    };
    expect(march.breakdowns.team).toEqual([{ ...whole, key: "(no team)" }]);
    expect(march.breakdowns.agent).toEqual([{ ...whole, key: "(unassigned)" }]);
    expect(march.breakdowns.priority).toEqual([{ ...whole, key: "(no priority)" }]);
    expect(march.breakdowns.topic.map((topic) => [topic.key, topic.volume, topic.fcrPct, topic.openTickets])).toEqual([
      // Same volume: more open first.
      ["login", 2, null, 2],
      ["export", 2, 50, 0],
      ["billing", 0, 0, 1],
    ]);
  });

  it("renders the breakdowns as compact tables after the main table", async () => {
    const markdown = await reports.monthlyMarkdown("default", "2026-03");
    expect(markdown).toContain("| email | 3 | 2.0 hours | 50.0% | 50.0% | 4.50 (2) | 2 |");
    expect(markdown).toContain("| 2026-02-23 | 0 | — | — | — | — | 1 |");
    expect(markdown.indexOf("### By channel")).toBeGreaterThan(markdown.indexOf("| Escalation Rate |"));
    expect(markdown.indexOf("### By channel")).toBeLessThan(markdown.indexOf("## Top Issues"));
  });

  it("refuses a month that is not YYYY-MM", async () => {
    await expect(reports.monthly("default", "2026-13")).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("does not move a past month when its tickets change later", async () => {
    const app = await desk.app();
    const api = apiClient(app, await desk.issueToken());
    expect((await api.patch("/tickets/t1", { status: "open", topic: "billing", priority: "urgent" })).status).toBe(200);
    expect((await api.post("/tickets/t1/messages", { body: "Another reply" })).status).toBe(200);
    expect((await api.patch("/tickets/t5", { status: "solved" })).status).toBe(200);
    expect((await api.patch("/tickets/t3", { topic: "export" })).status).toBe(200);
    expect(await reports.monthly("default", "2026-03")).toEqual(march);
    // The current month sees the changes.
    const april = await reports.monthly("default");
    expect(april.period.start).toBe("2026-04-01T04:00:00.000Z");
    expect(april.fcrPct).toBe(50);
  });

  it("compares each topic with the previous month by the topic its tickets had then", async () => {
    const app = await desk.app();
    const api = apiClient(app, await desk.issueToken());
    // t4 and t5 were February's billing tickets; renaming one now must not change March's trend.
    expect((await api.patch("/tickets/t4", { topic: "export" })).status).toBe(200);
    const again = await reports.monthly("default", "2026-03");
    expect(again.topIssues.find((issue) => issue.topic === "export")).toMatchObject({ countPrev: 0, trendPct: null });
    // April against March: at March's end export had t1 and t2 (t1 became billing and t3 export only in April).
    const created = await api.post("/tickets", {
      customer: { id: "c1" },
      channel: "email",
      topic: "export",
      message: { author: "customer", body: "Export fails again" },
    });
    expect(created.status).toBe(201);
    const april = await reports.monthly("default", "2026-04");
    expect(april.topIssues.find((issue) => issue.topic === "export")).toMatchObject({
      count: 1,
      countPrev: 2,
      trendPct: -50,
    });
  });
});

describe("the demo workspace's March 2026", () => {
  it("reproduces the demo's own figures", async () => {
    const demoDesk = await createTestDesk({ now: "2026-11-24T12:00:00Z" });
    try {
      const file = new URL("../demo/demo-workspace.json", import.meta.url);
      await demoDesk.snapshots.importSnapshot("default", parseSnapshot(JSON.parse(await readFile(file, "utf8"))));
      const report = await createReports(demoDesk.database.db, demoDesk.clock).monthly("default", "2026-03");
      expect(report.volume).toBe(342);
      expect(report.volumePrev).toBe(305);
      expect(report.frt.meanHours).toBeCloseTo(1.4, 2);
      expect(report.fcrPct).toBeCloseTo(81.9, 1);
      expect(report.csat.mean).toBeCloseTo(4.6, 2);
      expect(report.openTickets).toBe(18);
      expect(report.topIssues.slice(0, 3)).toMatchObject([
        { topic: "data export failure", count: 28, knownIssueId: "known-issue-export-timeout" },
        { topic: "login after password reset", count: 19 },
        { topic: "credit packages", count: 15 },
      ]);
    } finally {
      await demoDesk.close();
    }
  }, 60_000);
});

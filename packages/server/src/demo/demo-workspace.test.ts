import { beforeAll, describe, expect, it } from "vitest";
import { type Snapshot, snapshotSchema } from "../core/snapshot/snapshot-schema.ts";
import { findBrokenReferences } from "../testing/snapshot-generator.ts";
import { readDemoWorkspaceFile, serializeDemoWorkspace } from "./build-demo-workspace.ts";
import { latestInstant, summarizePeriod } from "./demo-summary.ts";
import { buildDemoWorkspace, demoPeriods, findStarTicket } from "./demo-workspace.ts";

let built: Snapshot;
let committed: Snapshot;

beforeAll(() => {
  built = buildDemoWorkspace();
  committed = JSON.parse(readDemoWorkspaceFile()) as Snapshot;
});

const allInstants = (snapshot: Snapshot): string[] => [
  ...(snapshot.articles ?? []).flatMap((article) => (article.updatedAt ? [article.updatedAt] : [])),
  ...(snapshot.accountEvents ?? []).map((event) => event.at),
  ...snapshot.tickets.flatMap((ticket) => [
    ticket.createdAt,
    ...ticket.messages.map((message) => message.at),
    ...(ticket.events ?? []).map((event) => event.at),
    ...(ticket.csat ? [ticket.csat.at] : []),
  ]),
];

describe("the committed demo workspace", () => {
  it("is exactly what the build script produces", () => {
    expect(readDemoWorkspaceFile()).toBe(serializeDemoWorkspace(built));
  });

  it("is the same document on every build", () => {
    expect(JSON.stringify(buildDemoWorkspace())).toBe(JSON.stringify(built));
  });

  it("parses as a snapshot and every reference resolves", () => {
    expect(() => snapshotSchema.parse(committed)).not.toThrow();
    expect(findBrokenReferences(committed)).toEqual([]);
  });

  it("stays inside February and March 2026 and ends on March 27", () => {
    const instants = allInstants(committed).map((instant) => Date.parse(instant));
    expect(Math.min(...instants)).toBeGreaterThanOrEqual(Date.parse("2026-02-01T00:00:00Z"));
    expect(new Date(latestInstant(committed)).toISOString().slice(0, 10)).toBe("2026-03-27");
    expect(allInstants(committed).every((instant) => instant === new Date(instant).toISOString())).toBe(true);
  });

  it("stays well under 2 MB", () => {
    expect(readDemoWorkspaceFile().length).toBeLessThan(1_800_000);
  });
});

describe("the star ticket: Maya Chen's export, failing for three days", () => {
  it("is a new, high-priority email from March 26 with no reply yet, linked to the export known issue", () => {
    const star = findStarTicket(committed);
    expect(star).toBeDefined();
    expect(star?.id).toBe("ticket-1639");
    expect(star?.status).toBe("new");
    expect(star?.channel).toBe("email");
    expect(star?.priority).toBe("high");
    expect(star?.createdAt.startsWith("2026-03-26")).toBe(true);
    expect(star?.knownIssueId).toBe("known-issue-export-timeout");
    expect(star?.messages[0]?.author).toBe("customer");
    expect(star?.messages[0]?.body).toMatch(/third day/);
    expect(star?.messages[0]?.body).toMatch(/unacceptable/);
    expect(star?.messages.some((message) => message.author.startsWith("agent:"))).toBe(false);
    const customer = committed.customers.find((candidate) => candidate.id === star?.customerId);
    expect(customer).toMatchObject({ name: "Maya Chen", plan: "pro" });
  });

  it("comes with the export failures from March 23 onwards in Maya's account events", () => {
    const star = findStarTicket(committed);
    const failures = (committed.accountEvents ?? []).filter(
      (event) => event.customerId === star?.customerId && event.type === "export.failed",
    );
    expect(failures.map((event) => event.at.slice(0, 10))).toEqual([
      "2026-03-23",
      "2026-03-24",
      "2026-03-25",
      "2026-03-26",
    ]);
    for (const failure of failures) {
      expect(failure.data).toMatchObject({
        sizeMb: 780,
        limitMb: 500,
        timeoutSeconds: 120,
        errorCode: "EXPORT_TIMEOUT",
        durationSeconds: 120,
      });
    }
  });

  it("has the known issue, its workaround and an article about the 2-minute export timeout", () => {
    const issue = committed.knownIssues?.find((candidate) => candidate.id === "known-issue-export-timeout");
    expect(issue).toMatchObject({ title: "Export times out for files over 500 MB", status: "open" });
    expect(issue?.workaround).toMatch(/smaller date ranges \(under 500 MB each\)/);
    const article = committed.articles?.find((candidate) => candidate.title === "Exporting your data");
    expect(article?.body).toMatch(/2 minutes/);
    expect(article?.body).toMatch(/500 MB/);
    const safari = committed.knownIssues?.find(
      (candidate) => candidate.title === "Login loop in Safari after password reset",
    );
    expect(safari?.status).toBe("fix_in_progress");
  });
});

describe("the demo's two months", () => {
  const current = () => summarizePeriod(committed, demoPeriods.current.start, demoPeriods.current.end, demoPeriods.now);
  const previous = () => summarizePeriod(committed, demoPeriods.previous.start, demoPeriods.previous.end);

  it("has 342 tickets this month against 305 last month (+12%)", () => {
    expect(current().volume).toBe(342);
    expect(previous().volume).toBe(305);
  });

  it("puts export failures, Safari logins and credit packages at the top of this month's issues", () => {
    const [first, second, third, fourth] = current().topics;
    expect(first).toMatchObject({
      topic: "data export failure",
      count: 28,
      knownIssueId: "known-issue-export-timeout",
    });
    expect(first?.escalated).toBe(11);
    expect(second).toMatchObject({ topic: "login after password reset", count: 19 });
    expect(third).toMatchObject({ topic: "credit packages", count: 15 });
    expect(fourth?.count).toBeLessThan(15);
  });

  it("lands near the brief's figures: 1.4 h first response, 82% FCR, CSAT 4.6, 18 open", () => {
    const summary = current();
    expect(summary.firstResponse.meanHours).toBeCloseTo(1.4, 1);
    expect(summary.fcrPct).toBeGreaterThan(80);
    expect(summary.fcrPct).toBeLessThan(85);
    expect(summary.csat.mean).toBeCloseTo(4.6, 1);
    expect(summary.csat.count).toBeGreaterThan(100);
    expect(summary.openTickets).toBe(18);
  });

  it("uses every channel and several languages", () => {
    expect(new Set(committed.tickets.map((ticket) => ticket.channel))).toEqual(
      new Set(["email", "chat", "phone", "social", "in_app", "api"]),
    );
    const social = committed.tickets.filter((ticket) => ticket.channel === "social");
    expect(social.every((ticket) => typeof ticket.attributes?.provider === "string")).toBe(true);
    const bodies = committed.tickets.flatMap((ticket) => ticket.messages.map((message) => message.body)).join("\n");
    expect(bodies).toMatch(/Viele Grüße/);
    expect(bodies).toMatch(/Un saludo/);
    expect(bodies).toMatch(/Bien cordialement/);
    expect(bodies).toMatch(/[\u4e00-\u9fff]/);
  });

  it("keeps every ticket's status, events and satisfaction score in agreement", () => {
    for (const ticket of committed.tickets) {
      const created = Date.parse(ticket.createdAt);
      const statusChanges = (ticket.events ?? []).filter((event) => event.type === "status_changed");
      expect(statusChanges.at(-1)?.to ?? "new", ticket.id).toBe(ticket.status);
      const surveyed = (ticket.events ?? []).some((event) => event.type === "csat_received");
      expect(surveyed, ticket.id).toBe(ticket.csat !== undefined);
      const times = [...ticket.messages, ...(ticket.events ?? [])].map((entry) => Date.parse(entry.at));
      expect(
        times.every((time) => time >= created),
        ticket.id,
      ).toBe(true);
      expect(ticket.messages[0]?.author, ticket.id).toBe("customer");
    }
  });

  it("has one admin among its agents and an escalation path from Support to Engineering", () => {
    expect(committed.agents?.filter((agent) => agent.role === "admin")).toHaveLength(1);
    const teams = new Map((committed.teams ?? []).map((team) => [team.id, team]));
    expect(teams.get("support")?.escalatesTo).toBe("technical-support");
    expect(teams.get("technical-support")?.escalatesTo).toBe("engineering");
  });
});

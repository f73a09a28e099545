import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import { defaultWorkspaceId } from "../desk.ts";
import { reportSchema } from "../insights/report-schema.ts";
import { createReports } from "../insights/reports.ts";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { createAuthenticator } from "./auth.ts";
import { handleError } from "./error-handler.ts";
import { registerReportRoutes } from "./routes/reports.ts";

const snapshot = {
  format: "support-responder/workspace@1",
  workspace: { name: "Reports", timezone: "America/New_York" },
  customers: [{ id: "c1", name: "Casey" }],
  tickets: [
    {
      // 23:30 on 31 March in New York.
      id: "late",
      customerId: "c1",
      channel: "email",
      status: "solved",
      topic: "export",
      createdAt: "2026-04-01T03:30:00Z",
      messages: [
        { at: "2026-04-01T03:30:00Z", author: "customer", public: true, body: "Export fails" },
        { at: "2026-04-01T03:31:00Z", author: "system", public: true, body: "We got your message" },
        { at: "2026-04-01T03:45:00Z", author: "responder", public: true, body: "Try smaller ranges" },
      ],
      events: [{ at: "2026-04-01T05:00:00Z", type: "status_changed", from: "new", to: "solved" }],
    },
  ],
};

let desk: TestDesk;
let app: FastifyInstance;
let api: ApiClient;

// The same plumbing as buildApp, with only the report routes, until app.ts registers them.
async function reportApp(): Promise<FastifyInstance> {
  const instance = Fastify().withTypeProvider<ZodTypeProvider>();
  instance.setValidatorCompiler(validatorCompiler);
  instance.setSerializerCompiler(serializerCompiler);
  instance.setErrorHandler(handleError);
  instance.decorateRequest("principal", null);
  const authenticate = createAuthenticator({ access: desk.access, defaultWorkspaceId });
  await instance.register(
    async (plugin) => {
      const routes = plugin.withTypeProvider<ZodTypeProvider>();
      routes.addHook("onRequest", authenticate);
      registerReportRoutes(routes, { ...desk, reports: createReports(desk.database.db, desk.clock) });
    },
    { prefix: "/api/v1" },
  );
  await instance.ready();
  return instance;
}

beforeAll(async () => {
  desk = await createTestDesk({ now: "2026-04-10T12:00:00Z" });
  await desk.snapshots.importSnapshot("default", parseSnapshot(snapshot));
  app = await reportApp();
  api = apiClient(app, await desk.issueToken());
});
afterAll(async () => {
  await app.close();
  await desk.close();
});

describe("GET /reports/monthly", () => {
  it("answers the Report for a month in the workspace's time zone", async () => {
    const response = await api.get("/reports/monthly?month=2026-03");
    expect(response.status).toBe(200);
    const report = reportSchema.parse(response.body);
    expect(report.period).toEqual({
      start: "2026-03-01T05:00:00.000Z",
      end: "2026-04-01T04:00:00.000Z",
      timezone: "America/New_York",
    });
    expect(report.volume).toBe(1);
    expect(report.frt).toEqual({ meanHours: 0.25, medianHours: 0.25, targetMetPct: 100, count: 1 });
    expect(report.fcrPct).toBeNull();
    expect(report.targets).toEqual({ frtHours: 2, fcrPct: 85, csat: 4.5, openTickets: 25 });
    // The week from Monday 30 March runs into April; the ticket, 31 March in New York, counts in it.
    expect(report.breakdowns.week.map((week) => [week.key, week.volume])).toEqual([
      ["2026-02-23", 0],
      ["2026-03-02", 0],
      ["2026-03-09", 0],
      ["2026-03-16", 0],
      ["2026-03-23", 0],
      ["2026-03-30", 1],
    ]);
    expect(report.breakdowns.channel).toEqual([
      {
        key: "email",
        volume: 1,
        frt: { meanHours: 0.25, targetMetPct: 100, count: 1 },
        fcrPct: null,
        csat: { mean: null, count: 0 },
        // Solved at 01:00 on 1 April in New York: still new at March's end.
        openTickets: 1,
      },
    ]);
  });

  it("reports the current month when none is given", async () => {
    const response = await api.get("/reports/monthly");
    expect(response.status).toBe(200);
    expect(response.body.period.start).toBe("2026-04-01T04:00:00.000Z");
    // Solved on 1 April with one public reply: April's first contact resolution.
    expect(response.body.volume).toBe(0);
    expect(response.body.fcrPct).toBe(100);
  });

  it("refuses a month that is not YYYY-MM with a clear message", async () => {
    const response = await api.get("/reports/monthly?month=2026-3");
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      code: "invalid_input",
      message: expect.stringMatching(/month.*YYYY-MM, for example 2026-03/),
    });
  });

  it("answers Markdown and CSV on request", async () => {
    const markdown = await api.get("/reports/monthly?month=2026-03&format=markdown");
    expect(markdown.status).toBe(200);
    expect(markdown.headers["content-type"]).toMatch(/^text\/markdown/);
    expect(markdown.text).toContain("| Metric | Current | Target | Status |");
    const csv = await api.get("/reports/monthly?month=2026-03&format=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.text.split("\r\n")[1]).toMatch(/^late,/);
  });

  it("is for agents only", async () => {
    expect((await apiClient(app).get("/reports/monthly?month=2026-03")).status).toBe(401);
  });
});

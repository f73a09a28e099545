import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSnapshot } from "../../core/snapshot/parse-snapshot.ts";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";

const snapshot = {
  format: "support-responder/workspace@1",
  workspace: { name: "Proactive", timezone: "UTC" },
  customers: [
    { id: "erring", name: "Ena Berg", email: "ena@example.test" },
    { id: "reported", name: "Rolf", email: "rolf@example.test" },
    { id: "idle", name: "Ida", email: "ida@example.test" },
    { id: "steady", name: "Sven", email: "sven@example.test" },
  ],
  articles: [
    {
      id: "kb-export",
      title: "Export fails with a timeout",
      body: "When an export fails, export a smaller date range.",
      public: true,
    },
    {
      id: "kb-internal",
      title: "Export error runbook",
      body: "Export failed error: restart the export worker.",
      public: false,
    },
  ],
  accountEvents: [
    { id: "e1", customerId: "erring", at: "2026-03-01T09:00:00Z", type: "login.succeeded" },
    { id: "e2", customerId: "erring", at: "2026-03-20T11:00:00Z", type: "export.failed" },
    { id: "e3", customerId: "reported", at: "2026-03-01T09:00:00Z", type: "login.succeeded" },
    { id: "e4", customerId: "reported", at: "2026-03-20T11:00:00Z", type: "export.failed" },
    { id: "e5", customerId: "idle", at: "2026-02-01T09:00:00Z", type: "login.succeeded" },
    { id: "e6", customerId: "idle", at: "2026-02-20T09:00:00Z", type: "dashboard.viewed" },
    { id: "e7", customerId: "steady", at: "2026-03-01T09:00:00Z", type: "login.succeeded" },
    { id: "e8", customerId: "steady", at: "2026-03-19T09:00:00Z", type: "export.completed" },
  ],
  tickets: [
    {
      id: "t1",
      customerId: "reported",
      channel: "email",
      status: "open",
      topic: "export",
      createdAt: "2026-03-20T11:05:00Z",
      messages: [{ at: "2026-03-20T11:05:00Z", author: "customer", public: true, body: "Export broke" }],
    },
  ],
};

type Message = {
  customerId: string;
  kind: string;
  feature?: string;
  evidence: { id: string; at: string }[];
  draft: { body: string; citations: { kind: string; id: string }[] };
};

let desk: TestDesk;
let api: ApiClient;

beforeAll(async () => {
  desk = await createTestDesk({ now: "2026-03-20T12:00:00Z" });
  await desk.snapshots.importSnapshot(desk.workspaceId, parseSnapshot(snapshot));
  api = apiClient(await desk.app(), await desk.issueToken("agent"));
});
afterAll(() => desk?.close());

describe("GET /outreach/proactive", () => {
  it("drafts a message for an app error from the public article that helps, citing it and the event", async () => {
    const response = await api.get("/outreach/proactive");

    expect(response.status).toBe(200);
    const messages = (response.body as { messages: Message[] }).messages;
    const error = messages.find((message) => message.customerId === "erring");
    expect(error?.kind).toBe("app_error");
    expect(error?.feature).toBe("export");
    expect(error?.evidence).toEqual([expect.objectContaining({ id: "e2", at: "2026-03-20T11:00:00.000Z" })]);
    expect(error?.draft.body).toMatch(/^Hi Ena, /);
    expect(error?.draft.body).toContain('"Export fails with a timeout"');
    expect(error?.draft.citations).toEqual([
      { kind: "article", id: "kb-export" },
      { kind: "account_event", id: "e2" },
    ]);
  });

  it("leaves out a customer who already has an open ticket about the feature, and one doing fine", async () => {
    const messages = (await api.get("/outreach/proactive")).body.messages as Message[];
    expect(messages.map((message) => message.customerId).sort()).toEqual(["erring", "idle"]);
    expect(messages.find((message) => message.customerId === "idle")?.kind).toBe("inactivity");
  });

  it("never sends anything on its own: no ticket, message or delivery appears", async () => {
    await api.get("/outreach/proactive");
    const counts = await desk.database.db.execute(sql`select
      (select count(*)::int from tickets) as tickets,
      (select count(*)::int from messages) as messages,
      (select count(*)::int from deliveries) as deliveries`);
    expect((counts as unknown as { rows: unknown[] }).rows[0]).toEqual({ tickets: 1, messages: 1, deliveries: 0 });
  });

  it("is for agents only", async () => {
    expect((await apiClient(await desk.app()).get("/outreach/proactive")).status).toBe(401);
  });
});

describe("POST /outreach/proactive/send", () => {
  it("sends the reviewed message as the agent's reply on a new in-app ticket, and stops offering it", async () => {
    const [draft] = ((await api.get("/outreach/proactive")).body.messages as Message[]).filter(
      (message) => message.customerId === "erring",
    );
    const response = await api.post("/outreach/proactive/send", {
      customerId: "erring",
      kind: draft?.kind,
      feature: draft?.feature,
      body: draft?.draft.body,
    });

    expect(response.status).toBe(201);
    const ticket = await desk.tickets.get(desk.workspaceId, response.body.ticketId);
    expect(ticket?.channel).toBe("in_app");
    expect(ticket?.customerId).toBe("erring");
    expect(
      ticket?.messages.map((message) => [message.author.startsWith("agent:"), message.public, message.body]),
    ).toEqual([[true, true, draft?.draft.body]]);
    await desk.runDueJobs();
    const deliveries = await desk.database.db.execute(
      sql`select channel from deliveries where ticket_id = ${response.body.ticketId} and message_id = ${response.body.messageId}`,
    );
    expect((deliveries as unknown as { rows: unknown[] }).rows).toEqual([{ channel: "in_app" }]);
    const after = (await api.get("/outreach/proactive")).body.messages as Message[];
    expect(after.map((message) => message.customerId)).toEqual(["idle"]);
  });

  it("refuses an unknown customer and an empty message, saying what is wrong", async () => {
    const unknown = await api.post("/outreach/proactive/send", {
      customerId: "nobody",
      kind: "inactivity",
      body: "Hi",
    });
    expect(unknown.status).toBe(404);
    const empty = await api.post("/outreach/proactive/send", { customerId: "idle", kind: "inactivity", body: "  " });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain("body must not be empty");
  });
});

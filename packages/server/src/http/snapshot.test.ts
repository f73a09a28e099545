import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;
let app: FastifyInstance;
let admin: ApiClient;

// The automation admin is no agent row, so the workspace holds only what the tests import.
const adminToken = "snapshot-test-admin-token-0123456789";

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app({ adminToken });
  admin = apiClient(app, adminToken);
});
afterAll(() => desk.close());

/**
 * A small workspace written the way the desk exports one (UTC instants with milliseconds,
 * every collection present), so importing and exporting it must give it back unchanged.
 */
function sampleSnapshot() {
  return {
    format: "support-responder/workspace@1",
    workspace: { name: "Acme Analytics", timezone: "Europe/Berlin", plan: "kept as an unknown field" },
    teams: [
      { id: "tier-2", name: "Tier 2" },
      { id: "tier-1", name: "Tier 1", escalatesTo: "tier-2" },
    ],
    agents: [
      { id: "ana", name: "Ana", email: "ana@acme.test", role: "admin", teamId: "tier-1" },
      { id: "ben", name: "Ben", email: "ben@acme.test", role: "agent", teamId: "tier-2" },
    ],
    customers: [
      { id: "c-maya", name: "Maya Lee", email: "maya@customer.test", company: "Lee Ltd", language: "en", vip: true },
      { id: "c-otto", name: "Otto", phone: "+49 30 1234567", handles: { x: "@otto" } },
    ],
    articles: [] as Record<string, unknown>[],
    accountEvents: [
      {
        id: "ae-1",
        customerId: "c-maya",
        at: "2026-03-01T09:00:00.000Z",
        type: "export.failed",
        data: { sizeMb: 780 },
      },
    ],
    knownIssues: [
      {
        id: "ki-export",
        title: "Large exports time out",
        status: "fix_in_progress",
        tags: ["export"],
        workaround: "Split it.",
      },
    ],
    tickets: [
      {
        id: "1001",
        customerId: "c-maya",
        channel: "email",
        knownIssueId: "ki-export",
        subject: "Export fails",
        status: "solved",
        priority: "high",
        tags: ["export"],
        topic: "data export failure",
        assigneeId: "ana",
        teamId: "tier-1",
        createdAt: "2026-03-01T09:05:00.000Z",
        messages: [
          { id: "m-1", at: "2026-03-01T09:05:00.000Z", author: "customer", public: true, body: "My export fails." },
          { id: "m-2", at: "2026-03-01T09:20:00.000Z", author: "agent:ana", public: false, body: "Known issue." },
          { id: "m-3", at: "2026-03-01T09:25:00.000Z", author: "agent:ana", public: true, body: "Please split it." },
        ],
        events: [
          { at: "2026-03-01T09:20:00.000Z", actor: "agent:ana", type: "assigned", to: "ana" },
          { at: "2026-03-01T09:25:00.000Z", actor: "agent:ana", type: "status_changed", from: "new", to: "open" },
          { at: "2026-03-01T10:00:00.000Z", actor: "agent:ana", type: "status_changed", from: "open", to: "solved" },
          { at: "2026-03-01T11:00:00.000Z", type: "csat_received", data: { score: 5 } },
        ],
        csat: { score: 5, comment: "Quick!", at: "2026-03-01T11:00:00.000Z" },
        attributes: { mailbox: "support@acme.test" },
        sourceSystem: "legacy-helpdesk",
      },
      {
        id: "1002",
        customerId: "c-otto",
        channel: "social",
        status: "new",
        createdAt: "2026-03-02T07:00:00.000Z",
        messages: [{ id: "m-4", at: "2026-03-02T07:00:00.000Z", author: "customer", public: true, body: "Hi?" }],
        events: [],
        attributes: { provider: "whatsapp" },
      },
    ],
  };
}

describe("POST /import", () => {
  it("refuses a document with one bad ticket status, naming its JSON path, and writes nothing", async () => {
    const exportBefore = await admin.get("/export");
    const ticketsBefore = await admin.get("/tickets");
    const document = sampleSnapshot();
    const broken = { ...document, tickets: [document.tickets[0], { ...document.tickets[1], status: "waiting" }] };

    const response = await admin.post("/import", broken);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("invalid_input");
    expect(response.body.message).toMatch(/^\$\.tickets\[1\]\.status/);

    expect((await admin.get("/tickets")).body).toEqual(ticketsBefore.body);
    expect((await admin.get("/export")).body).toEqual(exportBefore.body);
    expect((await admin.get("/tickets/1001")).status).toBe(404);
  });

  it("refuses a ticket whose customer is not in the document, naming the reference", async () => {
    const document = sampleSnapshot();
    const broken = { ...document, tickets: [{ ...document.tickets[0], customerId: "c-nobody" }] };
    const response = await admin.post("/import", broken);
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/^\$\.tickets\[0\]\.customerId/);
  });

  it("imports a snapshot and exports the same document again", async () => {
    const document = sampleSnapshot();
    const imported = await admin.post("/import", document);
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body).toEqual({ tickets: 2, messages: 4 });

    const exported = await admin.get("/export");
    expect(exported.status).toBe(200);
    expect(exported.body).toEqual(document);
    expect(JSON.stringify(exported.body.tickets)).toBe(JSON.stringify(document.tickets));
  });

  it("is safe to import twice and the imported tickets are live", async () => {
    const document = sampleSnapshot();
    expect((await admin.post("/import", document)).status).toBe(200);
    expect((await admin.post("/import", document)).status).toBe(200);
    expect((await admin.get("/export")).body).toEqual(document);

    // An agent who arrived in the snapshot can sign in and work on what was imported.
    const ben = apiClient(app, (await desk.access.issueToken(desk.workspaceId, "ben", "ben's laptop")).token);
    const ticket = await ben.get("/tickets/1001");
    expect(ticket.body).toMatchObject({
      status: "solved",
      knownIssueId: "ki-export",
      csat: { score: 5, comment: "Quick!" },
    });
    const reopened = await ben.post("/tickets/1001/messages", { body: "It failed again.", author: "customer" });
    expect(reopened.body.status).toBe("open");
    const answered = await ben.post("/tickets/1001/messages", { body: "Looking again." });
    expect(answered.body.messages.at(-1).author).toBe("agent:ben");
    const created = await ben.post("/tickets", { customer: { id: "c-otto" }, message: { body: "Another question" } });
    expect(created.status).toBe(201);
    expect(Number(created.body.id)).toBeGreaterThan(1002);
  });

  it("imports and exports knowledge-base articles", async () => {
    const document = {
      ...sampleSnapshot(),
      articles: [
        {
          id: "kb-export",
          title: "Exporting your data",
          body: "Choose **CSV** or Excel.",
          tags: ["export"],
          public: true,
          updatedAt: "2026-02-01T08:00:00.000Z",
          reviewedBy: "ana",
        },
        { id: "kb-internal", title: "Refund policy", body: "Only within 30 days." },
      ],
    };
    const imported = await admin.post("/import", document);
    expect(imported.status, imported.text).toBe(200);
    expect((await admin.get("/export")).body.articles).toEqual(document.articles);
    const found = await admin.get("/articles?search=export");
    expect(found.body.articles.map((article: { id: string }) => article.id)).toEqual(["kb-export"]);
    expect((await admin.post("/import", document)).status).toBe(200);
  });

  it("keeps the instant of a time written with an offset", async () => {
    const document = sampleSnapshot();
    const shifted = {
      ...document,
      tickets: [{ ...document.tickets[1], id: "2001", createdAt: "2026-03-02T09:00:00+02:00", messages: [] }],
    };
    expect((await admin.post("/import", shifted)).status).toBe(200);
    const exported = (await admin.get("/export")).body as { tickets: { id: string; createdAt: string }[] };
    const ticket = exported.tickets.find((candidate) => candidate.id === "2001");
    expect(ticket && Date.parse(ticket.createdAt)).toBe(Date.parse("2026-03-02T07:00:00Z"));
  });
});

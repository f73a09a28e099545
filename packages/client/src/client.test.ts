import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { injectFetch } from "../../server/src/http/inject-fetch.ts";
import { createTestDesk, type TestAgent, type TestDesk } from "../../server/src/testing/create-test-desk.ts";
import { createClient, DeskApiError, type DeskClient, operationPath } from "./index.ts";

const adminToken = "client-test-admin-token-0123456789";

let desk: TestDesk;
let app: FastifyInstance;
let agent: TestAgent;
let baseUrl: string;

beforeAll(async () => {
  desk = await createTestDesk();
  agent = await desk.addAgent("agent", { name: "Robin Agent" });
  app = await desk.app({ adminToken });
  await app.listen({ port: 0, host: "127.0.0.1" });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await desk.close();
});

async function openTicket(client: DeskClient, email = `customer-${crypto.randomUUID()}@example.test`) {
  return client.tickets.create({
    customer: { email, name: "Ada Customer" },
    channel: "email",
    subject: "Export stuck at 90%",
    message: { author: "customer", body: "My export has been stuck at 90% since this morning." },
  });
}

// The same behaviour over a real socket (global fetch) and in process (injectFetch).
const transports = {
  "over HTTP": () => createClient({ baseUrl, token: agent.token }),
  "in process": () => createClient({ token: agent.token, fetch: injectFetch(app) }),
};

for (const [name, makeClient] of Object.entries(transports)) {
  describe(`the typed client ${name}`, () => {
    it("opens a ticket, replies, adds a note and reads them back in order", async () => {
      const client = makeClient();
      const opened = await openTicket(client);
      expect(opened.status).toBe("new");

      await client.tickets.reply(opened.id, "Thanks Ada, I am restarting the export now.");
      const noted = await client.tickets.addNote(opened.id, "Export worker was stuck on a lock.");
      expect(noted.messages.map(({ author, public: isPublic, body }) => ({ author, isPublic, body }))).toEqual([
        { author: "customer", isPublic: true, body: "My export has been stuck at 90% since this morning." },
        { author: `agent:${agent.agentId}`, isPublic: true, body: "Thanks Ada, I am restarting the export now." },
        { author: `agent:${agent.agentId}`, isPublic: false, body: "Export worker was stuck on a lock." },
      ]);

      const read = await client.tickets.get(opened.id);
      expect(read.status).toBe("open");
      expect(read.sla.firstResponse.metAt).not.toBeNull();
      const stored = await desk.tickets.get(desk.workspaceId, opened.id);
      expect(stored?.messages).toHaveLength(3);
    });

    it("filters the ticket list by status given as a list", async () => {
      const client = makeClient();
      const open = await openTicket(client);
      await client.tickets.update(open.id, { status: "pending" });
      const pending = await client.tickets.list({ status: ["pending"], limit: 200 });
      expect(pending.tickets.map((ticket) => ticket.id)).toContain(open.id);
      expect(pending.tickets.every((ticket) => ticket.status === "pending")).toBe(true);
      const solved = await client.tickets.list({ status: "solved,closed" });
      expect(solved.tickets.map((ticket) => ticket.id)).not.toContain(open.id);
    });

    it("drafts a reply, finds the customer and searches the knowledge base", async () => {
      const client = makeClient();
      const email = `ada-${crypto.randomUUID()}@example.test`;
      const opened = await openTicket(client, email);
      const draft = await client.tickets.draft(opened.id);
      expect(draft.ticketId).toBe(opened.id);
      expect(draft.reply.body).toContain("Ada");

      const customers = await client.customers.search(email);
      expect(customers.customers.map((customer) => customer.email)).toEqual([email]);
      const customer = await client.customers.get(opened.customerId);
      expect(customer.tickets.map((ticket) => ticket.id)).toContain(opened.id);

      const admin = createClient({ baseUrl, token: adminToken });
      const article = await admin.knowledge.create({
        title: `Stuck exports ${name}`,
        body: "Restart the export from Settings, then wait for the confirmation email.",
        tags: ["exports"],
      });
      const found = await client.knowledge.search("restart stuck export");
      expect(found.articles.map((item) => item.id)).toContain(article.id);
    });

    it("reads the monthly report as JSON and as Markdown", async () => {
      const client = makeClient();
      const report = await client.reports.monthly("2026-03");
      expect(report.period.start).toBe("2026-03-01T00:00:00.000Z");
      expect(typeof report.volume).toBe("number");
      const markdown = await client.reports.monthlyMarkdown("2026-03");
      expect(markdown).toMatch(/\|/);
    });

    it("throws the desk's code, message and status as one DeskApiError", async () => {
      const client = makeClient();
      const missing = await client.tickets.get("T-does-not-exist").catch((error: unknown) => error);
      expect(missing).toBeInstanceOf(DeskApiError);
      expect(missing).toMatchObject({
        status: 404,
        code: "not_found",
        message: "There is no ticket T-does-not-exist.",
      });

      const forbidden = await client.export().catch((error: unknown) => error);
      expect(forbidden).toMatchObject({ status: 403, code: "forbidden" });

      const invalid = await client.reports.monthly("March").catch((error: unknown) => error);
      expect(invalid).toMatchObject({ status: 400, code: "invalid_input" });
    });
  });
}

describe("the typed client's edges", () => {
  it("sends no token when none is given, and the desk refuses with 401", async () => {
    const anonymous = createClient({ baseUrl });
    await expect(anonymous.tickets.list()).rejects.toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("exports the snapshot for an admin token, through the generic request too", async () => {
    const admin = createClient({ baseUrl: `${baseUrl}/api/v1/`, token: adminToken });
    const snapshot = await admin.export();
    expect(snapshot.format).toBe("support-responder/workspace@1");
    const health = await admin.request("GET /health");
    expect(health).toEqual({ status: "ok" });
  });

  it("says the desk did not answer when nothing listens at the address", async () => {
    const closed = createClient({ baseUrl: "http://127.0.0.1:9", token: "x" });
    await expect(closed.health()).rejects.toMatchObject({ status: 0, code: "unavailable" });
  });

  it("encodes path parameters and refuses a missing one", () => {
    expect(operationPath("/tickets/{id}/follow-ups/{followUpId}/done", { id: "a/b c", followUpId: "F 1" })).toBe(
      "/tickets/a%2Fb%20c/follow-ups/F%201/done",
    );
    expect(() => operationPath("/tickets/{id}", {})).toThrow('needs the parameter "id"');
  });
});

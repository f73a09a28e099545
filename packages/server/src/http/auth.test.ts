import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../storage/schema.ts";
import { apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

const adminToken = "automation-admin-token-0123456789";

let desk: TestDesk;
let app: FastifyInstance;

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app({ adminToken });
});
afterAll(() => desk.close());

async function openTicketAs(token: string) {
  const response = await apiClient(app, token).post("/tickets", {
    customer: { email: `auth-${crypto.randomUUID()}@example.test` },
    message: { body: "Hello" },
  });
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; customerId: string };
}

describe("authentication", () => {
  it("answers 401 without a token", async () => {
    const response = await apiClient(app).get("/tickets");
    expect(response.status).toBe(401);
    expect(response.body.code).toBe("unauthorized");
    expect(response.body.message).toContain("Authorization: Bearer");
  });

  it("answers 401 for a token that is not a bearer token", async () => {
    const response = await app.inject({
      method: "GET",
      url: "/api/v1/tickets",
      headers: { authorization: "Basic dXNlcjpwYXNz" },
    });
    expect(response.statusCode).toBe(401);
  });

  it("answers 401 for a token it never issued", async () => {
    const response = await apiClient(app, "rsp_made-up-token").get("/tickets");
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ code: "unauthorized", message: "This API token is unknown or has been revoked." });
  });

  it("answers 401 for a revoked token that worked before", async () => {
    const agent = await desk.addAgent("agent");
    const api = apiClient(app, agent.token);
    expect((await api.get("/tickets")).status).toBe(200);
    expect(await desk.access.revokeToken(desk.workspaceId, agent.id)).toBe(true);
    const response = await api.get("/tickets");
    expect(response.status).toBe(401);
    expect(response.body.code).toBe("unauthorized");
  });

  it("lets an agent token work on agent routes", async () => {
    const response = await apiClient(app, await desk.issueToken("agent")).get("/tickets");
    expect(response.status).toBe(200);
  });

  it("answers 403 to an agent token on an admin route", async () => {
    const api = apiClient(app, await desk.issueToken("agent"));
    const response = await api.get("/export");
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ code: "forbidden", message: "Only an admin may do this." });
    expect((await api.post("/import", { format: "support-responder/workspace@1" })).status).toBe(403);
  });

  it("lets an admin agent's token use admin routes", async () => {
    const response = await apiClient(app, await desk.issueToken("admin")).get("/export");
    expect(response.status).toBe(200);
    expect(response.body.format).toBe("support-responder/workspace@1");
  });

  it("accepts RESPONDER_ADMIN_TOKEN as an admin of the default workspace", async () => {
    const api = apiClient(app, adminToken);
    const exported = await api.get("/export");
    expect(exported.status).toBe(200);
    const ticket = await openTicketAs(adminToken);
    const read = await apiClient(app, await desk.issueToken("agent")).get(`/tickets/${ticket.id}`);
    expect(read.status).toBe(200);
    expect(read.body.events[0].actor).toBe("system");
  });

  it("does not accept the admin token when none was configured", async () => {
    const appWithoutAdminToken = await desk.app();
    const response = await apiClient(appWithoutAdminToken, adminToken).get("/export");
    expect(response.status).toBe(401);
  });

  it("keeps another workspace's token away from this workspace's tickets and customers", async () => {
    const ticket = await openTicketAs(await desk.issueToken("agent"));
    await desk.addWorkspace("other-company");
    const outsider = apiClient(app, await desk.issueToken("admin", { workspaceId: "other-company" }));

    const read = await outsider.get(`/tickets/${ticket.id}`);
    expect(read.status).toBe(404);
    const list = await outsider.get("/tickets");
    expect(list.status).toBe(200);
    expect(list.body.tickets).toEqual([]);
    expect((await outsider.get(`/customers/${ticket.customerId}`)).status).toBe(404);
    expect((await outsider.get("/customers")).body.customers).toEqual([]);
    const change = await outsider.patch(`/tickets/${ticket.id}`, { priority: "urgent" });
    expect(change.status).toBe(404);
    const reply = await outsider.post(`/tickets/${ticket.id}/messages`, { body: "Hi from elsewhere" });
    expect(reply.status).toBe(404);
    const exported = await outsider.get("/export");
    expect(exported.body.tickets).toEqual([]);
  });

  it("stores tokens only as hashes", async () => {
    const agent = await desk.addAgent("agent");
    const rows = await desk.database.db.select().from(schema.apiTokens);
    expect(rows.length).toBeGreaterThan(0);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(agent.token);
    expect(stored).not.toContain(agent.token.slice(4));
  });

  it("lets anyone ask for health without a token", async () => {
    const response = await apiClient(app).get("/health");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok" });
  });
});

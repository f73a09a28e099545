import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../storage/schema.ts";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";

let desk: TestDesk;
let app: FastifyInstance;

beforeAll(async () => {
  desk = await createTestDesk();
  await desk.addWorkspace("other");
  app = await desk.app({ adminToken: "automation-admin-token-0123456789" });
});
afterAll(async () => desk?.close());

describe("API tokens", () => {
  it("lets an admin issue a token for an agent, shown once, and list it without its secret", async () => {
    const admin = apiClient(app, await desk.issueToken("admin"));
    const agent = await desk.addAgent("agent");
    const issued = await admin.post("/tokens", { agentId: agent.agentId, name: "zapier" });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ agentId: agent.agentId, name: "zapier" });
    expect(issued.body.token).toMatch(/^rsp_/);

    expect((await apiClient(app, issued.body.token).get("/tickets")).status).toBe(200);

    const listed = await admin.get("/tokens");
    expect(listed.status).toBe(200);
    const row = listed.body.tokens.find((token: { id: string }) => token.id === issued.body.id);
    expect(row).toMatchObject({ name: "zapier", agentId: agent.agentId, revokedAt: null });
    expect(row.lastUsedAt).toBe(desk.clock.now().toISOString());
    expect(Date.parse(row.createdAt)).not.toBeNaN();
    expect(listed.text).not.toContain(issued.body.token);
    expect(Object.keys(row).sort()).toEqual(["agentId", "createdAt", "id", "lastUsedAt", "name", "revokedAt"]);
  });

  it("stores only a hash of the secret", async () => {
    const admin = apiClient(app, await desk.issueToken("admin"));
    const agent = await desk.addAgent("agent");
    const issued = await admin.post("/tokens", { agentId: agent.agentId });
    const [stored] = await desk.database.db
      .select()
      .from(schema.apiTokens)
      .where(eq(schema.apiTokens.id, issued.body.id));
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(issued.body.token);
    expect(JSON.stringify(stored)).not.toContain(issued.body.token.slice(4, 20));
  });

  it("refuses a token for an agent of another workspace or none", async () => {
    const admin = apiClient(app, await desk.issueToken("admin"));
    const stranger = await desk.addAgent("agent", { workspaceId: "other" });
    const refused = await admin.post("/tokens", { agentId: stranger.agentId });
    expect(refused.status).toBe(404);
    expect(refused.body.message).toContain(stranger.agentId);
    expect((await admin.post("/tokens", {})).body.message).toContain("agentId");
  });

  it("stops a revoked token at once, even right after it was used (and cached)", async () => {
    const admin = apiClient(app, await desk.issueToken("admin"));
    const agent = await desk.addAgent("agent");
    const client = apiClient(app, agent.token);
    expect((await client.get("/tickets")).status).toBe(200);

    expect((await admin.delete(`/tokens/${agent.id}`)).status).toBe(204);
    const after = await client.get("/tickets");
    expect(after.status).toBe(401);
    const listed = await admin.get("/tokens");
    const row = listed.body.tokens.find((token: { id: string }) => token.id === agent.id);
    expect(row.revokedAt).toBe(desk.clock.now().toISOString());

    expect((await admin.delete(`/tokens/${agent.id}`)).status).toBe(404);
  });

  it("keeps each workspace's tokens to its own admins", async () => {
    const otherAdmin = apiClient(app, await desk.issueToken("admin", { workspaceId: "other" }));
    const agent = await desk.addAgent("agent");
    const listed = await otherAdmin.get("/tokens");
    expect(listed.body.tokens.map((token: { agentId: string }) => token.agentId)).not.toContain(agent.agentId);
    expect((await otherAdmin.delete(`/tokens/${agent.id}`)).status).toBe(404);
    expect((await apiClient(app, agent.token).get("/tickets")).status).toBe(200);
  });

  it("is for admins only", async () => {
    const agent = apiClient(app, await desk.issueToken("agent"));
    expect((await agent.get("/tokens")).status).toBe(403);
    expect((await agent.post("/tokens", { agentId: "agent-1" })).status).toBe(403);
    expect((await apiClient(app).get("/tokens")).status).toBe(401);
  });
});

describe("the audit log", () => {
  it("records an admin's change with who, what, which object, when and how it ended", async () => {
    const adminAgent = await desk.addAgent("admin");
    const admin = apiClient(app, adminAgent.token);
    desk.clock.advance(60_000);
    const created = await admin.post("/webhooks", { url: "https://hooks.example.com/a", kinds: ["ticket.created"] });
    expect(created.status).toBe(201);

    const log = await admin.get("/audit-log?limit=1");
    expect(log.status).toBe(200);
    expect(log.body.items[0]).toMatchObject({
      actor: adminAgent.agentId,
      action: "POST /webhooks",
      targetId: created.body.id,
      at: desk.clock.now().toISOString(),
      status: 201,
    });
    expect(log.body.items[0].requestId).toEqual(expect.any(String));
  });

  it("records token issue and revoke, and the automation admin as admin-token", async () => {
    const automation = apiClient(app, "automation-admin-token-0123456789");
    const agent = await desk.addAgent("agent");
    const issued = await automation.post("/tokens", { agentId: agent.agentId, name: "for the log" });
    await automation.delete(`/tokens/${issued.body.id}`);
    const log = await automation.get("/audit-log?limit=2");
    expect(log.body.items).toMatchObject([
      { actor: "admin-token", action: "DELETE /tokens/:id", targetId: issued.body.id, status: 204 },
      { actor: "admin-token", action: "POST /tokens", targetId: issued.body.id, status: 201 },
    ]);
  });

  it("records a failed admin action with its status, but not an agent's refused attempt", async () => {
    const admin = apiClient(app, await desk.issueToken("admin"));
    const agentPrincipal = await desk.addAgent("agent");
    const agent = apiClient(app, agentPrincipal.token);
    expect((await admin.delete("/webhooks/no-such-webhook")).status).toBe(404);
    expect((await agent.put("/routing", { rules: [] })).status).toBe(403);
    const log = await admin.get("/audit-log?limit=50");
    expect(log.body.items[0]).toMatchObject({
      action: "DELETE /webhooks/:id",
      targetId: "no-such-webhook",
      status: 404,
    });
    expect(log.body.items.map((entry: { actor: string }) => entry.actor)).not.toContain(agentPrincipal.agentId);
  });

  it("does not record reads or agents' own work", async () => {
    const admin = apiClient(app, await desk.issueToken("admin"));
    const before = (await admin.get("/audit-log?limit=200")).body.items.length;
    await admin.get("/webhooks");
    const agent = apiClient(app, await desk.issueToken("agent"));
    const ticket = await agent.post("/tickets", {
      customer: { email: "reader@example.test" },
      channel: "email",
      subject: "Hi",
      message: { body: "Hello" },
    });
    expect(ticket.status).toBe(201);
    expect((await admin.get("/audit-log?limit=200")).body.items.length).toBe(before);
  });

  it("shows another workspace's admin only their own workspace's entries", async () => {
    const admin = apiClient(app, await desk.issueToken("admin"));
    await admin.post("/webhooks", { url: "https://hooks.example.com/private", kinds: ["ticket.created"] });
    const otherAdminAgent = await desk.addAgent("admin", { workspaceId: "other" });
    const otherAdmin = apiClient(app, otherAdminAgent.token);
    await otherAdmin.post("/webhooks", { url: "https://hooks.example.com/theirs", kinds: ["ticket.created"] });
    const theirs = await otherAdmin.get("/audit-log?limit=200");
    const webhookEntries = theirs.body.items.filter((entry: { action: string }) => entry.action === "POST /webhooks");
    expect(webhookEntries).toMatchObject([{ actor: otherAdminAgent.agentId, status: 201 }]);
    const ours = await admin.get("/audit-log?limit=200");
    expect(ours.body.items.map((entry: { actor: string }) => entry.actor)).not.toContain(otherAdminAgent.agentId);
  });

  it("pages newest first with a cursor", async () => {
    const admin = apiClient(app, await desk.issueToken("admin"));
    const all = (await admin.get("/audit-log?limit=200")).body.items;
    expect(all.length).toBeGreaterThan(3);
    const first = await admin.get("/audit-log?limit=2");
    const second = await admin.get(`/audit-log?limit=2&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items]).toEqual(all.slice(0, 4));
    expect((await admin.get("/audit-log?cursor=nonsense")).status).toBe(400);
  });

  it("records sign-in (also a wrong password) and sign-out", async () => {
    const browser = { host: "desk.test", origin: "http://desk.test" };
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/session/first-admin",
      headers: browser,
      payload: { name: "Ana", email: "ana@example.test", password: "correct horse battery" },
    });
    expect(created.statusCode).toBe(201);
    const agentId = created.json().id;
    const wrong = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: browser,
      payload: { email: "ana@example.test", password: "not it" },
    });
    expect(wrong.statusCode).toBe(401);
    const signedIn = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: browser,
      payload: { email: "ana@example.test", password: "correct horse battery" },
    });
    const cookie = /responder_session=[^;]*/.exec(String(signedIn.headers["set-cookie"]))?.[0] ?? "";
    const signedOut = await app.inject({
      method: "DELETE",
      url: "/api/v1/session",
      headers: { ...browser, cookie },
    });
    expect(signedOut.statusCode).toBe(204);

    const log = await apiClient(app, await desk.issueToken("admin")).get("/audit-log?limit=4");
    expect(log.body.items).toMatchObject([
      { actor: agentId, action: "DELETE /session", status: 204 },
      { actor: agentId, action: "POST /session", targetId: agentId, status: 200 },
      { actor: "anonymous", action: "POST /session", targetId: null, status: 401 },
      { actor: agentId, action: "POST /session/first-admin", targetId: agentId, status: 201 },
    ]);
  });
});

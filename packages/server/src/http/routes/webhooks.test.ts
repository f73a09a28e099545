import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => desk?.close());

describe("the webhooks API", () => {
  it("lets an admin subscribe, see the secret once, change, pause, resume and delete a subscription", async () => {
    const admin = apiClient(await desk.app(), await desk.issueToken("admin"));
    const created = await admin.post("/webhooks", {
      url: "https://hooks.example.com/support",
      kinds: ["ticket.*", "message.added"],
      description: "CRM sync",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: "active",
      kinds: ["ticket.*", "message.added"],
      consecutiveFailures: 0,
    });
    expect(created.body.secret).toMatch(/^whsec_/);
    const id = created.body.id;

    const listed = await admin.get("/webhooks");
    expect(listed.body.webhooks.map((hook: { id: string }) => hook.id)).toEqual([id]);
    expect(listed.body.webhooks[0]).not.toHaveProperty("secret");

    const paused = await admin.patch(`/webhooks/${id}`, { status: "paused" });
    expect(paused.body).toMatchObject({ status: "paused", pausedReason: "paused by an admin" });
    const resumed = await admin.patch(`/webhooks/${id}`, { status: "active", kinds: ["customer.*"] });
    expect(resumed.body).toMatchObject({ status: "active", pausedReason: null, kinds: ["customer.*"] });

    const log = await admin.get(`/webhooks/${id}/deliveries`);
    expect(log.status).toBe(200);
    expect(log.body.deliveries).toEqual([]);

    expect((await admin.delete(`/webhooks/${id}`)).status).toBe(204);
    expect((await admin.get(`/webhooks/${id}`)).status).toBe(404);
  });

  it("refuses unknown event kinds and non-HTTP URLs with a message naming them", async () => {
    const admin = apiClient(await desk.app(), await desk.issueToken("admin"));
    const badKind = await admin.post("/webhooks", { url: "https://hooks.example.com", kinds: ["ticket.exploded"] });
    expect(badKind.status).toBe(400);
    expect(badKind.body.message).toContain("ticket.created");
    const badUrl = await admin.post("/webhooks", { url: "ftp://hooks.example.com", kinds: ["ticket.created"] });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.message).toContain("http");
  });

  it("is for admins only", async () => {
    const agent = apiClient(await desk.app(), await desk.issueToken("agent"));
    expect((await agent.get("/webhooks")).status).toBe(403);
  });

  it("documents the signature in the API description", async () => {
    const app = await desk.app();
    const document = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    expect(document.paths["/api/v1/webhooks"].post.description).toContain(
      "X-Responder-Signature: t=<unix seconds>,v1=<hex>",
    );
  });
});

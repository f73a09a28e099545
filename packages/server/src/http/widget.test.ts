import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidUserSignature, signUserId } from "../channels/chat/identity.ts";
import { apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;
let admin: ReturnType<typeof apiClient>;
let agent: ReturnType<typeof apiClient>;

beforeAll(async () => {
  desk = await createTestDesk();
  const app = await desk.app();
  admin = apiClient(app, await desk.issueToken("admin"));
  agent = apiClient(app, await desk.issueToken("agent"));
});

afterAll(async () => {
  await desk.close();
});

describe("the widget settings", () => {
  it("give an admin the script tag and the identity secret, the same on every read", async () => {
    const first = await admin.get("/widget/settings");
    expect(first.status).toBe(200);
    expect(first.body.identitySecret).toMatch(/^[0-9a-f]{64}$/);
    expect(first.body.snippet).toContain('data-workspace="default"');
    expect((await admin.get("/widget/settings")).body.identitySecret).toBe(first.body.identitySecret);
  });

  it("are for admins only", async () => {
    expect((await agent.get("/widget/settings")).status).toBe(403);
    expect((await agent.post("/widget/settings/rotate-secret")).status).toBe(403);
  });

  it("rotate the secret: signatures made with the old one stop verifying", async () => {
    const before = (await admin.get("/widget/settings")).body.identitySecret as string;
    const signature = signUserId(before, "user-1");
    const rotated = await admin.post("/widget/settings/rotate-secret");
    expect(rotated.status).toBe(200);
    expect(rotated.body.identitySecret).not.toBe(before);
    const now = await desk.widgets.identitySecret(desk.workspaceId);
    expect(now).toBe(rotated.body.identitySecret);
    expect(isValidUserSignature(now, "user-1", signature)).toBe(false);
  });

  it("stay out of the OpenAPI document's socket routes", async () => {
    const document = await agent.get("/openapi.json");
    expect(Object.keys(document.body.paths)).toContain("/api/v1/widget/settings");
    expect(Object.keys(document.body.paths)).not.toContain("/api/v1/live");
  });
});

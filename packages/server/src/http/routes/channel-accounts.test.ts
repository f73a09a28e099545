import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";

let desk: TestDesk;
let admin: ApiClient;
let agent: ApiClient;

beforeAll(async () => {
  desk = await createTestDesk();
  const app = await desk.app();
  admin = apiClient(app, await desk.issueToken("admin"));
  agent = apiClient(app, await desk.issueToken("agent"));
});
afterAll(() => desk.close());

const whatsapp = {
  provider: "whatsapp",
  name: "Support number",
  settings: { phoneNumberId: "106540352242922" },
  secrets: { accessToken: "EAAG-very-secret-token", appSecret: "app-secret-value", verifyToken: "verify-token-value" },
};

describe("/channels", () => {
  it("connects a provider and never shows its secrets again", async () => {
    const created = await admin.post("/channels", whatsapp);
    expect(created.status, created.text).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^ch_/),
      channel: "social",
      provider: "whatsapp",
      name: "Support number",
      settings: { phoneNumberId: "106540352242922" },
      secretNames: ["accessToken", "appSecret", "verifyToken"],
      enabled: true,
      webhookUrl: `/api/v1/channels/${created.body.id}/webhook`,
      createdAt: desk.clock.now().toISOString(),
      updatedAt: desk.clock.now().toISOString(),
    });
    const listed = await admin.get("/channels");
    const fetched = await admin.get(`/channels/${created.body.id}`);
    for (const response of [created, listed, fetched]) {
      for (const secret of Object.values(whatsapp.secrets)) expect(response.text).not.toContain(secret);
    }
    expect(listed.body.channels.map((account: { id: string }) => account.id)).toContain(created.body.id);
    expect(fetched.body).toEqual(created.body);
  });

  it("is for admins only", async () => {
    expect((await agent.get("/channels")).status).toBe(403);
    expect((await agent.post("/channels", whatsapp)).status).toBe(403);
    expect((await apiClient(await desk.app()).get("/channels")).status).toBe(401);
  });

  it("says which setting or secret a provider is missing or does not take", async () => {
    const missing = await admin.post("/channels", { ...whatsapp, secrets: { accessToken: "x", appSecret: "y" } });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain("secrets.verifyToken");
    const unknown = await admin.post("/channels", { ...whatsapp, settings: { phoneNumberId: "1", pageId: "2" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain("pageId");
    const twilio = await admin.post("/channels", {
      provider: "twilio",
      name: "Line",
      settings: { accountSid: "not-a-sid" },
      secrets: { authToken: "t" },
    });
    expect(twilio.body.message).toContain("settings.accountSid");
    expect((await admin.post("/channels", { ...whatsapp, provider: "fax" })).status).toBe(400);
  });

  it("makes up an API account's signing secret and shows it once", async () => {
    const created = await admin.post("/channels", {
      provider: "api",
      name: "X bridge",
      settings: { url: "https://bridge.example.com/replies" },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      channel: "api",
      secretNames: ["signingSecret"],
      webhookUrl: `/api/v1/channels/${created.body.id}/messages`,
    });
    const secret = created.body.generatedSecrets.signingSecret as string;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect((await admin.get(`/channels/${created.body.id}`)).text).not.toContain(secret);
    expect((await desk.channelAccounts.load(created.body.id))?.secrets.signingSecret).toBe(secret);
  });

  it("changes settings and secrets key by key, disables, and deletes", async () => {
    const created = (await admin.post("/channels", whatsapp)).body;
    desk.clock.advance(60_000);
    const changed = await admin.patch(`/channels/${created.id}`, {
      name: "Sales number",
      settings: { templateName: "ticket_update" },
      secrets: { accessToken: "rotated-token" },
      enabled: false,
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({
      name: "Sales number",
      settings: { phoneNumberId: "106540352242922", templateName: "ticket_update" },
      enabled: false,
      updatedAt: desk.clock.now().toISOString(),
    });
    expect(changed.text).not.toContain("rotated-token");
    expect((await desk.channelAccounts.load(created.id))?.secrets).toMatchObject({
      accessToken: "rotated-token",
      appSecret: "app-secret-value",
    });
    expect((await admin.patch(`/channels/${created.id}`, { settings: { pageId: "1" } })).status).toBe(400);
    const removingRequired = await admin.patch(`/channels/${created.id}`, { secrets: { appSecret: "" } });
    expect(removingRequired.status).toBe(400);
    expect(removingRequired.body.message).toContain("secrets.appSecret is required");
    expect((await admin.patch(`/channels/${created.id}`, { settings: { templateName: "" } })).body.settings).toEqual({
      phoneNumberId: "106540352242922",
    });

    expect((await admin.delete(`/channels/${created.id}`)).status).toBe(204);
    expect((await admin.get(`/channels/${created.id}`)).status).toBe(404);
    expect((await admin.delete(`/channels/${created.id}`)).status).toBe(404);
  });

  it("keeps each workspace's accounts to itself", async () => {
    await desk.addWorkspace("elsewhere");
    const other = apiClient(await desk.app(), await desk.issueToken("admin", { workspaceId: "elsewhere" }));
    const created = (await admin.post("/channels", whatsapp)).body;
    expect((await other.get(`/channels/${created.id}`)).status).toBe(404);
    expect((await other.get("/channels")).body.channels).toEqual([]);
    expect((await other.delete(`/channels/${created.id}`)).status).toBe(404);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { defaultRoutingSettings } from "../../core/routing/routing-rules.ts";
import { ensureDefaultWorkspaceTiers } from "../../desk.ts";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";

let desk: TestDesk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

async function clients() {
  desk = await createTestDesk();
  const app = await desk.app();
  return {
    desk,
    admin: apiClient(app, await desk.issueToken("admin")),
    agent: apiClient(app, await desk.issueToken("agent")),
  };
}

describe("GET/PUT /api/v1/routing", () => {
  it("shows the default rules switched off in a workspace that set none", async () => {
    const { agent } = await clients();
    const response = await agent.get("/routing");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ...defaultRoutingSettings, enabled: false });
  });

  it("shows the defaults switched on once the default tiers are set up", async () => {
    const { desk, agent } = await clients();
    await ensureDefaultWorkspaceTiers(desk.database, desk.workspaceId);
    expect((await agent.get("/routing")).body).toEqual(defaultRoutingSettings);
  });

  it("lets an admin change the rules, the chat limit and agents' skills", async () => {
    const { desk, admin, agent } = await clients();
    await ensureDefaultWorkspaceTiers(desk.database, desk.workspaceId);
    const settings = {
      enabled: true,
      chatLimit: 5,
      skills: { "agent-2": { languages: ["de", "fr"], topics: ["csv import"] } },
      rules: [
        { name: "Sheets to tier 2", when: { topic: ["google sheets sync"] }, teamId: "tier2" },
        { name: "Rest to tier 1", when: {}, teamId: "tier1" },
      ],
    };
    const saved = await admin.put("/routing", settings);
    expect(saved.status).toBe(200);
    expect((await agent.get("/routing")).body).toEqual(settings);
    const profile = await desk.workspaces.profile(desk.workspaceId);
    expect(profile?.settings.routing).toEqual(settings);
  });

  it("refuses agents who are not admins", async () => {
    const { agent } = await clients();
    expect((await agent.put("/routing", defaultRoutingSettings)).status).toBe(403);
  });

  it("refuses a rule naming a team the workspace does not have, and says which", async () => {
    const { admin } = await clients();
    const response = await admin.put("/routing", {
      ...defaultRoutingSettings,
      rules: [{ name: "To nowhere", when: {}, teamId: "tier9" }],
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("invalid_input");
    expect(response.body.message).toContain("tier9");
  });

  it("refuses a chat limit below one with a message naming the field", async () => {
    const { desk, admin } = await clients();
    await ensureDefaultWorkspaceTiers(desk.database, desk.workspaceId);
    const response = await admin.put("/routing", { ...defaultRoutingSettings, chatLimit: 0 });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain("chatLimit");
  });
});

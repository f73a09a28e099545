import { afterEach, describe, expect, it } from "vitest";
import { defaultSlaPolicies } from "../../core/sla/sla-policy.ts";
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

const levels = {
  businessHours: { days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:30" },
  slaPolicies: [
    { channel: "email", firstResponseMinutes: 240, resolutionMinutes: 2880 },
    { priority: "urgent", firstResponseMinutes: 30, nextResponseMinutes: 60 },
  ],
  reportInBusinessHours: true,
};

describe("GET/PUT /api/v1/service-levels", () => {
  it("shows a workspace that set no policies with the default targets that apply to it", async () => {
    const { agent } = await clients();
    const response = await agent.get("/service-levels");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ slaPolicies: [], defaultSlaPolicies: [...defaultSlaPolicies] });
  });

  it("lets an admin set policies, business hours and the reporting clock, and the workspace profile the SLA clocks read has them", async () => {
    const { desk, admin, agent } = await clients();
    const saved = await admin.put("/service-levels", levels);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject(levels);
    expect((await agent.get("/service-levels")).body).toMatchObject(levels);
    const profile = await desk.workspaces.profile(desk.workspaceId);
    expect(profile?.businessHours).toEqual(levels.businessHours);
    expect(profile?.slaPolicies).toEqual(levels.slaPolicies);
  });

  it("refuses agents who are not admins", async () => {
    const { agent } = await clients();
    expect((await agent.put("/service-levels", levels)).status).toBe(403);
  });

  it("says which field is wrong: hours that end before they start, a target of zero minutes", async () => {
    const { admin } = await clients();
    const backwards = await admin.put("/service-levels", {
      ...levels,
      businessHours: { days: ["mon"], start: "18:00", end: "09:00" },
    });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain("end must be after start");
    const zero = await admin.put("/service-levels", {
      ...levels,
      slaPolicies: [{ channel: "chat", firstResponseMinutes: 0 }],
    });
    expect(zero.status).toBe(400);
    expect(JSON.stringify(zero.body)).toContain("must be more than 0 minutes");
  });
});

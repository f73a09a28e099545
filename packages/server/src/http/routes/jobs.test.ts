import { afterEach, describe, expect, it } from "vitest";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";

let desk: TestDesk;
afterEach(async () => {
  await desk.close();
});

describe("GET /jobs", () => {
  it("shows an admin the workspace's jobs by state, and nobody else", async () => {
    desk = await createTestDesk();
    const app = await desk.app();
    const admin = apiClient(app, await desk.issueToken("admin"));
    const agent = apiClient(app, await desk.issueToken("agent"));
    const opened = await admin.post("/tickets", {
      customer: { email: "ana@example.test" },
      channel: "email",
      message: { author: "customer", body: "Export fails" },
    });
    expect(opened.status, opened.text).toBe(201);
    await desk.runDueJobs();

    expect((await agent.get("/jobs")).status).toBe(403);
    const pending = await admin.get("/jobs?state=pending");
    expect(pending.status, pending.text).toBe(200);
    expect(pending.body.jobs.map((job: { name: string }) => job.name)).toContain("sla.check");
    expect(pending.body.jobs.find((job: { name: string }) => job.name === "sla.check")).toMatchObject({
      state: "pending",
      attempts: 0,
      lastError: null,
      payload: expect.objectContaining({ workspaceId: desk.workspaceId, ticketId: opened.body.id }),
    });
    const completed = await admin.get("/jobs?state=completed");
    expect(completed.body.jobs.map((job: { name: string }) => job.name)).toContain("notify.follow-through");
    expect((await admin.get("/jobs?state=sleeping")).status).toBe(400);
  });
});

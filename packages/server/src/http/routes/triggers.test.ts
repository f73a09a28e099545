import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => desk?.close());

describe("the triggers API", () => {
  it("lets admins add, change, disable and delete triggers, and agents read them", async () => {
    const admin = apiClient(await desk.app(), await desk.issueToken("admin"));
    const agent = apiClient(await desk.app(), await desk.issueToken("agent"));
    const created = await admin.post("/triggers", {
      name: "Enterprise first",
      event: "ticket.created",
      conditions: [{ field: "customer.plan", operator: "is", value: "enterprise" }],
      actions: [{ type: "set_priority", priority: "high" }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ enabled: true, event: "ticket.created" });

    expect((await agent.get("/triggers")).body.triggers).toHaveLength(1);
    expect(
      (
        await agent.post("/triggers", {
          name: "x",
          event: "ticket.created",
          actions: [{ type: "add_tags", tags: ["x"] }],
        })
      ).status,
    ).toBe(403);

    const disabled = await admin.patch(`/triggers/${created.body.id}`, { enabled: false });
    expect(disabled.body.enabled).toBe(false);
    expect((await admin.delete(`/triggers/${created.body.id}`)).status).toBe(204);
    expect((await admin.get(`/triggers/${created.body.id}`)).status).toBe(404);
  });

  it("refuses a trigger without actions or with a condition it cannot evaluate, saying what is wrong", async () => {
    const admin = apiClient(await desk.app(), await desk.issueToken("admin"));
    const noActions = await admin.post("/triggers", { name: "x", event: "ticket.created", actions: [] });
    expect(noActions.status).toBe(400);
    expect(noActions.body.message).toContain("at least one action");
    const noValue = await admin.post("/triggers", {
      name: "x",
      event: "ticket.created",
      conditions: [{ field: "priority", operator: "is" }],
      actions: [{ type: "add_tags", tags: ["x"] }],
    });
    expect(noValue.status).toBe(400);
    expect(noValue.body.message).toContain("needs a value");
  });

  it("sets a team's auto-assignment, and refuses an unknown team", async () => {
    const admin = apiClient(await desk.app(), await desk.issueToken("admin"));
    const missing = await admin.put("/teams/nobody/auto-assignment", { strategy: "least_open", autoAssign: true });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain("no team nobody");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTicket } from "../../core/tickets/ticket-use-cases.ts";
import * as schema from "../../storage/schema.ts";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
  await desk.database.db.insert(schema.teams).values({ workspaceId: desk.workspaceId, id: "billing", name: "Billing" });
});
afterAll(async () => desk?.close());

async function ticketFrom(name: string) {
  return openTicket(
    {
      workspaceId: desk.workspaceId,
      customer: { email: `${name.split(" ")[0]?.toLowerCase()}@example.com`, name },
      channel: "email",
      subject: "Charged twice",
      message: { author: "customer", body: "I see two charges for March." },
      actor: "customer",
    },
    desk,
  );
}

describe("macros", () => {
  it("are saved by admins and applied by agents: the reply with variables filled in, then the actions", async () => {
    const admin = apiClient(await desk.app(), await desk.issueToken("admin"));
    const agent = await desk.addAgent("agent", { name: "Maria Schmidt" });
    const agentApi = apiClient(await desk.app(), agent.token);

    const created = await admin.post("/macros", {
      name: "Refund on its way",
      body: "Hi {{customer.first_name}}, I refunded the second charge on ticket {{ticket.id}}. — {{agent.first_name}}",
      actions: [
        { type: "add_tags", tags: ["refund"] },
        { type: "set_priority", priority: "high" },
        { type: "set_status", status: "pending" },
      ],
    });
    expect(created.status).toBe(201);

    const ticket = await ticketFrom("Ana Lima");
    const applied = await agentApi.post(`/tickets/${ticket.id}/macros/${created.body.id}`);
    expect(applied.status).toBe(200);
    const reply = applied.body.messages.at(-1);
    expect(reply).toMatchObject({
      author: `agent:${agent.agentId}`,
      public: true,
      body: `Hi Ana, I refunded the second charge on ticket ${ticket.id}. — Maria`,
    });
    expect(applied.body).toMatchObject({ status: "pending", priority: "high", tags: ["refund"] });
    expect(applied.body.events.map((event: { type: string }) => event.type)).toEqual([
      "status_changed",
      "status_changed",
      "status_changed",
      "priority_changed",
      "tags_changed",
    ]);
    expect(applied.body.events.at(-1).actor).toBe(`agent:${agent.agentId}`);
  });

  it("can be internal notes and can escalate with a reason", async () => {
    const admin = apiClient(await desk.app(), await desk.issueToken("admin"));
    const macro = await admin.post("/macros", {
      name: "Hand to billing",
      body: "Billing: {{customer.name}} ({{customer.plan|no plan}}) was charged twice.",
      public: false,
      actions: [{ type: "escalate", teamId: "billing", reason: "refund needs billing" }],
    });
    const ticket = await ticketFrom("Ben Okafor");
    const applied = await apiClient(await desk.app(), await desk.issueToken("agent")).post(
      `/tickets/${ticket.id}/macros/${macro.body.id}`,
    );
    expect(applied.body.messages.at(-1)).toMatchObject({
      public: false,
      body: "Billing: Ben Okafor (no plan) was charged twice.",
    });
    expect(applied.body.teamId).toBe("billing");
    expect(applied.body.events.at(-1)).toMatchObject({
      type: "escalated",
      to: "billing",
      data: { reason: "refund needs billing" },
    });
  });

  it("refuse unknown variables and macros that send macros, saying why", async () => {
    const admin = apiClient(await desk.app(), await desk.issueToken("admin"));
    const unknown = await admin.post("/macros", { name: "x", body: "Hi {{customer.nick}}" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain("{{customer.nick}}");
    const nested = await admin.post("/macros", {
      name: "x",
      body: "Hi",
      actions: [{ type: "send_macro", macroId: "m" }],
    });
    expect(nested.status).toBe(400);
    expect(nested.body.message).toContain("cannot send another macro");
  });

  it("support listing, changing and deleting, and answer 404 for unknown ones", async () => {
    const admin = apiClient(await desk.app(), await desk.issueToken("admin"));
    const macro = await admin.post("/macros", { name: "Thanks", body: "Thanks {{customer.first_name}}!" });
    expect((await admin.patch(`/macros/${macro.body.id}`, { name: "Thank you" })).body.name).toBe("Thank you");
    expect((await admin.get("/macros")).body.macros.some((listed: { id: string }) => listed.id === macro.body.id)).toBe(
      true,
    );
    expect((await admin.delete(`/macros/${macro.body.id}`)).status).toBe(204);
    expect((await admin.get(`/macros/${macro.body.id}`)).status).toBe(404);
    const ticket = await ticketFrom("Cy Doe");
    expect((await admin.post(`/tickets/${ticket.id}/macros/${macro.body.id}`)).status).toBe(404);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ApiClient,
  apiClient,
  createTestDesk,
  type TestAgent,
  type TestDesk,
} from "../../testing/create-test-desk.ts";

const hour = 60 * 60 * 1000;

let desk: TestDesk;
let agent: TestAgent;
let api: ApiClient;

beforeEach(async () => {
  desk = await createTestDesk();
  agent = await desk.addAgent("agent");
  api = apiClient(await desk.app(), agent.token);
});
afterEach(async () => {
  await desk.close();
});

async function openTicket(): Promise<string> {
  const response = await api.post("/tickets", {
    customer: { email: `customer-${crypto.randomUUID()}@example.test`, name: "Ana" },
    channel: "email",
    subject: "Export fails",
    message: { author: "customer", body: "My export never finishes." },
  });
  expect(response.status, response.text).toBe(201);
  return response.body.id;
}

describe("follow-ups", () => {
  it("turns a promise in a reply into a follow-up that reminds its owner with a drafted message", async () => {
    const ticketId = await openTicket();
    const reply = await api.post(`/tickets/${ticketId}/messages`, {
      body: "Thanks Ana, our engineers are on it. I'll follow up tomorrow with what they find.",
    });
    expect(reply.status, reply.text).toBeLessThan(300);
    await desk.runDueJobs();

    const listed = await api.get(`/tickets/${ticketId}/follow-ups`);
    expect(listed.status).toBe(200);
    expect(listed.body.followUps).toEqual([
      expect.objectContaining({
        ownerId: agent.agentId,
        status: "scheduled",
        dueAt: "2026-03-03T09:00:00.000Z",
        promise: "I'll follow up tomorrow with what they find.",
        createdBy: `agent:${agent.agentId}`,
      }),
    ]);
    const [followUp] = listed.body.followUps;
    let ticket = (await api.get(`/tickets/${ticketId}`)).body;
    expect(ticket.events).toContainEqual(
      expect.objectContaining({
        type: "follow_up_scheduled",
        data: expect.objectContaining({ followUpId: followUp.id }),
      }),
    );

    desk.clock.set("2026-03-03T08:59:00.000Z");
    await desk.runDueJobs();
    expect((await api.get(`/tickets/${ticketId}/follow-ups`)).body.followUps[0].remindedAt).toBeNull();

    desk.clock.set("2026-03-03T09:00:00.000Z");
    await desk.runDueJobs();
    ticket = (await api.get(`/tickets/${ticketId}`)).body;
    const note = ticket.messages.at(-1);
    expect(note).toMatchObject({ author: "system", public: false });
    expect(note.body).toContain(`Follow-up due for @${agent.agentId}`);
    expect(note.body).toContain("The customer has not written since.");
    expect(note.body).toContain("Draft follow-up for the customer (not sent):");
    const reminded = (await api.get(`/tickets/${ticketId}/follow-ups`)).body.followUps[0];
    expect(reminded.remindedAt).toBe("2026-03-03T09:00:00.000Z");

    const done = await api.post(`/tickets/${ticketId}/follow-ups/${followUp.id}/done`);
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ status: "done", doneAt: "2026-03-03T09:00:00.000Z" });
    const again = await api.post(`/tickets/${ticketId}/follow-ups/${followUp.id}/done`);
    expect(again.body.doneAt).toBe("2026-03-03T09:00:00.000Z");
    ticket = (await api.get(`/tickets/${ticketId}`)).body;
    expect(ticket.events.filter((event: { type: string }) => event.type === "follow_up_done")).toHaveLength(1);
  });

  it("makes no follow-up from a reply that promises nothing, nor from an internal note", async () => {
    const ticketId = await openTicket();
    await api.post(`/tickets/${ticketId}/messages`, { body: "Please try again in a private window." });
    await api.post(`/tickets/${ticketId}/messages`, { body: "I'll follow up with the team tomorrow.", public: false });
    await desk.runDueJobs();
    await desk.jobs.relayNotifications();
    expect((await api.get(`/tickets/${ticketId}/follow-ups`)).body.followUps).toEqual([]);
  });

  it("lets an agent set a follow-up, and a done one is not reminded", async () => {
    const ticketId = await openTicket();
    const created = await api.post(`/tickets/${ticketId}/follow-ups`, {
      dueAt: "2026-03-05T10:00:00+01:00",
      promise: "Check the March invoice was reissued",
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      ownerId: agent.agentId,
      dueAt: "2026-03-05T09:00:00.000Z",
      status: "scheduled",
    });
    await api.post(`/tickets/${ticketId}/follow-ups/${created.body.id}/done`);
    desk.clock.advance(4 * 24 * hour);
    await desk.runDueJobs();
    const ticket = (await api.get(`/tickets/${ticketId}`)).body;
    expect(ticket.messages.filter((message: { author: string }) => message.author === "system")).toEqual([]);
  });

  it("refuses what it cannot use, saying why", async () => {
    const ticketId = await openTicket();
    const bad = await api.post(`/tickets/${ticketId}/follow-ups`, { dueAt: "tomorrow", promise: "x" });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/dueAt/);
    expect((await api.get("/tickets/nope/follow-ups")).status).toBe(404);
    expect((await api.post(`/tickets/${ticketId}/follow-ups/fu_missing/done`)).status).toBe(404);
  });
});

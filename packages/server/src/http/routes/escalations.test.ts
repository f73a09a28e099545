import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as schema from "../../storage/schema.ts";
import {
  type ApiClient,
  apiClient,
  createTestDesk,
  type TestAgent,
  type TestDesk,
} from "../../testing/create-test-desk.ts";

const minute = 60_000;
const hour = 60 * minute;

type Message = { author: string; public: boolean; body: string };
type Event = {
  type: string;
  from: string | null;
  to: string | null;
  actor: string | null;
  data: Record<string, unknown> | null;
};

let desk: TestDesk;
let owner: TestAgent;
let specialist: TestAgent;
let api: ApiClient;
let specialistApi: ApiClient;

beforeEach(async () => {
  desk = await createTestDesk();
  await desk.database.db.insert(schema.teams).values([
    { workspaceId: desk.workspaceId, id: "tier1", name: "Tier 1", escalatesTo: "tier2" },
    { workspaceId: desk.workspaceId, id: "tier2", name: "Tier 2", escalatesTo: null },
  ]);
  owner = await desk.addAgent("agent");
  specialist = await desk.addAgent("agent");
  const app = await desk.app();
  api = apiClient(app, owner.token);
  specialistApi = apiClient(app, specialist.token);
});
afterEach(async () => {
  await desk.close();
});

async function openTicket(fields: Record<string, unknown> = {}): Promise<string> {
  const response = await api.post("/tickets", {
    customer: { email: `customer-${crypto.randomUUID()}@example.test` },
    channel: "email",
    teamId: "tier1",
    assigneeId: owner.agentId,
    message: { author: "customer", body: "The sync drops half my records." },
    ...fields,
  });
  expect(response.status, response.text).toBe(201);
  return response.body.id;
}

const notes = (ticket: { messages: Message[] }) =>
  ticket.messages.filter((message) => message.author === "system" && !message.public).map((message) => message.body);

describe("escalation", () => {
  it("puts the ticket on hold for the next team, keeps the owner, reminds them and tells them when the team answers", async () => {
    const ticketId = await openTicket();
    const escalated = await api.post(`/tickets/${ticketId}/escalate`, { reason: "needs a database fix" });
    expect(escalated.status, escalated.text).toBe(200);
    expect(escalated.body).toMatchObject({ status: "on_hold", teamId: "tier2", assigneeId: owner.agentId });
    expect(escalated.body.events.find((event: Event) => event.type === "escalated")).toMatchObject({
      from: "tier1",
      to: "tier2",
      actor: `agent:${owner.agentId}`,
      data: { reason: "needs a database fix", ownerId: owner.agentId },
    });
    await desk.runDueJobs();

    desk.clock.advance(4 * hour);
    await desk.runDueJobs();
    let ticket = (await api.get(`/tickets/${ticketId}`)).body;
    expect(notes(ticket)).toEqual([
      expect.stringContaining(`@${owner.agentId}: this ticket is still on hold for team tier2`),
    ]);

    await specialistApi.post(`/tickets/${ticketId}/messages`, { body: "Found it: a bad index.", public: false });
    await desk.runDueJobs();
    await specialistApi.post(`/tickets/${ticketId}/messages`, { body: "Fix deployed.", public: false });
    await desk.runDueJobs();
    ticket = (await api.get(`/tickets/${ticketId}`)).body;
    const told = notes(ticket).filter((body) => body.includes("answered on the escalation"));
    expect(told).toEqual([
      `@${owner.agentId}: team tier2 answered on the escalation (agent:${specialist.agentId}). Update the customer and take the ticket off hold when it is back with you.`,
    ]);
  });

  it("does not remind the owner once the ticket is back with them", async () => {
    const ticketId = await openTicket();
    await api.post(`/tickets/${ticketId}/escalate`, { teamId: "tier2", reason: "sync bug" });
    await api.patch(`/tickets/${ticketId}`, { status: "open", teamId: "tier1" });
    desk.clock.advance(5 * hour);
    await desk.runDueJobs();
    expect(notes((await api.get(`/tickets/${ticketId}`)).body)).toEqual([]);
  });

  it("refuses an escalation it cannot make, saying why", async () => {
    const ticketId = await openTicket();
    const unknown = await api.post(`/tickets/${ticketId}/escalate`, { teamId: "legal", reason: "x" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe("teamId: there is no team legal (teams: tier1, tier2).");
    expect((await api.post(`/tickets/${ticketId}/escalate`, { teamId: "tier2" })).status).toBe(400);
    await api.post(`/tickets/${ticketId}/escalate`, { teamId: "tier2", reason: "sync bug" });
    const twice = await api.post(`/tickets/${ticketId}/escalate`, { teamId: "tier2", reason: "sync bug" });
    expect(twice.status).toBe(409);
    const endOfPath = await api.post(`/tickets/${ticketId}/escalate`, { reason: "more" });
    expect(endOfPath.status).toBe(400);
    expect(endOfPath.body.message).toMatch(/tier2 escalates to no other team/);
  });

  it("escalates an urgent ticket left unanswered for 30 minutes, and not one that was answered", async () => {
    const unanswered = await openTicket({ priority: "urgent" });
    const answered = await openTicket({ priority: "urgent" });
    await desk.runDueJobs();
    await api.post(`/tickets/${answered}/messages`, { body: "On it." });
    desk.clock.advance(29 * minute);
    await desk.runDueJobs();
    expect((await api.get(`/tickets/${unanswered}`)).body.status).toBe("new");

    desk.clock.advance(minute);
    await desk.runDueJobs();
    const escalated = (await api.get(`/tickets/${unanswered}`)).body;
    expect(escalated).toMatchObject({ status: "on_hold", teamId: "tier2", assigneeId: owner.agentId });
    expect(escalated.events.find((event: Event) => event.type === "escalated")).toMatchObject({
      actor: "system",
      data: { reason: "urgent and unanswered for 30 minutes", ownerId: owner.agentId },
    });
    expect((await api.get(`/tickets/${answered}`)).body.events.map((event: Event) => event.type)).not.toContain(
      "escalated",
    );
  });
});

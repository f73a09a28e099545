import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, createTestDesk, type TestAgent, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;
let app: FastifyInstance;
let agent: TestAgent;
const ids: Record<string, string> = {};

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app();
  agent = await desk.addAgent("agent", { name: "Inbox Agent" });
  const client = apiClient(app, agent.token);
  const open = async (name: string, email: string, fields: Record<string, unknown> = {}) => {
    const response = await client.post("/tickets", {
      customer: { email, name },
      message: { body: `Hi from ${name}` },
      ...fields,
    });
    expect(response.status, response.text).toBe(201);
    ids[name] = response.body.id;
    desk.clock.advance(60_000);
  };
  await open("Early Urgent", "early@example.test", { priority: "urgent" });
  await open("Mine Normal", "mine@example.test", { assigneeId: agent.agentId });
  await open("Waiting", "waiting@example.test");
  await client.patch(`/tickets/${ids.Waiting}`, { status: "pending" });
});
afterAll(() => desk.close());

describe("inbox views", () => {
  it("lists working tickets earliest SLA due first, with the customer's name", async () => {
    const response = await apiClient(app, agent.token).get("/inbox?view=all");
    expect(response.status, response.text).toBe(200);
    const tickets = response.body.tickets as { id: string; slaDueAt: string | null; customerName: string }[];
    expect(tickets.map((ticket) => ticket.id)).toContain(ids.Waiting);
    const due = tickets.filter((ticket) => ticket.slaDueAt).map((ticket) => ticket.slaDueAt as string);
    expect(due.length).toBeGreaterThan(1);
    expect(due).toEqual([...due].sort());
    expect(tickets.find((ticket) => ticket.id === ids["Early Urgent"])?.customerName).toBe("Early Urgent");
  });

  it("shows the caller's own tickets in mine, and unowned ones in unassigned", async () => {
    const mine = await apiClient(app, agent.token).get("/inbox?view=mine");
    expect(mine.body.tickets.map((ticket: { id: string }) => ticket.id)).toEqual([ids["Mine Normal"]]);
    const unassigned = await apiClient(app, agent.token).get("/inbox?view=unassigned");
    const unassignedIds = unassigned.body.tickets.map((ticket: { id: string }) => ticket.id);
    expect(unassignedIds).toContain(ids["Early Urgent"]);
    expect(unassignedIds).not.toContain(ids["Mine Normal"]);
  });

  it("shows tickets waiting on the customer in pending only", async () => {
    const pending = await apiClient(app, agent.token).get("/inbox?view=pending");
    expect(pending.body.tickets.map((ticket: { id: string }) => ticket.id)).toEqual([ids.Waiting]);
  });

  it("shows tickets whose clock runs out soon or ran out as breaching, and none waiting on the customer", async () => {
    const before = await apiClient(app, agent.token).get("/inbox?view=breaching");
    expect(before.body.tickets.some((ticket: { slaBreached: boolean }) => ticket.slaBreached)).toBe(false);
    desk.clock.advance(10 * 24 * 60 * 60 * 1000);
    const after = await apiClient(app, agent.token).get("/inbox?view=breaching");
    const listed = after.body.tickets as { id: string; slaBreached: boolean }[];
    expect(listed.map((ticket) => ticket.id).sort()).toEqual([ids["Early Urgent"], ids["Mine Normal"]].sort());
    expect(listed.every((ticket) => ticket.slaBreached)).toBe(true);
  });

  it("refuses an unknown view with the list of known ones", async () => {
    const response = await apiClient(app, agent.token).get("/inbox?view=everything");
    expect(response.status).toBe(400);
  });
});

describe("search", () => {
  it("finds customers by email and their tickets, and a ticket by its number", async () => {
    const byEmail = await apiClient(app, agent.token).get("/search?q=early%40example.test");
    expect(byEmail.status, byEmail.text).toBe(200);
    expect(byEmail.body.customers.map((customer: { name: string }) => customer.name)).toEqual(["Early Urgent"]);
    expect(byEmail.body.tickets.map((ticket: { id: string }) => ticket.id)).toEqual([ids["Early Urgent"]]);
    const byNumber = await apiClient(app, agent.token).get(`/search?q=%23${ids.Waiting}`);
    expect(byNumber.body.tickets.map((ticket: { id: string }) => ticket.id)).toContain(ids.Waiting);
  });

  it("asks for something to search for", async () => {
    const response = await apiClient(app, agent.token).get("/search?q=%20");
    expect(response.status).toBe(400);
  });
});

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  type ApiResponse,
  apiClient,
  createTestDesk,
  type TestAgent,
  type TestDesk,
} from "../testing/create-test-desk.ts";

let desk: TestDesk;
let agent: TestAgent;
let api: ApiClient;
let app: FastifyInstance;
let runNumber = 0;

beforeAll(async () => {
  desk = await createTestDesk();
  agent = await desk.addAgent("agent", { name: "Ana Agent" });
  app = await desk.app();
  api = apiClient(app, agent.token);
});
afterAll(() => desk.close());

/** A tag no other test uses, so a list filtered by it sees only this test's tickets. */
const uniqueTag = () => `run-${++runNumber}`;

async function openTicket(fields: Record<string, unknown> = {}): Promise<ApiResponse["body"]> {
  const response = await api.post("/tickets", {
    customer: { email: `customer-${crypto.randomUUID()}@example.test` },
    channel: "email",
    subject: "Export fails",
    message: { body: "My export never finishes." },
    ...fields,
  });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

async function patchTicket(id: string, patch: Record<string, unknown>) {
  const response = await api.patch(`/tickets/${id}`, patch);
  expect(response.status, response.text).toBe(200);
  return response.body;
}

const lastEvents = (ticket: { events: unknown[] }, count: number) => ticket.events.slice(-count);

describe("POST /tickets", () => {
  it("opens a new ticket with the customer's first message for a customer it creates", async () => {
    const response = await api.post("/tickets", {
      customer: { email: "maya@example.test", name: "Maya Lee" },
      channel: "email",
      subject: "Export fails",
      priority: "high",
      tags: ["Export", "export", " bug "],
      message: { body: "My export never finishes." },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      channel: "email",
      status: "new",
      priority: "high",
      subject: "Export fails",
      tags: ["export", "bug"],
      version: 1,
      messages: [{ author: "customer", public: true, body: "My export never finishes." }],
      events: [{ type: "status_changed", to: "new" }],
    });
    const customer = await api.get(`/customers/${response.body.customerId}`);
    expect(customer.body).toMatchObject({ name: "Maya Lee", email: "maya@example.test" });
  });

  it("finds the same customer by email when they write again on another channel", async () => {
    const first = await openTicket({ customer: { email: "sam@example.test" }, channel: "email" });
    const second = await openTicket({ customer: { email: "Sam@Example.test" }, channel: "chat" });
    expect(second.customerId).toBe(first.customerId);
    expect(second.id).not.toBe(first.id);
    const customer = await api.get(`/customers/${first.customerId}`);
    expect(customer.body.tickets.map((ticket: { id: string }) => ticket.id).sort()).toEqual(
      [first.id, second.id].sort(),
    );
  });

  it("creates a different customer for a different email", async () => {
    const first = await openTicket({ customer: { email: "kim@example.test" } });
    const second = await openTicket({ customer: { email: "lou@example.test" } });
    expect(second.customerId).not.toBe(first.customerId);
  });
});

describe("GET /tickets", () => {
  it("filters by status, channel, unassigned and tag", async () => {
    const tag = uniqueTag();
    const emailNew = await openTicket({ tags: [tag], channel: "email" });
    const chatAssigned = await openTicket({ tags: [tag], channel: "chat", assigneeId: agent.agentId });
    const phoneOpen = await openTicket({ tags: [tag], channel: "phone" });
    await patchTicket(phoneOpen.id, { status: "open" });
    await openTicket({ channel: "email" }); // without the tag

    const ids = async (query: string) => {
      const response = await api.get(`/tickets?tag=${tag}${query}`);
      expect(response.status, response.text).toBe(200);
      return response.body.tickets.map((ticket: { id: string }) => ticket.id);
    };
    expect(await ids("")).toEqual([phoneOpen.id, chatAssigned.id, emailNew.id]);
    expect(await ids("&status=open")).toEqual([phoneOpen.id]);
    expect(await ids("&status=new,open")).toEqual([phoneOpen.id, chatAssigned.id, emailNew.id]);
    expect(await ids("&channel=chat,phone")).toEqual([phoneOpen.id, chatAssigned.id]);
    expect(await ids("&assigneeId=none")).toEqual([phoneOpen.id, emailNew.id]);
    expect(await ids(`&assigneeId=${agent.agentId}`)).toEqual([chatAssigned.id]);
  });

  it("visits every ticket exactly once when following nextCursor", async () => {
    const tag = uniqueTag();
    const created: string[] = [];
    for (let index = 0; index < 7; index++) created.push((await openTicket({ tags: [tag] })).id);
    const seen: string[] = [];
    let url: string | null = `/tickets?tag=${tag}&limit=3`;
    let pages = 0;
    while (url) {
      const response = await api.get(url);
      expect(response.status).toBe(200);
      seen.push(...response.body.tickets.map((ticket: { id: string }) => ticket.id));
      pages += 1;
      url = response.body.nextCursor ? `/tickets?tag=${tag}&limit=3&cursor=${response.body.nextCursor}` : null;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());
  });

  it("answers 400 for a cursor it did not hand out", async () => {
    for (const cursor of ["", "%25%25", "bm90LWEtbnVtYmVy"]) {
      const response = await api.get(`/tickets?cursor=${cursor}`);
      expect(response.status, `cursor=${cursor}: ${response.text}`).toBe(400);
      expect(response.body.message).toContain("cursor");
    }
  });

  it("refuses an unknown status naming the query field", async () => {
    const response = await api.get("/tickets?status=new,lost");
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("invalid_input");
    expect(response.body.message).toContain("status");
  });
});

describe("GET /tickets/:id", () => {
  it("returns the ticket with its messages and events in order", async () => {
    const ticket = await openTicket();
    await api.post(`/tickets/${ticket.id}/messages`, { body: "Looking into it.", public: true });
    const response = await api.get(`/tickets/${ticket.id}`);
    expect(response.status).toBe(200);
    expect(response.body.messages.map((message: { body: string }) => message.body)).toEqual([
      "My export never finishes.",
      "Looking into it.",
    ]);
    expect(response.body.events.map((event: { type: string; to: string }) => [event.type, event.to])).toEqual([
      ["status_changed", "new"],
      ["status_changed", "open"],
    ]);
  });

  it("answers 404 for a ticket that does not exist", async () => {
    const response = await api.get("/tickets/999999");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: "not_found", message: "There is no ticket 999999." });
  });
});

describe("PATCH /tickets/:id", () => {
  it("records who changed status, priority, assignee and tags, from what to what", async () => {
    const ticket = await openTicket({ tags: ["export"] });
    desk.clock.advance(60_000);
    const updated = await patchTicket(ticket.id, {
      status: "pending",
      priority: "urgent",
      assigneeId: agent.agentId,
      tags: ["export", "vip"],
    });
    expect(updated).toMatchObject({
      status: "pending",
      priority: "urgent",
      assigneeId: agent.agentId,
      tags: ["export", "vip"],
    });
    expect(updated.version).toBe(ticket.version + 1);
    const actor = `agent:${agent.agentId}`;
    const at = desk.clock.now().toISOString();
    expect(lastEvents(updated, 4)).toEqual([
      { at, actor, type: "status_changed", from: "new", to: "pending", data: null },
      { at, actor, type: "priority_changed", from: null, to: "urgent", data: null },
      { at, actor, type: "assigned", from: null, to: agent.agentId, data: null },
      { at, actor, type: "tags_changed", from: null, to: null, data: { added: ["vip"], removed: [] } },
    ]);
  });

  it("logs no event for a field set to the value it already has", async () => {
    const ticket = await openTicket({ priority: "low" });
    const updated = await patchTicket(ticket.id, { priority: "low" });
    expect(updated.events).toHaveLength(ticket.events.length);
  });

  it("refuses to close a solved ticket without a confirmation, saying what is needed", async () => {
    const ticket = await openTicket();
    await patchTicket(ticket.id, { status: "solved" });
    const response = await api.patch(`/tickets/${ticket.id}`, { status: "closed" });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe("invalid_transition");
    expect(response.body.message).toMatch(/confirm/);
    expect(response.body.message).toContain('confirmation: "customer"');
    const closed = await patchTicket(ticket.id, { status: "closed", confirmation: "customer" });
    expect(closed.status).toBe("closed");
    expect(lastEvents(closed, 1)).toMatchObject([
      { type: "status_changed", from: "solved", to: "closed", data: { confirmation: "customer" } },
    ]);
  });

  it("refuses an update made on a stale version with 409", async () => {
    const ticket = await openTicket();
    await patchTicket(ticket.id, { priority: "high", version: ticket.version });
    const stale = await api.patch(`/tickets/${ticket.id}`, { priority: "low", version: ticket.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("conflict");
    expect(stale.body.message).toMatch(/reload/);
    expect((await api.get(`/tickets/${ticket.id}`)).body.priority).toBe("high");
  });

  it("keeps both of two concurrent changes to different fields", async () => {
    const ticket = await openTicket();
    const [first, second] = await Promise.all([
      api.patch(`/tickets/${ticket.id}`, { priority: "urgent" }),
      api.patch(`/tickets/${ticket.id}`, { tags: ["escalated-by-phone"] }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const current = (await api.get(`/tickets/${ticket.id}`)).body;
    expect(current).toMatchObject({ priority: "urgent", tags: ["escalated-by-phone"], version: ticket.version + 2 });
    expect(current.events.map((event: { type: string }) => event.type).sort()).toEqual(
      ["priority_changed", "status_changed", "tags_changed"].sort(),
    );
  });

  it("answers 400 naming assigneeId for an agent that does not exist", async () => {
    const ticket = await openTicket();
    const response = await api.patch(`/tickets/${ticket.id}`, { assigneeId: "nobody" });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("invalid_input");
    expect(response.body.message).toContain("assigneeId");
    expect((await api.get(`/tickets/${ticket.id}`)).body.assigneeId).toBeNull();
  });

  it("answers 400 naming assigneeId when a new ticket names an agent that does not exist", async () => {
    const response = await api.post("/tickets", {
      customer: { email: "ghost-assignee@example.test" },
      assigneeId: "nobody",
      message: { body: "Hello" },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain("assigneeId");
  });

  it("answers 400 naming the field for an invalid body", async () => {
    const ticket = await openTicket();
    const response = await api.patch(`/tickets/${ticket.id}`, { priority: "asap" });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body).sort()).toEqual(["code", "message"]);
    expect(response.body.code).toBe("invalid_input");
    expect(response.body.message).toContain("priority");
  });

  it("answers 400 naming a field it does not know", async () => {
    const ticket = await openTicket();
    const response = await api.patch(`/tickets/${ticket.id}`, { colour: "red" });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("invalid_input");
    expect(response.body.message).toContain("colour");
  });
});

describe("POST /tickets/:id/messages", () => {
  it("keeps an internal note from the customer's view and leaves a new ticket new", async () => {
    const ticket = await openTicket();
    desk.clock.advance(5 * 60_000);
    const response = await api.post(`/tickets/${ticket.id}/messages`, {
      body: "Customer is on the legacy plan.",
      public: false,
    });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe("new");
    expect(response.body.messages.at(-1)).toMatchObject({
      author: `agent:${agent.agentId}`,
      public: false,
      body: "Customer is on the legacy plan.",
      at: desk.clock.now().toISOString(),
    });
  });

  it("moves a new ticket to open with the first public agent reply", async () => {
    const ticket = await openTicket();
    const response = await api.post(`/tickets/${ticket.id}/messages`, { body: "Thanks, looking into it." });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe("open");
    expect(response.body.messages.at(-1)).toMatchObject({ author: `agent:${agent.agentId}`, public: true });
    expect(lastEvents(response.body, 1)).toMatchObject([
      { type: "status_changed", actor: `agent:${agent.agentId}`, from: "new", to: "open" },
    ]);
  });

  it("reopens a solved ticket when the customer writes again", async () => {
    const ticket = await openTicket();
    await patchTicket(ticket.id, { status: "solved" });
    const response = await api.post(`/tickets/${ticket.id}/messages`, { body: "Still broken.", author: "customer" });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe("open");
    expect(lastEvents(response.body, 2)).toMatchObject([
      { type: "status_changed", actor: "customer", from: "solved", to: "open" },
      { type: "reopened", from: "solved", to: "open" },
    ]);
  });

  it("opens a linked follow-up ticket when the customer writes to a closed one", async () => {
    const ticket = await openTicket();
    await patchTicket(ticket.id, { status: "solved" });
    await patchTicket(ticket.id, { status: "closed", confirmation: "window_passed" });
    const response = await api.post(`/tickets/${ticket.id}/messages`, { body: "It broke again.", author: "customer" });
    expect(response.status).toBe(201);
    expect(response.body.id).not.toBe(ticket.id);
    expect(response.headers.location).toBe(`/api/v1/tickets/${response.body.id}`);
    expect(response.body).toMatchObject({
      status: "new",
      customerId: ticket.customerId,
      attributes: { followUpOf: ticket.id },
      messages: [{ author: "customer", body: "It broke again." }],
    });
    const original = (await api.get(`/tickets/${ticket.id}`)).body;
    expect(original.status).toBe("closed");
    expect(original.messages).toHaveLength(1);
  });

  it("refuses an agent reply on a closed ticket", async () => {
    const ticket = await openTicket();
    await patchTicket(ticket.id, { status: "solved" });
    await patchTicket(ticket.id, { status: "closed", confirmation: "customer" });
    const response = await api.post(`/tickets/${ticket.id}/messages`, { body: "One more thing" });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe("invalid_transition");
  });

  it("refuses an empty message naming body", async () => {
    const ticket = await openTicket();
    const response = await api.post(`/tickets/${ticket.id}/messages`, { body: "" });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain("body");
  });
});

describe("errors", () => {
  it("answers an unknown route with a JSON 404", async () => {
    const response = await api.get("/nothing-here");
    expect(response.status).toBe(404);
    expect(response.headers["content-type"]).toMatch(/application\/json/);
    expect(response.body).toEqual({ code: "not_found", message: "There is no route GET /api/v1/nothing-here." });
  });

  it("answers malformed JSON with 400 invalid_input", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/tickets",
      headers: { authorization: `Bearer ${agent.token}`, "content-type": "application/json" },
      payload: '{"customer": {',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "invalid_input" });
    expect(response.body).not.toMatch(/\.ts:\d+|node_modules/);
  });

  it("never puts a stack trace in an error body", async () => {
    const ticket = await openTicket();
    const responses = await Promise.all([
      api.get("/tickets/does-not-exist"),
      api.patch(`/tickets/${ticket.id}`, { assigneeId: "nobody" }),
      api.patch(`/tickets/${ticket.id}`, { status: "flying" }),
      api.post("/tickets", "not json at all"),
      api.get("/tickets?cursor=not-a-cursor"),
      api.get("/no/such/route"),
    ]);
    for (const response of responses) {
      expect(response.status, response.text).toBeGreaterThanOrEqual(400);
      expect(Object.keys(response.body).sort(), response.text).toEqual(["code", "message"]);
      expect(response.text).not.toMatch(/\s+at\s+\S+\s+\(|\.ts:\d+|node_modules|stack/i);
    }
  });
});

describe("SLA clocks on GET /tickets/:id", () => {
  type Clocks = { sla: { firstResponse: { dueAt: string | null; metAt: string | null; breached: boolean } } };

  it("shows when the first response is due, the breach, and when it was met", async () => {
    const opened = desk.clock.now();
    const created = await api.post("/tickets", {
      customer: { email: `sla-${crypto.randomUUID()}@example.test` },
      channel: "email",
      message: { body: "Our invoices page is blank." },
    });
    const id = (created.body as { id: string }).id;
    const due = new Date(opened.getTime() + 120 * 60_000).toISOString();

    const fresh = (await api.get(`/tickets/${id}`)).body as Clocks;
    expect(fresh.sla.firstResponse).toMatchObject({ dueAt: due, metAt: null, breached: false });

    desk.clock.advance(3 * 60 * 60_000);
    const late = (await api.get(`/tickets/${id}`)).body as Clocks;
    expect(late.sla.firstResponse.breached).toBe(true);

    await api.post(`/tickets/${id}/messages`, { body: "Sorry for the wait: fixed now.", public: true });
    const answered = (await api.get(`/tickets/${id}`)).body as Clocks;
    expect(answered.sla.firstResponse.metAt).toBe(desk.clock.now().toISOString());
  });
});

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import { signUserId } from "./identity.ts";
import { connectSocket } from "./socket-test-client.ts";

let desk: TestDesk;
let app: FastifyInstance;
let base: string;
let agentToken: string;
let secret: string;

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app();
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  base = address.replace(/^http/, "ws");
  agentToken = await desk.issueToken("agent");
  secret = await desk.widgets.identitySecret(desk.workspaceId);
});

afterAll(async () => {
  await desk.close();
});

let visitorNumber = 0;
function newVisitorId() {
  visitorNumber += 1;
  return `visitor-${String(visitorNumber).padStart(4, "0")}-${Math.random().toString(36).slice(2, 12)}`;
}

async function visitor(hello: Record<string, unknown> = {}) {
  const client = await connectSocket(`${base}/widget/socket?workspace=${desk.workspaceId}`);
  client.send({ type: "hello", visitorId: newVisitorId(), ...hello });
  const welcome = await client.next("welcome");
  return { client, welcome };
}

async function agentLive() {
  const live = await connectSocket(`${base}/api/v1/live`, { authorization: `Bearer ${agentToken}` });
  await live.next("ready");
  return live;
}

async function customerMessages(ticketId: string) {
  const ticket = await desk.tickets.get(desk.workspaceId, ticketId);
  return ticket?.messages.filter((message) => message.author === "customer") ?? [];
}

describe("the visitor socket", () => {
  it("stores a visitor's first message as a chat ticket before acknowledging it", async () => {
    const { client, welcome } = await visitor();
    expect(welcome).toMatchObject({ conversationId: null, identified: false, history: [] });
    client.send({ type: "message", clientId: "first-message-1", body: "Hello, my invoice is wrong" });
    const ack = await client.next("ack");
    expect(ack).toMatchObject({ clientId: "first-message-1", duplicate: false });
    const conversation = await desk.widgets.conversation(desk.workspaceId, ack.conversationId);
    const ticketId = conversation?.ticketIds[0] ?? "";
    const ticket = await desk.tickets.get(desk.workspaceId, ticketId);
    expect(ticket).toMatchObject({ channel: "chat", subject: "Hello, my invoice is wrong" });
    expect(ticket?.messages.map((message) => message.id)).toEqual([ack.messageId]);
    await client.close();
  });

  it("stores a resent message once, also when it comes again after a reconnect", async () => {
    const visitorId = newVisitorId();
    const first = await connectSocket(`${base}/widget/socket?workspace=${desk.workspaceId}`);
    first.send({ type: "hello", visitorId });
    await first.next("welcome");
    first.send({ type: "message", clientId: "resent-message-1", body: "Are you there?" });
    first.send({ type: "message", clientId: "resent-message-1", body: "Are you there?" });
    const original = await first.next("ack");
    const again = await first.next("ack");
    expect(again).toMatchObject({ messageId: original.messageId, duplicate: true });
    await first.close();

    const second = await connectSocket(`${base}/widget/socket?workspace=${desk.workspaceId}`);
    second.send({ type: "hello", visitorId, conversationId: original.conversationId });
    const welcome = await second.next("welcome");
    expect(welcome.history).toEqual([
      expect.objectContaining({ id: original.messageId, clientId: "resent-message-1" }),
    ]);
    second.send({ type: "message", clientId: "resent-message-1", body: "Are you there?" });
    expect(await second.next("ack")).toMatchObject({ messageId: original.messageId, duplicate: true });

    const conversation = await desk.widgets.conversation(desk.workspaceId, original.conversationId);
    expect(await customerMessages(conversation?.ticketIds[0] ?? "")).toHaveLength(1);
    await second.close();
  });

  it("resumes the conversation after a reconnect: its history, and the next message on the same ticket", async () => {
    const visitorId = newVisitorId();
    const first = await connectSocket(`${base}/widget/socket?workspace=${desk.workspaceId}`);
    first.send({ type: "hello", visitorId });
    await first.next("welcome");
    first.send({ type: "message", clientId: "resume-message-1", body: "My export fails" });
    const ack = await first.next("ack");
    first.socket.terminate();

    const second = await connectSocket(`${base}/widget/socket?workspace=${desk.workspaceId}`);
    second.send({ type: "hello", visitorId, conversationId: ack.conversationId });
    const welcome = await second.next("welcome");
    expect(welcome.conversationId).toBe(ack.conversationId);
    expect(welcome.history.map((item: { body: string }) => item.body)).toEqual(["My export fails"]);
    second.send({ type: "message", clientId: "resume-message-2", body: "It says error 42" });
    await second.next("ack");

    const conversation = await desk.widgets.conversation(desk.workspaceId, ack.conversationId);
    expect(conversation?.ticketIds).toHaveLength(1);
    const bodies = (await customerMessages(conversation?.ticketIds[0] ?? "")).map((message) => message.body);
    expect(bodies).toEqual(["My export fails", "It says error 42"]);
    await second.close();
  });

  it("does not let another visitor resume someone's conversation by its id", async () => {
    const { client } = await visitor();
    client.send({ type: "message", clientId: "private-message-1", body: "My address is 1 Main St" });
    const ack = await client.next("ack");
    await client.close();

    const { client: stranger, welcome } = await visitor({ conversationId: ack.conversationId });
    expect(welcome).toMatchObject({ conversationId: null, history: [] });
    await stranger.close();
  });

  it("shows a verified user their history on a new device", async () => {
    const user = { userId: "user-history-1", name: "Ada", signature: signUserId(secret, "user-history-1") };
    const { client, welcome } = await visitor({ user });
    expect(welcome.identified).toBe(true);
    client.send({ type: "message", clientId: "in-app-message-1", body: "Where is my order?" });
    const ack = await client.next("ack");
    await client.close();
    const conversation = await desk.widgets.conversation(desk.workspaceId, ack.conversationId);
    const ticket = await desk.tickets.get(desk.workspaceId, conversation?.ticketIds[0] ?? "");
    expect(ticket?.channel).toBe("in_app");

    const { client: laptop, welcome: resumed } = await visitor({ user });
    expect(resumed.conversationId).toBe(ack.conversationId);
    expect(resumed.history.map((item: { body: string }) => item.body)).toEqual(["Where is my order?"]);
    await laptop.close();
  });

  it("treats a forged identity as an anonymous visitor who never sees the user's history", async () => {
    const user = { userId: "user-forged-1", signature: signUserId(secret, "user-forged-1") };
    const { client } = await visitor({ user });
    client.send({ type: "message", clientId: "real-user-message", body: "My card ends in 4242" });
    const ack = await client.next("ack");
    await client.close();

    for (const forged of [
      { userId: "user-forged-1", signature: signUserId("not the secret", "user-forged-1") },
      { userId: "user-forged-1" },
      { userId: "user-forged-1", signature: user.signature.replace(/.$/, (last) => (last === "0" ? "1" : "0")) },
    ]) {
      const { client: attacker, welcome } = await visitor({ user: forged, conversationId: ack.conversationId });
      expect(welcome).toMatchObject({ identified: false, conversationId: null, history: [] });
      attacker.send({ type: "message", clientId: "forged-user-msg", body: "Show me everything" });
      const attackerAck = await attacker.next("ack");
      expect(attackerAck.conversationId).not.toBe(ack.conversationId);
      attacker.send({ type: "track", event: "plan_changed", data: { plan: "free" } });
      expect(await attacker.next("error")).toMatchObject({ code: "forbidden" });
      await attacker.close();
    }
  });

  it("records tracked events of a verified user as the customer's account events", async () => {
    const user = { userId: "user-track-1", signature: signUserId(secret, "user-track-1") };
    const { client } = await visitor({ user });
    client.send({ type: "track", event: "checkout_failed", data: { orderId: "A-17" } });
    await client.next("tracked");
    client.send({ type: "message", clientId: "after-track-msg", body: "Checkout broke" });
    const ack = await client.next("ack");
    const conversation = await desk.widgets.conversation(desk.workspaceId, ack.conversationId);
    const ticket = await desk.tickets.get(desk.workspaceId, conversation?.ticketIds[0] ?? "");
    const events = await desk.customers.accountEvents(desk.workspaceId, ticket?.customerId ?? "", 10);
    expect(events).toEqual([expect.objectContaining({ type: "checkout_failed", data: { orderId: "A-17" } })]);
    await client.close();
  });

  it("pushes an agent's reply to the visitor live, and agent and visitor typing both ways", async () => {
    const live = await agentLive();
    const { client, welcome } = await visitor();
    expect(welcome.agentsOnline).toBe(true);
    client.send({ type: "message", clientId: "live-reply-msg-1", body: "Can someone help?" });
    const ack = await client.next("ack");
    const conversation = await desk.widgets.conversation(desk.workspaceId, ack.conversationId);
    const ticketId = conversation?.ticketIds[0] ?? "";

    client.send({ type: "typing", typing: true });
    expect(await live.next("visitor.typing", (frame) => frame.typing)).toMatchObject({ ticketId });
    live.send({ type: "typing", ticketId, typing: true });
    expect(await client.next("agent_typing")).toEqual({ type: "agent_typing", typing: true });

    const api = apiClient(app, agentToken);
    const reply = await api.post(`/tickets/${ticketId}/messages`, {
      author: "agent",
      public: true,
      body: "Sure, on it.",
    });
    expect(reply.status).toBe(200);
    const pushed = await client.next("message");
    expect(pushed.message).toMatchObject({ from: "agent", body: "Sure, on it." });
    expect(await live.next("message.added", (frame) => frame.ticketId === ticketId)).toBeTruthy();

    // An internal note never reaches the visitor.
    await api.post(`/tickets/${ticketId}/messages`, { author: "agent", public: false, body: "VIP customer" });
    await api.post(`/tickets/${ticketId}/messages`, { author: "agent", public: true, body: "Fixed it." });
    expect((await client.next("message")).message.body).toBe("Fixed it.");
    expect(client.frames.some((frame) => frame.message?.body === "VIP customer")).toBe(false);
    await client.close();
    await live.close();
  });

  it("asks for an email when no agent is online, and gives it to the ticket's customer", async () => {
    // A workspace of its own, so no agent connection of another test counts as online.
    await desk.addWorkspace("after-hours");
    const client = await connectSocket(`${base}/widget/socket?workspace=after-hours`);
    client.send({ type: "hello", visitorId: newVisitorId() });
    const welcome = await client.next("welcome");
    expect(welcome.agentsOnline).toBe(false);
    client.send({ type: "message", clientId: "offline-message", body: "Anyone there?" });
    const ack = await client.next("ack");
    await client.next("ask_email");
    client.send({ type: "email", email: "Grace@Example.com" });
    await client.next("email_saved");
    const conversation = await desk.widgets.conversation("after-hours", ack.conversationId);
    expect(conversation?.email).toBe("grace@example.com");
    const ticket = await desk.tickets.get("after-hours", conversation?.ticketIds[0] ?? "");
    const customer = await desk.customers.get("after-hours", ticket?.customerId ?? "");
    expect(customer?.email).toBe("grace@example.com");
    await client.close();
  });

  it("limits how fast one visitor may send", async () => {
    const { client } = await visitor();
    for (let index = 0; index < 12; index++) {
      client.send({ type: "message", clientId: `burst-message-${index}`, body: `message ${index}` });
    }
    const refused = await client.next("error", (frame) => frame.code === "rate_limited");
    expect(refused.clientId).toMatch(/^burst-message-1[01]$/);
    await client.close();
  });

  it("answers a malformed frame with what is wrong, and closes on an oversized one", async () => {
    const { client } = await visitor();
    client.send({ type: "message", clientId: "bad", body: "hi" });
    expect((await client.next("error")).message).toMatch(/clientId/);
    client.send({ type: "message", clientId: "too-long-message", body: "x".repeat(5_001) });
    expect((await client.next("error")).message).toMatch(/at most 5000 characters/);
    client.send("not json");
    expect((await client.next("error")).message).toMatch(/JSON/);
    client.send({ type: "message", clientId: "giant-message", body: "x".repeat(20_000) });
    expect((await client.closed).code).toBe(1009);
  });

  it("closes the socket for an unknown workspace", async () => {
    const client = await connectSocket(`${base}/widget/socket?workspace=nowhere`);
    expect((await client.closed).code).toBe(1008);
  });
});

describe("the agents' live connection", () => {
  it("refuses a connection without a valid token", async () => {
    await expect(connectSocket(`${base}/api/v1/live`)).rejects.toThrow(/401/);
    await expect(connectSocket(`${base}/api/v1/live?access_token=wrong`)).rejects.toThrow(/401/);
  });

  it("accepts the token as a query parameter (browsers cannot set headers on a WebSocket)", async () => {
    const live = await connectSocket(`${base}/api/v1/live?access_token=${agentToken}`);
    expect(await live.next("ready")).toMatchObject({ workspaceId: desk.workspaceId });
    await live.close();
  });

  it("only tells an agent about their own workspace", async () => {
    await desk.addWorkspace("other");
    const otherToken = await desk.issueToken("agent", { workspaceId: "other" });
    const outsider = await connectSocket(`${base}/api/v1/live`, { authorization: `Bearer ${otherToken}` });
    await outsider.next("ready");
    const insider = await agentLive();
    const { client } = await visitor();
    client.send({ type: "message", clientId: "isolation-message", body: "hello" });
    await insider.next("ticket.created");
    await client.close();
    await insider.close();
    expect(outsider.frames.map((frame) => frame.type)).toEqual(["ready"]);
    await outsider.close();
  });
});

describe("GET /widget.js", () => {
  it("serves the widget script", async () => {
    const response = await app.inject({ method: "GET", url: "/widget.js" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/javascript/);
    expect(response.body).toContain("/widget/socket");
  });
});

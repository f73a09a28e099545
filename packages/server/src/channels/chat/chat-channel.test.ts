import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, OutboundMessage } from "../../core/channels/channel.ts";
import { receiveMessage } from "../../core/channels/receive-message.ts";
import { createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import { createChatService } from "./chat-service.ts";
import { isValidUserSignature, signUserId } from "./identity.ts";
import { createRateLimiter } from "./rate-limit.ts";

describe("sending a reply on the chat channel", () => {
  let desk: TestDesk;
  const emailed: OutboundMessage[] = [];
  const email: Channel = {
    channel: "email",
    provider: "smtp",
    async send(message) {
      emailed.push(message);
      return { status: "sent", externalId: message.externalId };
    },
  };

  beforeAll(async () => {
    desk = await createTestDesk();
  });
  afterAll(async () => {
    await desk.close();
  });

  const service = () =>
    createChatService(
      {
        conversations: desk.widgets,
        clock: desk.clock,
        receive: (workspaceId, message) => receiveMessage({ workspaceId, message }, desk),
      },
      { emailFallback: () => email },
    );

  async function conversationWith(chat: ReturnType<typeof service>, visitorId: string) {
    const frames: Record<string, unknown>[] = [];
    const session = chat.openVisitor(desk.workspaceId, {
      send: (text) => frames.push(JSON.parse(text)),
      close: () => {},
    });
    await session.receive(JSON.stringify({ type: "hello", visitorId }));
    await session.receive(JSON.stringify({ type: "message", clientId: `${visitorId}-1`, body: "Hello?" }));
    const ack = frames.find((frame) => frame.type === "ack") as { conversationId: string };
    const conversation = await desk.widgets.conversation(desk.workspaceId, ack.conversationId);
    return { session, frames, ticketId: conversation?.ticketIds[0] ?? "" };
  }

  const outbound = (ticketId: string, body: string): OutboundMessage => ({
    workspaceId: desk.workspaceId,
    ticketId,
    messageId: `msg-${body.length}-${Math.random().toString(36).slice(2)}`,
    to: {},
    subject: null,
    body,
    externalId: `responder-${body.length}`,
    threadIds: [],
    attributes: null,
  });

  it("pushes the reply to the visitor's open widget and not by email", async () => {
    const chat = service();
    const { session, frames, ticketId } = await conversationWith(chat, "visitor-open-widget-1");
    expect(await chat.channel("chat").send(outbound(ticketId, "Here you go"))).toMatchObject({ status: "sent" });
    expect(frames.at(-1)).toMatchObject({ type: "message", message: { from: "agent", body: "Here you go" } });
    expect(emailed).toHaveLength(0);
    session.close();
  });

  it("shows a reply of several paragraphs as several plain-text bubbles", async () => {
    const chat = service();
    const { session, frames, ticketId } = await conversationWith(chat, "visitor-long-reply-1");
    const reply = outbound(ticketId, "Hi **Ada**,\n\nyour refund went out today.");
    await chat.channel("chat").send(reply);
    const bubbles = frames.filter((frame) => frame.type === "message").map((frame) => frame.message);
    expect(bubbles).toEqual([
      expect.objectContaining({ id: `${reply.messageId}#1`, body: "Hi Ada," }),
      expect.objectContaining({ id: `${reply.messageId}#2`, body: "your refund went out today." }),
    ]);
    session.close();
  });

  it("emails the reply when the visitor left and gave an email address (the offline fallback)", async () => {
    const chat = service();
    const { session, ticketId } = await conversationWith(chat, "visitor-gone-away-1");
    await session.receive(JSON.stringify({ type: "email", email: "away@example.test" }));
    session.close();
    expect(await chat.channel("chat").send(outbound(ticketId, "Answer by email"))).toMatchObject({ status: "sent" });
    expect(emailed.at(-1)).toMatchObject({ body: "Answer by email", to: { email: "away@example.test" } });
  });

  it("keeps the reply for the visitor's return when there is no address to email", async () => {
    const chat = service();
    const { session, ticketId } = await conversationWith(chat, "visitor-no-address-1");
    session.close();
    const before = emailed.length;
    expect(await chat.channel("chat").send(outbound(ticketId, "See you later"))).toMatchObject({ status: "sent" });
    expect(emailed).toHaveLength(before);
  });

  it("gives the email to the ticket's customer only when no other customer has it", async () => {
    const chat = service();
    const owner = await desk.customers.resolve(desk.workspaceId, { email: "taken@example.test", name: "Owner" });
    const { session, ticketId } = await conversationWith(chat, "visitor-claims-email-1");
    await session.receive(JSON.stringify({ type: "email", email: "taken@example.test" }));
    const ticket = await desk.tickets.get(desk.workspaceId, ticketId);
    expect(ticket?.customerId).not.toBe(owner.id);
    expect((await desk.customers.get(desk.workspaceId, ticket?.customerId ?? ""))?.email).toBeNull();
    session.close();
  });
});

describe("identity signatures", () => {
  it("accepts the HMAC-SHA256 of the user id under the workspace secret, and nothing else", () => {
    const signature = signUserId("secret-1", "user-42");
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(isValidUserSignature("secret-1", "user-42", signature)).toBe(true);
    expect(isValidUserSignature("secret-1", "user-42", signature.toUpperCase())).toBe(true);
    expect(isValidUserSignature("secret-2", "user-42", signature)).toBe(false);
    expect(isValidUserSignature("secret-1", "user-43", signature)).toBe(false);
    expect(isValidUserSignature("secret-1", "user-42", signature.slice(0, 63))).toBe(false);
    expect(isValidUserSignature("secret-1", "user-42", "")).toBe(false);
  });
});

describe("the rate limiter", () => {
  it("lets a burst through, then one per refill period, per key", () => {
    const limiter = createRateLimiter({ burst: 3, refillMs: 1_000 });
    const taken = [0, 0, 0, 0].map(() => limiter.take("visitor-a", 0));
    expect(taken).toEqual([true, true, true, false]);
    expect(limiter.take("visitor-b", 0)).toBe(true);
    expect(limiter.take("visitor-a", 999)).toBe(false);
    expect(limiter.take("visitor-a", 1_000)).toBe(true);
    expect(limiter.take("visitor-a", 1_000)).toBe(false);
  });
});

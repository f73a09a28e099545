import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundMessage } from "../core/channels/channel.ts";
import { receiveMessage } from "../core/channels/receive-message.ts";
import { updateTicket } from "../core/tickets/ticket-use-cases.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import * as schema from "./schema.ts";

let desk: TestDesk;
let counter = 0;

beforeAll(async () => {
  desk = await createTestDesk();
});

afterAll(async () => {
  await desk?.close();
});

function mail(overrides: Partial<InboundMessage> = {}): InboundMessage {
  counter += 1;
  return {
    channel: "email",
    provider: "smtp",
    externalId: `append-${counter}@mail.example.test`,
    threadIds: [],
    from: { email: `append-${counter}@example.test` },
    subject: "Export fails",
    body: `Message ${counter}`,
    at: desk.clock.now(),
    ...overrides,
  };
}

const receive = (message: InboundMessage) => receiveMessage({ workspaceId: desk.workspaceId, message }, desk);

const lastNotification = async (ticketId: string) => {
  const [row] = await desk.database.db
    .select()
    .from(schema.notifications)
    .where(and(eq(schema.notifications.workspaceId, desk.workspaceId), eq(schema.notifications.ticketId, ticketId)))
    .orderBy(desc(schema.notifications.id))
    .limit(1);
  return row;
};

describe("the message appender", () => {
  it("finds the ticket of a stored message id, with its current state, and nothing for an unknown id", async () => {
    const first = await receive(mail());
    const found = await desk.messageAppender.ticketsOf(desk.workspaceId, [`append-${counter}@mail.example.test`]);
    expect(found).toEqual([
      { externalId: `append-${counter}@mail.example.test`, ticket: expect.objectContaining({ id: first.ticketId }) },
    ]);
    expect(found[0]?.ticket.version).toBe((await desk.tickets.get(desk.workspaceId, first.ticketId))?.version);
    expect(await desk.messageAppender.ticketsOf(desk.workspaceId, ["nobody@mail.example.test"])).toEqual([]);
  });

  it("adds a reply that changes nothing else as the ticket's next message, with the same notification as a locked change", async () => {
    const opener = mail();
    const first = await receive(opener);
    const before = await desk.tickets.get(desk.workspaceId, first.ticketId);
    const reply = await receive(mail({ from: opener.from, threadIds: [opener.externalId], body: "Any news?" }));

    expect(reply).toMatchObject({ ticketId: first.ticketId, openedTicket: false, duplicate: false });
    const after = await desk.tickets.get(desk.workspaceId, first.ticketId);
    expect(after?.messages.map((message) => [message.id, message.body])).toEqual([
      [first.messageId, `Message ${counter - 1}`],
      [reply.messageId, "Any news?"],
    ]);
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    expect(after?.status).toBe(before?.status);
    expect((await lastNotification(first.ticketId))?.payload).toEqual({
      ticketId: first.ticketId,
      fields: [],
      events: [],
      message: { id: reply.messageId, author: "customer", public: true },
    });
  });

  it("writes nothing when the ticket changed since it was read, so the caller takes the locking path", async () => {
    const first = await receive(mail());
    const [found] = await desk.messageAppender.ticketsOf(desk.workspaceId, [`append-${counter}@mail.example.test`]);
    if (!found) throw new Error("the ticket was not found");
    await updateTicket(
      { workspaceId: desk.workspaceId, ticketId: first.ticketId, patch: { priority: "high" }, actor: "agent:a" },
      desk,
    );
    const appended = await desk.messageAppender.append(
      desk.workspaceId,
      found.ticket,
      { author: "customer", public: true, body: "too late" },
      desk.clock.now(),
    );
    expect(appended).toBeNull();
    const ticket = await desk.tickets.get(desk.workspaceId, first.ticketId);
    expect(ticket?.messages.map((message) => message.body)).not.toContain("too late");
  });

  it("leaves a reply that changes the ticket's status to the lifecycle's locked path", async () => {
    const opener = mail();
    const first = await receive(opener);
    await updateTicket(
      { workspaceId: desk.workspaceId, ticketId: first.ticketId, patch: { status: "pending" }, actor: "agent:a" },
      desk,
    );
    await receive(mail({ from: opener.from, threadIds: [opener.externalId], body: "Here is the file." }));
    const ticket = await desk.tickets.get(desk.workspaceId, first.ticketId);
    expect(ticket?.status).toBe("open");
    expect(ticket?.events.at(-1)).toMatchObject({ type: "status_changed", from: "pending", to: "open" });
  });
});

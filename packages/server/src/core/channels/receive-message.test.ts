import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import { addMessage } from "../tickets/ticket-use-cases.ts";
import type { InboundMessage } from "./channel.ts";
import { receiveMessage } from "./receive-message.ts";

let desk: TestDesk;
let counter = 0;

beforeEach(async () => {
  desk = await createTestDesk();
});

afterEach(async () => {
  await desk.close();
});

function inbound(overrides: Partial<InboundMessage> = {}): InboundMessage {
  counter += 1;
  return {
    channel: "email",
    provider: "smtp",
    externalId: `message-${counter}@mail.example.test`,
    threadIds: [],
    from: { email: "ada@example.test", name: "Ada" },
    subject: "Printer on fire",
    body: "It is on fire.",
    at: desk.clock.now(),
    ...overrides,
  };
}

const receive = (message: InboundMessage, limit?: number) =>
  receiveMessage({ workspaceId: desk.workspaceId, message }, { ...desk, attachmentLimitBytes: limit });

describe("receiveMessage", () => {
  it("opens a ticket for a new sender, remembering the provider on the ticket", async () => {
    const received = await receive(inbound());
    expect(received).toMatchObject({ openedTicket: true, duplicate: false });

    const ticket = await desk.tickets.get(desk.workspaceId, received.ticketId);
    expect(ticket).toMatchObject({ channel: "email", subject: "Printer on fire", attributes: { provider: "smtp" } });
    expect(ticket?.messages[0]).toMatchObject({ id: received.messageId, author: "customer", public: true });
    const customer = await desk.customers.get(desk.workspaceId, ticket?.customerId ?? "");
    expect(customer).toMatchObject({ email: "ada@example.test", name: "Ada" });
  });

  it("returns the stored message for an id it already has, writing nothing", async () => {
    const message = inbound();
    const first = await receive(message);
    const again = await receive({ ...message, body: "a different body" });

    expect(again).toEqual({ ...first, openedTicket: false, duplicate: true });
    const ticket = await desk.tickets.get(desk.workspaceId, first.ticketId);
    expect(ticket?.messages.map((stored) => stored.body)).toEqual(["It is on fire."]);
  });

  it("makes one ticket and one message of the same message delivered several times at once", async () => {
    const message = inbound();
    const results = await Promise.all([1, 2, 3, 4].map(() => receive(message)));

    expect(new Set(results.map((result) => result.messageId)).size).toBe(1);
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    const tickets = await desk.tickets.list(desk.workspaceId, {}, { limit: 10 });
    expect(tickets.items).toHaveLength(1);
  });

  it("makes one customer of a new sender whose first messages arrive at once", async () => {
    const sender = { email: "Grace@Example.test", name: "Grace" };
    const results = await Promise.all([1, 2, 3, 4].map(() => receive(inbound({ from: sender }))));

    expect(results.every((result) => result.openedTicket && !result.duplicate)).toBe(true);
    const owners = await Promise.all(
      results.map(async (result) => (await desk.tickets.get(desk.workspaceId, result.ticketId))?.customerId),
    );
    expect(new Set(owners).size).toBe(1);
    const customers = await desk.customers.list(desk.workspaceId, { search: "grace", limit: 10 });
    expect(customers.items.map((customer) => customer.email)).toEqual(["Grace@Example.test"]);
  });

  it("threads a reply by the newest id it answers that the desk knows", async () => {
    const first = inbound();
    const opened = await receive(first);
    const reply = await receive(inbound({ threadIds: ["unknown@elsewhere", first.externalId], subject: "Re: x" }));

    expect(reply).toMatchObject({ ticketId: opened.ticketId, openedTicket: false });
    const ticket = await desk.tickets.get(desk.workspaceId, opened.ticketId);
    expect(ticket?.messages).toHaveLength(2);
  });

  it("threads by a ticket reference only when the sender is that ticket's customer", async () => {
    const opened = await receive(inbound());

    const own = await receive(inbound({ ticketReference: opened.ticketId }));
    expect(own.ticketId).toBe(opened.ticketId);

    const stranger = await receive(inbound({ ticketReference: opened.ticketId, from: { email: "eve@example.test" } }));
    expect(stranger).toMatchObject({ openedTicket: true });
    expect(stranger.ticketId).not.toBe(opened.ticketId);
  });

  it("never threads by the subject alone", async () => {
    const opened = await receive(inbound({ subject: "Same subject" }));
    const other = await receive(inbound({ subject: "Same subject" }));
    expect(other.ticketId).not.toBe(opened.ticketId);
    expect(other.openedTicket).toBe(true);
  });

  it("opens a linked follow-up when the customer writes to a closed ticket", async () => {
    const first = inbound();
    const opened = await receive(first);
    await desk.database.db.execute(
      // Closing needs the confirmation flow; the test only needs a closed ticket.
      sql`update tickets set status = 'closed' where id = ${opened.ticketId}`,
    );

    const later = await receive(inbound({ threadIds: [first.externalId] }));
    expect(later.openedTicket).toBe(true);
    expect(later.ticketId).not.toBe(opened.ticketId);
    const followUp = await desk.tickets.get(desk.workspaceId, later.ticketId);
    expect(followUp?.attributes).toMatchObject({ followUpOf: opened.ticketId });
  });

  it("finds one customer by a handle on a provider, and a new one for a new handle", async () => {
    const handle = { provider: "telegram", value: "4242" };
    const first = await receive(inbound({ channel: "social", provider: "telegram", from: { handle, name: "Tg" } }));
    const second = await receive(inbound({ channel: "social", provider: "telegram", from: { handle } }));
    const other = await receive(
      inbound({ channel: "social", provider: "telegram", from: { handle: { provider: "telegram", value: "7" } } }),
    );

    const customerOf = async (ticketId: string) => (await desk.tickets.get(desk.workspaceId, ticketId))?.customerId;
    expect(await customerOf(second.ticketId)).toBe(await customerOf(first.ticketId));
    expect(await customerOf(other.ticketId)).not.toBe(await customerOf(first.ticketId));
    const customer = await desk.customers.get(desk.workspaceId, (await customerOf(first.ticketId)) ?? "");
    expect(customer).toMatchObject({ name: "Tg", handles: { telegram: "4242" } });
  });

  it("marks a ticket opened by automatic mail", async () => {
    const received = await receive(inbound({ automatic: true }));
    const ticket = await desk.tickets.get(desk.workspaceId, received.ticketId);
    expect(ticket?.attributes).toMatchObject({ automatic: true });
  });

  it("stores a bounce report as an internal note on the ticket it concerns", async () => {
    const first = inbound();
    const opened = await receive(first);
    const bounce = await receive(
      inbound({ internalNote: true, threadIds: [first.externalId], from: { email: "mailer-daemon@example.test" } }),
    );
    expect(bounce.ticketId).toBe(opened.ticketId);
    const ticket = await desk.tickets.get(desk.workspaceId, opened.ticketId);
    expect(ticket?.messages.at(-1)).toMatchObject({ author: "system", public: false });
  });

  it("marks the delivery of a reply that bounced as failed, with the report as its error", async () => {
    const opened = await receive(inbound());
    const { ticket } = await addMessage(
      { workspaceId: desk.workspaceId, ticketId: opened.ticketId, author: "agent:a", public: true, body: "Hi" },
      desk,
    );
    const replyId = ticket.messages.at(-1)?.id ?? "";
    await desk.deliveries.create(
      {
        workspaceId: desk.workspaceId,
        messageId: replyId,
        ticketId: ticket.id,
        channel: "email",
        provider: "smtp",
        externalId: "our-reply@desk.example.test",
      },
      desk.clock.now(),
    );
    await desk.deliveries.finish(
      desk.workspaceId,
      replyId,
      { status: "sent", providerMessageId: null },
      desk.clock.now(),
    );

    await receive(
      inbound({
        internalNote: true,
        automatic: true,
        threadIds: ["our-reply@desk.example.test"],
        from: { email: "mailer-daemon@example.test" },
        body: "Delivery report: 550 user unknown",
      }),
    );
    expect(await desk.deliveries.get(desk.workspaceId, replyId)).toMatchObject({
      status: "failed",
      lastError: "Delivery report: 550 user unknown",
    });
  });

  it("keeps attachments once, and names the ones over the size limit in the message instead", async () => {
    const small = { filename: "note.txt", contentType: "text/plain", size: 5, content: Buffer.from("hello") };
    const large = {
      filename: "huge.bin",
      contentType: "application/octet-stream",
      size: 64,
      content: Buffer.alloc(64),
    };
    const message = inbound({ attachments: [small, large] });
    const received = await receive(message, 32);
    await receive(message, 32);

    const stored = await desk.attachments.listForTicket(desk.workspaceId, received.ticketId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ filename: "note.txt", size: 5, messageId: received.messageId });
    expect((await desk.attachments.content(desk.workspaceId, stored[0]?.id ?? ""))?.toString()).toBe("hello");
    const ticket = await desk.tickets.get(desk.workspaceId, received.ticketId);
    expect(ticket?.messages[0]?.body).toContain('"huge.bin"');
    expect(ticket?.messages[0]?.body).toContain("was not kept");
  });

  it("refuses a message without a sender or an id, saying what is missing", async () => {
    await expect(receive(inbound({ from: {} }))).rejects.toMatchObject({ code: "invalid_input" });
    await expect(receive(inbound({ externalId: "" }))).rejects.toThrow(/externalId/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMessage, openTicket } from "../core/tickets/ticket-use-cases.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;
const at = new Date("2026-03-02T10:00:00.000Z");

beforeAll(async () => {
  desk = await createTestDesk();
});

afterAll(async () => {
  await desk.close();
});

async function chatTicket(email: string) {
  return openTicket(
    {
      workspaceId: desk.workspaceId,
      customer: { email },
      channel: "chat",
      message: { author: "customer", body: "Hello" },
      actor: "customer",
    },
    desk,
  );
}

describe("the widget store", () => {
  it("makes the identity secret once and replaces it on rotation", async () => {
    const secret = await desk.widgets.identitySecret(desk.workspaceId);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(await desk.widgets.identitySecret(desk.workspaceId)).toBe(secret);
    const rotated = await desk.widgets.rotateIdentitySecret(desk.workspaceId, at);
    expect(rotated).not.toBe(secret);
    expect(await desk.widgets.identitySecret(desk.workspaceId)).toBe(rotated);
  });

  it("records each ticket of a conversation once and finds the conversation by any of them", async () => {
    const conversation = await desk.widgets.createConversation(desk.workspaceId, {
      visitorId: "visitor-store-0000001",
      userId: null,
      channel: "chat",
      at,
    });
    const first = await chatTicket("store-1@example.test");
    const followUp = await chatTicket("store-2@example.test");
    await desk.widgets.recordInbound(desk.workspaceId, conversation.id, { ticketId: first.id, externalId: "e1", at });
    await desk.widgets.recordInbound(desk.workspaceId, conversation.id, { ticketId: first.id, externalId: "e2", at });
    await desk.widgets.recordInbound(desk.workspaceId, conversation.id, {
      ticketId: followUp.id,
      externalId: "e3",
      at,
    });

    const stored = await desk.widgets.conversation(desk.workspaceId, conversation.id);
    expect(stored).toMatchObject({ ticketIds: [first.id, followUp.id], lastExternalId: "e3" });
    const found = await desk.widgets.conversationsOfTicket(desk.workspaceId, first.id);
    expect(found.map((each) => each.id)).toEqual([conversation.id]);
    expect(await desk.widgets.conversationsOfTicket(desk.workspaceId, "no-such-ticket")).toEqual([]);
  });

  it("lists a user's conversations newest first", async () => {
    const older = await desk.widgets.createConversation(desk.workspaceId, {
      visitorId: "visitor-store-0000002",
      userId: "user-store-1",
      channel: "in_app",
      at,
    });
    const newer = await desk.widgets.createConversation(desk.workspaceId, {
      visitorId: "visitor-store-0000003",
      userId: "user-store-1",
      channel: "in_app",
      at: new Date(at.getTime() + 60_000),
    });
    const listed = await desk.widgets.conversationsOfUser(desk.workspaceId, "user-store-1", 10);
    expect(listed.map((each) => each.id)).toEqual([newer.id, older.id]);
    expect(await desk.widgets.conversationsOfUser(desk.workspaceId, "user-store-other", 10)).toEqual([]);
  });

  it("gives the widget the newest public messages, oldest first, and never an internal note", async () => {
    const ticket = await chatTicket("store-3@example.test");
    for (const [index, isPublic] of [true, false, true, true].entries()) {
      desk.clock.advance(1_000);
      await addMessage(
        {
          workspaceId: desk.workspaceId,
          ticketId: ticket.id,
          author: "agent:x",
          public: isPublic,
          body: `reply ${index}`,
        },
        desk,
      );
    }
    const messages = await desk.widgets.publicMessages(desk.workspaceId, [ticket.id], 3);
    expect(messages.map((message) => message.body)).toEqual(["reply 0", "reply 2", "reply 3"]);
  });

  it("adds a left email to the ticket's customer only when nobody else has it", async () => {
    const owner = await desk.customers.resolve(desk.workspaceId, { email: "owner@example.test" });
    const ticket = await desk.tickets.create(
      desk.workspaceId,
      {
        customerId: (
          await desk.channelDirectory.customerByHandle(
            desk.workspaceId,
            { provider: "widget", value: "v-1" },
            undefined,
          )
        ).id,
        channel: "chat",
        subject: null,
        priority: null,
        tags: [],
        topic: null,
        assigneeId: null,
        teamId: null,
        knownIssueId: null,
        attributes: null,
        message: { author: "customer", public: true, body: "hi" },
      },
      "customer",
      at,
    );
    await desk.widgets.addCustomerEmail(desk.workspaceId, ticket.id, "owner@example.test");
    expect((await desk.customers.get(desk.workspaceId, ticket.customerId))?.email).toBeNull();
    expect((await desk.customers.resolve(desk.workspaceId, { email: "owner@example.test" })).id).toBe(owner.id);

    await desk.widgets.addCustomerEmail(desk.workspaceId, ticket.id, "New.Visitor@Example.test");
    expect((await desk.customers.get(desk.workspaceId, ticket.customerId))?.email).toBe("new.visitor@example.test");
    expect((await desk.customers.resolve(desk.workspaceId, { email: "new.visitor@example.test" })).id).toBe(
      ticket.customerId,
    );
  });

  it("finds an app user's customer as the channel core does, making it once", async () => {
    const made = await desk.widgets.customerOfAppUser(desk.workspaceId, "User-App-9", "Ada");
    expect(await desk.widgets.customerOfAppUser(desk.workspaceId, "User-App-9", "Ada")).toBe(made);
    const viaChannelCore = await desk.channelDirectory.customerByHandle(
      desk.workspaceId,
      { provider: "app", value: "User-App-9" },
      undefined,
    );
    expect(viaChannelCore.id).toBe(made);
  });

  it("reads the outbox after an id without consuming it", async () => {
    const before = await desk.widgets.latestNotificationId();
    const ticket = await chatTicket("store-4@example.test");
    const rows = await desk.widgets.notificationsAfter(before, 10);
    // The visitor is a new customer, announced first.
    expect(rows.map((row) => [row.kind, row.ticketId])).toEqual([
      ["customer.created", null],
      ["ticket.created", ticket.id],
    ]);
    expect(await desk.widgets.notificationsAfter(before, 10)).toHaveLength(2);
    expect(await desk.widgets.latestNotificationId()).toBe(rows[1]?.id);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { receiveMessage } from "../core/channels/receive-message.ts";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;

beforeEach(async () => {
  desk = await createTestDesk();
});

afterEach(async () => {
  await desk.close();
});

const receive = (externalId: string, threadIds: string[] = []) =>
  receiveMessage(
    {
      workspaceId: desk.workspaceId,
      message: {
        channel: "email",
        provider: "smtp",
        externalId,
        threadIds,
        from: { email: "ada@example.test" },
        subject: "Hello",
        body: `body of ${externalId}`,
        at: desk.clock.now(),
      },
    },
    desk,
  );

describe("message external ids", () => {
  it("travel through a snapshot: export writes them, import reads them back, export again is identical", async () => {
    const opened = await receive("first@mail.example.test");
    await receive("second@mail.example.test", ["first@mail.example.test"]);

    const exported = await desk.snapshots.exportSnapshot(desk.workspaceId);
    const ticket = exported.tickets.find((candidate) => candidate.id === opened.ticketId);
    expect(ticket?.messages.map((message) => message.externalId)).toEqual([
      "first@mail.example.test",
      "second@mail.example.test",
    ]);
    expect(ticket?.messages[0]).not.toHaveProperty("extra");

    const other = await createTestDesk();
    try {
      await other.snapshots.importSnapshot(other.workspaceId, parseSnapshot(JSON.parse(JSON.stringify(exported))));
      const again = await other.snapshots.exportSnapshot(other.workspaceId);
      expect(again.tickets).toEqual(exported.tickets);
      expect(await other.channelDirectory.byExternalId(other.workspaceId, "second@mail.example.test")).toMatchObject({
        ticketId: opened.ticketId,
      });
    } finally {
      await other.close();
    }
  });

  it("find the tickets of stored messages and of the ids providers gave our replies, in one call", async () => {
    const opened = await receive("question@mail.example.test");
    const ticket = await desk.tickets.get(desk.workspaceId, opened.ticketId);
    const created = await desk.deliveries.create(
      {
        workspaceId: desk.workspaceId,
        messageId: opened.messageId,
        ticketId: opened.ticketId,
        channel: "email",
        provider: "smtp",
        externalId: "ignored-because-the-message-has-one",
      },
      desk.clock.now(),
    );
    await desk.deliveries.finish(
      desk.workspaceId,
      opened.messageId,
      { status: "sent", providerMessageId: "wamid.provider-1" },
      desk.clock.now(),
    );

    const found = await desk.channelDirectory.ticketsOf(desk.workspaceId, [
      "question@mail.example.test",
      "wamid.provider-1",
      "nobody@example.test",
    ]);
    expect(found).toEqual(
      expect.arrayContaining([
        { externalId: "question@mail.example.test", ticketId: ticket?.id },
        { externalId: "wamid.provider-1", ticketId: ticket?.id },
      ]),
    );
    expect(found).toHaveLength(2);
    expect(created?.status).toBe("pending");
    // A message that already has an id keeps it.
    expect(await desk.channelDirectory.conversationIds(desk.workspaceId, opened.ticketId)).toEqual([
      "question@mail.example.test",
    ]);
  });

  it("are unique in a workspace but not across workspaces", async () => {
    await desk.addWorkspace("second");
    await receive("same@mail.example.test");
    const elsewhere = await receiveMessage(
      {
        workspaceId: "second",
        message: {
          channel: "email",
          provider: "smtp",
          externalId: "same@mail.example.test",
          threadIds: [],
          from: { email: "ada@example.test" },
          body: "hello",
          at: desk.clock.now(),
        },
      },
      desk,
    );
    expect(elsewhere).toMatchObject({ duplicate: false, openedTicket: true });
  });
});

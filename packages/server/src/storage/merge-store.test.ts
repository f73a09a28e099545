import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundMessage } from "../core/channels/channel.ts";
import { receiveMessage } from "../core/channels/receive-message.ts";
import { DeskError } from "../core/errors.ts";
import { planCustomerMerge, planTicketMerge } from "../core/merge/merge.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import * as schema from "./schema.ts";

let desk: TestDesk;
let counter = 0;

beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(() => desk.close());

async function receive(email: string, body: string, extra: Partial<InboundMessage> = {}) {
  counter += 1;
  const message: InboundMessage = {
    channel: "email",
    provider: "smtp",
    externalId: `store-${counter}@mail.example.test`,
    threadIds: [],
    from: { email },
    body,
    at: desk.clock.now(),
    ...extra,
  };
  return {
    ...(await receiveMessage({ workspaceId: desk.workspaceId, message }, desk)),
    externalId: message.externalId,
  };
}

const decideTickets = (
  survivor: Parameters<typeof planTicketMerge>[0],
  merged: Parameters<typeof planTicketMerge>[1],
) => planTicketMerge(survivor, merged, { actor: "agent:test", at: desk.clock.now(), allowDifferentCustomers: false });

async function messageRows(ticketId: string) {
  return desk.database.db
    .select({ id: schema.messages.id, body: schema.messages.body, position: schema.messages.position })
    .from(schema.messages)
    .where(and(eq(schema.messages.workspaceId, desk.workspaceId), eq(schema.messages.ticketId, ticketId)))
    .orderBy(schema.messages.position);
}

describe("merge store: tickets", () => {
  it("renumbers positions by time, the survivor's first at the same instant, and re-points what hangs off the messages", async () => {
    const email = "amal@example.test";
    // The merged ticket is the older row, so only the survivor-first rule puts the survivor's message first.
    const merged = await receive(email, "merged at t0", {
      attachments: [{ filename: "log.txt", contentType: "text/plain", size: 5, content: Buffer.from("hello") }],
    });
    const survivor = await receive(email, "survivor at t0");
    desk.clock.advance(60_000);
    await receive(email, "merged at t1", { threadIds: [merged.externalId] });
    desk.clock.advance(60_000);
    await receive(email, "survivor at t2", { threadIds: [survivor.externalId] });
    await desk.deliveries.create(
      {
        workspaceId: desk.workspaceId,
        messageId: merged.messageId,
        ticketId: merged.ticketId,
        channel: "email",
        provider: "smtp",
        externalId: "reply-out@mail.example.test",
      },
      desk.clock.now(),
    );
    await desk.followUps.create(
      desk.workspaceId,
      {
        ticketId: merged.ticketId,
        ownerId: null,
        dueAt: new Date(desk.clock.now().getTime() + 86_400_000),
        promise: "Check the log",
        sourceMessageId: null,
        createdBy: "agent:test",
      },
      desk.clock.now(),
    );
    await desk.database.db.insert(schema.widgetConversations).values({
      workspaceId: desk.workspaceId,
      id: "conversation-amal",
      visitorId: "visitor-amal",
      channel: "chat",
      ticketIds: [merged.ticketId],
      createdAt: desk.clock.now(),
      updatedAt: desk.clock.now(),
    });
    const before = await desk.tickets.get(desk.workspaceId, survivor.ticketId);

    const result = await desk.merges.mergeTickets(
      desk.workspaceId,
      { survivorId: survivor.ticketId, mergedId: merged.ticketId },
      decideTickets,
    );
    expect(result.movedMessages).toBe(2);

    const rows = await messageRows(survivor.ticketId);
    expect(rows.map((row) => [row.position, row.body])).toEqual([
      [0, "survivor at t0"],
      [1, "merged at t0"],
      [2, "merged at t1"],
      [3, "survivor at t2"],
    ]);
    expect(
      (await desk.attachments.listForTicket(desk.workspaceId, survivor.ticketId)).map((file) => file.filename),
    ).toEqual(["log.txt"]);
    expect(await desk.attachments.listForTicket(desk.workspaceId, merged.ticketId)).toEqual([]);
    expect((await desk.deliveries.get(desk.workspaceId, merged.messageId))?.ticketId).toBe(survivor.ticketId);
    expect((await desk.followUps.list(desk.workspaceId, survivor.ticketId)).map((item) => item.promise)).toEqual([
      "Check the log",
    ]);
    const [conversation] = await desk.database.db
      .select({ ticketIds: schema.widgetConversations.ticketIds })
      .from(schema.widgetConversations)
      .where(eq(schema.widgetConversations.id, "conversation-amal"));
    expect(conversation?.ticketIds).toEqual([survivor.ticketId]);

    const after = await desk.tickets.get(desk.workspaceId, survivor.ticketId);
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    const closed = await desk.tickets.get(desk.workspaceId, merged.ticketId);
    expect(closed?.status).toBe("closed");
    expect((await messageRows(merged.ticketId)).map((row) => row.position)).toEqual([0]);
  });

  it("writes nothing when the plan refuses the merge", async () => {
    const first = await receive("bela@example.test", "first");
    const second = await receive("bela@example.test", "second");
    const refusal = desk.merges.mergeTickets(
      desk.workspaceId,
      { survivorId: first.ticketId, mergedId: second.ticketId },
      () => {
        throw new DeskError("invalid_input", "no");
      },
    );
    await expect(refusal).rejects.toMatchObject({ code: "invalid_input" });
    expect((await messageRows(second.ticketId)).map((row) => row.body)).toEqual(["second"]);
    expect((await desk.tickets.get(desk.workspaceId, second.ticketId))?.status).toBe("new");
  });
});

describe("merge store: customers", () => {
  it("deletes the merged customer and leaves nothing pointing at it", async () => {
    const kept = await receive("cleo@example.test", "kept");
    const gone = await receive("cleo@other.example.test", "gone");
    const survivorId = (await desk.tickets.get(desk.workspaceId, kept.ticketId))?.customerId ?? "";
    const mergedId = (await desk.tickets.get(desk.workspaceId, gone.ticketId))?.customerId ?? "";

    const result = await desk.merges.mergeCustomers(desk.workspaceId, { survivorId, mergedId }, (survivor, merged) =>
      planCustomerMerge(survivor, merged, { actor: "agent:test", at: desk.clock.now() }),
    );
    expect(result).toMatchObject({ movedTicketIds: [gone.ticketId], movedIdentities: 1, movedAccountEvents: 0 });
    expect(await desk.customers.get(desk.workspaceId, mergedId)).toBeNull();
    const identities = await desk.database.db
      .select({ value: schema.customerIdentities.value })
      .from(schema.customerIdentities)
      .where(eq(schema.customerIdentities.customerId, survivorId));
    expect(identities.map((identity) => identity.value).sort()).toEqual([
      "cleo@example.test",
      "cleo@other.example.test",
    ]);
  });

  it("answers not_found for a customer the workspace does not have", async () => {
    const kept = await receive("dora@example.test", "kept");
    const survivorId = (await desk.tickets.get(desk.workspaceId, kept.ticketId))?.customerId ?? "";
    const merge = desk.merges.mergeCustomers(
      desk.workspaceId,
      { survivorId, mergedId: "cus_missing" },
      (survivor, merged) => planCustomerMerge(survivor, merged, { actor: "agent:test", at: desk.clock.now() }),
    );
    await expect(merge).rejects.toMatchObject({ code: "not_found" });
  });
});

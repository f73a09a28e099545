import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTicket } from "../core/tickets/ticket-use-cases.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import * as schema from "./schema.ts";

let desk: TestDesk;
let ticketId: string;
const at = new Date("2026-03-02T09:00:00.000Z");
const due = new Date("2026-03-03T09:00:00.000Z");

beforeEach(async () => {
  desk = await createTestDesk();
  const ticket = await openTicket(
    {
      workspaceId: desk.workspaceId,
      customer: { email: "ana@example.test" },
      channel: "email",
      message: { author: "customer", body: "Export fails" },
      actor: "customer",
    },
    desk,
  );
  ticketId = ticket.id;
});
afterEach(async () => {
  await desk.close();
});

const newFollowUp = (sourceMessageId: string | null) => ({
  ticketId,
  ownerId: "a1",
  dueAt: due,
  promise: "I'll follow up tomorrow.",
  sourceMessageId,
  createdBy: "agent:a1",
});

describe("the follow-up store", () => {
  it("keeps one follow-up per source message", async () => {
    const first = await desk.followUps.create(desk.workspaceId, newFollowUp("msg_1"), at);
    expect(first).toMatchObject({ status: "scheduled", dueAt: due, remindedAt: null, doneAt: null });
    expect(await desk.followUps.create(desk.workspaceId, newFollowUp("msg_1"), at)).toBeNull();
    expect(await desk.followUps.create(desk.workspaceId, newFollowUp(null), at)).not.toBeNull();
    expect(await desk.followUps.create(desk.workspaceId, newFollowUp(null), at)).not.toBeNull();
    expect(await desk.followUps.list(desk.workspaceId, ticketId)).toHaveLength(3);
  });

  it("reminds once, with a notification in the same transaction", async () => {
    const followUp = await desk.followUps.create(desk.workspaceId, newFollowUp(null), at);
    if (!followUp) throw new Error("not created");
    expect(await desk.followUps.markReminded(desk.workspaceId, followUp.id, due)).toMatchObject({ remindedAt: due });
    expect(await desk.followUps.markReminded(desk.workspaceId, followUp.id, due)).toBeNull();
    const notifications = await desk.database.db.select().from(schema.notifications);
    expect(notifications.filter((row) => row.kind === "follow_up.due")).toEqual([
      expect.objectContaining({
        ticketId,
        payload: expect.objectContaining({ followUpId: followUp.id, ownerId: "a1" }),
      }),
    ]);
  });

  it("marks a scheduled follow-up done once, and tells other workspaces nothing", async () => {
    const followUp = await desk.followUps.create(desk.workspaceId, newFollowUp(null), at);
    if (!followUp) throw new Error("not created");
    await desk.addWorkspace("other");
    expect(await desk.followUps.get("other", followUp.id)).toBeNull();
    expect(await desk.followUps.markDone("other", followUp.id, due)).toBeNull();
    expect(await desk.followUps.markDone(desk.workspaceId, followUp.id, due)).toMatchObject({
      status: "done",
      doneAt: due,
    });
    expect(await desk.followUps.markDone(desk.workspaceId, followUp.id, due)).toBeNull();
    expect(await desk.followUps.markReminded(desk.workspaceId, followUp.id, due)).toBeNull();
  });
});

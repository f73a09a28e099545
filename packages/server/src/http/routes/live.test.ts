import { afterEach, describe, expect, it } from "vitest";
import { createDesk } from "../../desk.ts";
import { openDatabase } from "../../storage/database.ts";
import * as schema from "../../storage/schema.ts";
import { createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import { testDatabaseKind } from "../../testing/test-database.ts";
import { createLiveFeed } from "./live.ts";

// So long that only the outbox signal can deliver a row while a test runs.
const pollNever = 60 * 60 * 1000;

type Frame = Record<string, unknown>;

function agentInbox(workspaceId: string) {
  const frames: Frame[] = [];
  const waiters: { match: (frame: Frame) => boolean; resolve: (frame: Frame) => void }[] = [];
  return {
    connection: {
      workspaceId,
      agentId: "agent-live",
      send(frame: Frame) {
        frames.push(frame);
        for (const waiter of [...waiters]) {
          if (!waiter.match(frame)) continue;
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(frame);
        }
      },
    },
    frames,
    next(match: (frame: Frame) => boolean): Promise<Frame> {
      const found = frames.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

async function addNotification(desk: TestDesk, kind: string, ticketId: string) {
  await desk.database.db
    .insert(schema.notifications)
    .values({ workspaceId: desk.workspaceId, kind, ticketId, payload: { ticketId } });
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe(`the live feed with the outbox signal (${testDatabaseKind()})`, () => {
  it("hands a committed outbox row to a connected agent without waiting for its poll", async () => {
    const desk = await createTestDesk();
    cleanups.push(() => desk.close());
    const feed = createLiveFeed({
      chat: desk.chat,
      outbox: desk.widgets,
      outboxSignal: desk.outboxSignal,
      access: desk.access,
      defaultWorkspaceId: desk.workspaceId,
      livePollMs: pollNever,
    });
    const agent = agentInbox(desk.workspaceId);
    desk.chat.hub.addAgent(agent.connection);
    await feed.start();
    cleanups.push(() => feed.stop());

    await addNotification(desk, "ticket.updated", "ticket-signal-1");
    await addNotification(desk, "ticket.updated", "ticket-signal-2");
    expect(await agent.next((frame) => frame.ticketId === "ticket-signal-2")).toMatchObject({
      type: "ticket.updated",
    });
    expect(agent.frames.map((frame) => frame.ticketId)).toEqual(["ticket-signal-1", "ticket-signal-2"]);
  });

  it("leaves out rows written before it started and those of another workspace", async () => {
    const desk = await createTestDesk();
    cleanups.push(() => desk.close());
    await desk.addWorkspace("elsewhere");
    await addNotification(desk, "ticket.created", "ticket-before-start");
    const feed = createLiveFeed({
      chat: desk.chat,
      outbox: desk.widgets,
      outboxSignal: desk.outboxSignal,
      access: desk.access,
      defaultWorkspaceId: desk.workspaceId,
      livePollMs: pollNever,
    });
    const agent = agentInbox(desk.workspaceId);
    desk.chat.hub.addAgent(agent.connection);
    await feed.start();
    cleanups.push(() => feed.stop());

    await desk.database.db
      .insert(schema.notifications)
      .values({ workspaceId: "elsewhere", kind: "ticket.created", ticketId: "ticket-elsewhere", payload: {} });
    await addNotification(desk, "ticket.created", "ticket-after-start");
    await agent.next((frame) => frame.ticketId === "ticket-after-start");
    expect(agent.frames.map((frame) => frame.ticketId)).toEqual(["ticket-after-start"]);
  });

  it.skipIf(testDatabaseKind() !== "postgres")(
    "wakes on a row another connection pool commits, as a second desk process would",
    async () => {
      const desk = await createTestDesk();
      cleanups.push(() => desk.close());
      const [current] = (
        (await desk.database.db.execute("select current_database() as name")) as unknown as {
          rows: { name: string }[];
        }
      ).rows;
      const url = new URL(process.env.DATABASE_URL ?? "");
      url.pathname = `/${encodeURIComponent(current?.name ?? "")}`;
      const other = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 2 });
      cleanups.push(() => other.close());
      const otherDesk = createDesk(other);

      const feed = createLiveFeed({
        chat: desk.chat,
        outbox: desk.widgets,
        outboxSignal: desk.outboxSignal,
        access: desk.access,
        defaultWorkspaceId: desk.workspaceId,
        livePollMs: pollNever,
      });
      const agent = agentInbox(desk.workspaceId);
      desk.chat.hub.addAgent(agent.connection);
      await feed.start();
      cleanups.push(() => feed.stop());

      await otherDesk.database.db
        .insert(schema.notifications)
        .values({ workspaceId: desk.workspaceId, kind: "ticket.created", ticketId: "ticket-other-pool", payload: {} });
      expect(await agent.next((frame) => frame.ticketId === "ticket-other-pool")).toMatchObject({
        type: "ticket.created",
      });
    },
  );
});

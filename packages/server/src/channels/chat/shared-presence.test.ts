import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../storage/database.ts";
import { createAgentPresenceStore } from "../../storage/shared-limits-store.ts";
import { createTestClock } from "../../testing/create-test-desk.ts";
import { createTestDatabase } from "../../testing/test-database.ts";
import { createChatHub, type VisitorConnection } from "./chat-hub.ts";
import type { ServerFrame } from "./protocol.ts";
import { createSharedPresence, presenceExpiryMs, presenceHeartbeatMs } from "./shared-presence.ts";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

/** One desk process's chat hub and shared presence over the common database. */
function deskProcess(processId: string, clock: ReturnType<typeof createTestClock>) {
  const store = createAgentPresenceStore(database.db);
  let presence: ReturnType<typeof createSharedPresence> | null = null;
  const hub = createChatHub({ onAgentsChanged: () => presence?.agentsChanged() });
  // Heartbeats are driven by hand here, so the timer never fires during the test.
  presence = createSharedPresence({ store, hub, clock }, { processId, heartbeatMs: 3_600_000 });
  return { hub, presence };
}

function visitorOf(workspaceId: string) {
  const frames: ServerFrame[] = [];
  const connection: VisitorConnection = {
    workspaceId,
    conversationId: () => null,
    ticketIds: () => [],
    deliver: (frame) => frames.push(frame),
    deliverMessage: () => {},
  };
  return { connection, frames };
}

const agent = (workspaceId: string) => ({ workspaceId, agentId: "agent-1", send: () => {} });

describe("agent presence shared by desk processes", () => {
  it("tells a visitor on one process about agents on another, and forgets a process that stopped beating", async () => {
    const clock = createTestClock("2026-03-02T09:00:00Z");
    const a = deskProcess("process-a", clock);
    const b = deskProcess("process-b", clock);
    const visitor = visitorOf("presence-ws");
    a.hub.addVisitor(visitor.connection);
    expect(await a.presence.agentsOnline("presence-ws")).toBe(false);

    b.hub.addAgent(agent("presence-ws"));
    await b.presence.settled();
    expect(await a.presence.agentsOnline("presence-ws")).toBe(true);
    await a.presence.refresh();
    expect(visitor.frames).toEqual([{ type: "presence", agentsOnline: true }]);

    // Within the expiry, a missed heartbeat changes nothing; past it, process b no longer counts.
    clock.advance(presenceHeartbeatMs * 2);
    await a.presence.refresh();
    expect(await a.presence.agentsOnline("presence-ws")).toBe(true);
    clock.advance(presenceExpiryMs);
    expect(await a.presence.agentsOnline("presence-ws")).toBe(false);
    await a.presence.refresh();
    expect(visitor.frames).toEqual([
      { type: "presence", agentsOnline: true },
      { type: "presence", agentsOnline: false },
    ]);
  });

  it("withdraws a process's agents as soon as the last one leaves, or the process closes", async () => {
    const clock = createTestClock("2026-03-02T10:00:00Z");
    const a = deskProcess("process-c", clock);
    const b = deskProcess("process-d", clock);
    const connection = agent("withdraw-ws");
    b.hub.addAgent(connection);
    await b.presence.settled();
    expect(await a.presence.agentsOnline("withdraw-ws")).toBe(true);
    b.hub.removeAgent(connection);
    await b.presence.settled();
    expect(await a.presence.agentsOnline("withdraw-ws")).toBe(false);

    b.hub.addAgent(connection);
    await b.presence.settled();
    expect(await a.presence.agentsOnline("withdraw-ws")).toBe(true);
    await b.presence.close();
    expect(await a.presence.agentsOnline("withdraw-ws")).toBe(false);
  });

  it("keeps a process's own agents out of what it reads from the others", async () => {
    const clock = createTestClock("2026-03-02T11:00:00Z");
    const a = deskProcess("process-e", clock);
    const visitor = visitorOf("own-ws");
    a.hub.addVisitor(visitor.connection);
    const connection = agent("own-ws");
    a.hub.addAgent(connection);
    await a.presence.settled();
    await a.presence.refresh();
    a.hub.removeAgent(connection);
    await a.presence.settled();
    await a.presence.refresh();
    expect(visitor.frames).toEqual([
      { type: "presence", agentsOnline: true },
      { type: "presence", agentsOnline: false },
    ]);
    await a.presence.close();
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Channel, OutboundMessage, SendResult } from "../core/channels/channel.ts";
import {
  type DeliveryPolicy,
  defaultDeliveryPolicy,
  deliverMessage,
  planDelivery,
  requeueStrandedDeliveries,
} from "../core/channels/deliver-message.ts";
import { receiveMessage } from "../core/channels/receive-message.ts";
import { addMessage } from "../core/tickets/ticket-use-cases.ts";
import { createDesk, type Desk, ensureDefaultWorkspace } from "../desk.ts";
import { createTestClock, type TestClock } from "../testing/create-test-desk.ts";
import { createTestDatabase } from "../testing/test-database.ts";

const workspaceId = "default";
const sweep = { idleMs: 60_000, limit: 100 };

let desk: Desk;
let clock: TestClock;
let sent: OutboundMessage[];
/** While set, a send waits for the test to release it, like a slow peer holding the socket. */
let gate: { opened: Promise<void>; open(): void } | null;
let sendsStarted: number;

function closedGate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

beforeEach(async () => {
  const database = await createTestDatabase();
  await ensureDefaultWorkspace(database);
  clock = createTestClock();
  sent = [];
  gate = null;
  sendsStarted = 0;
  const fake: Channel = {
    channel: "email",
    provider: "smtp",
    async send(message): Promise<SendResult> {
      sendsStarted += 1;
      if (gate) await gate.opened;
      sent.push(message);
      return { status: "sent", externalId: message.externalId };
    },
  };
  desk = createDesk(database, clock, { channels: [fake] });
});

afterEach(async () => {
  gate?.open();
  await desk.jobs.stop();
  await desk.database.close();
});

/** A customer's email and an agent's public reply to it, with the reply's delivery planned but no job run yet. */
async function plannedReply(body: string) {
  const received = await receiveMessage(
    {
      workspaceId,
      message: {
        channel: "email",
        provider: "smtp",
        externalId: `question-${body.length}@example.test`,
        threadIds: [],
        from: { email: "ada@example.test" },
        subject: "Help",
        body: "Help me",
        at: clock.now(),
      },
    },
    desk,
  );
  const { ticket } = await addMessage(
    { workspaceId, ticketId: received.ticketId, author: "agent:agent-1", public: true, body },
    desk,
  );
  const replyId = ticket.messages.at(-1)?.id ?? "";
  // Planned without its job, as if the worker that took the job is the one that died.
  const withoutJobs = { ...desk, jobs: { ...desk.jobs, schedule: async () => null } };
  await planDelivery({ workspaceId, ticketId: ticket.id, messageId: replyId }, withoutJobs);
  return { ticketId: ticket.id, replyId };
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("a delivery's sending lease", () => {
  it("lets no second worker send a reply while the first is still waiting for the provider", async () => {
    const { replyId } = await plannedReply("Only once, please");
    gate = closedGate();
    const first = deliverMessage({ workspaceId, messageId: replyId }, desk);
    await until(async () => sendsStarted === 1);

    const second = await deliverMessage({ workspaceId, messageId: replyId }, desk);
    expect(second).toMatchObject({ status: "sending", attempts: 1 });
    gate.open();
    expect(await first).toMatchObject({ status: "sent", attempts: 1, leaseOwner: null });

    expect(await deliverMessage({ workspaceId, messageId: replyId }, desk)).toMatchObject({ status: "sent" });
    expect(sendsStarted).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it("sends once when two workers attempt the same reply at the same moment", async () => {
    const { replyId } = await plannedReply("Two workers");
    const results = await Promise.all([
      deliverMessage({ workspaceId, messageId: replyId }, desk),
      deliverMessage({ workspaceId, messageId: replyId }, desk),
    ]);
    expect(sent).toHaveLength(1);
    expect(results.map((delivery) => delivery?.attempts)).toEqual([1, 1]);
    expect(await desk.deliveries.get(workspaceId, replyId)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("renews the lease of a slow send, so no other worker takes it past the first expiry", async () => {
    const { replyId } = await plannedReply("Slow peer");
    const policy: DeliveryPolicy = { ...defaultDeliveryPolicy, heartbeatMs: 5, sendTimeoutMs: 60_000 };
    gate = closedGate();
    const first = deliverMessage({ workspaceId, messageId: replyId }, desk, policy);
    await until(async () => sendsStarted === 1);
    const claimed = await desk.deliveries.get(workspaceId, replyId);
    const firstExpiry = claimed?.leaseUntil?.getTime() ?? 0;
    expect(firstExpiry).toBe(clock.now().getTime() + policy.leaseMs);

    clock.advance(policy.leaseMs - 5_000);
    await until(
      async () => ((await desk.deliveries.get(workspaceId, replyId))?.leaseUntil?.getTime() ?? 0) > firstExpiry,
    );
    clock.advance(10_000);
    expect(await deliverMessage({ workspaceId, messageId: replyId }, desk, policy)).toMatchObject({
      status: "sending",
      leaseOwner: claimed?.leaseOwner,
    });
    expect(
      await desk.deliveries.claim(workspaceId, replyId, { owner: "other", at: clock.now(), until: clock.now() }),
    ).toBeNull();

    gate.open();
    expect(await first).toMatchObject({ status: "sent", attempts: 1 });
    expect(sent).toHaveLength(1);
  });

  it("delivers a reply claimed by a worker that died, once the lease runs out, and refuses the dead worker's outcome", async () => {
    const { replyId } = await plannedReply("After the crash");
    const leaseMs = defaultDeliveryPolicy.leaseMs;
    await desk.deliveries.claim(workspaceId, replyId, {
      owner: "dead-worker",
      at: clock.now(),
      until: new Date(clock.now().getTime() + leaseMs),
    });

    await desk.jobs.runDueJobs();
    clock.advance(leaseMs - 1_000);
    expect(await requeueStrandedDeliveries(sweep, desk)).toBe(0);
    await desk.jobs.runDueJobs();
    expect(sent).toHaveLength(0);

    clock.advance(1_000);
    expect(await requeueStrandedDeliveries(sweep, desk)).toBe(1);
    expect(await requeueStrandedDeliveries(sweep, desk)).toBe(1);
    await desk.jobs.runDueJobs();
    expect(sent).toHaveLength(1);
    expect(await desk.deliveries.get(workspaceId, replyId)).toMatchObject({ status: "sent", attempts: 2 });

    const late = await desk.deliveries.complete(
      workspaceId,
      replyId,
      "dead-worker",
      { status: "failed", error: "the dead worker's view" },
      clock.now(),
    );
    expect(late).toBeNull();
    expect(await desk.deliveries.get(workspaceId, replyId)).toMatchObject({ status: "sent" });
    await desk.jobs.runDueJobs();
    expect(sent).toHaveLength(1);
  });

  it("sends a reply whose job was lost (still pending) once it has been idle past the grace time", async () => {
    const { replyId } = await plannedReply("Lost job");
    await desk.jobs.runDueJobs();
    expect(sent).toHaveLength(0);

    clock.advance(sweep.idleMs);
    expect(await requeueStrandedDeliveries(sweep, desk)).toBe(1);
    await desk.jobs.runDueJobs();
    expect(sent.map((message) => message.messageId)).toEqual([replyId]);
    expect(await requeueStrandedDeliveries(sweep, desk)).toBe(0);
  });

  it("gives up on a provider that does not answer in time and resends under the same id", async () => {
    const { replyId } = await plannedReply("Timed out");
    const policy: DeliveryPolicy = { ...defaultDeliveryPolicy, sendTimeoutMs: 20 };
    const hung = closedGate();
    gate = hung;
    const timedOut = await deliverMessage({ workspaceId, messageId: replyId }, desk, policy);
    expect(timedOut).toMatchObject({ status: "retrying", attempts: 1, leaseOwner: null });
    expect(timedOut?.lastError).toMatch(/no answer within 0.02 s/);

    gate = null;
    clock.set(timedOut?.nextAttemptAt ?? clock.now());
    await desk.jobs.runDueJobs();
    expect(await desk.deliveries.get(workspaceId, replyId)).toMatchObject({ status: "sent", attempts: 2 });
    // The abandoned send may still reach the peer: the at-least-once window, under the same Message-ID.
    hung.open();
    await until(async () => sent.length === 2);
    expect(new Set(sent.map((message) => message.externalId)).size).toBe(1);
  });
});

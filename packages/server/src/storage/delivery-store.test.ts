import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DeliveryLease, DeliveryStore } from "../core/channels/channel-ports.ts";
import { ensureDefaultWorkspace } from "../desk.ts";
import { createTestDatabase } from "../testing/test-database.ts";
import type { DatabaseHandle } from "./database.ts";
import { createDeliveryStore } from "./delivery-store.ts";

const workspaceId = "default";
const start = new Date("2026-03-02T09:00:00.000Z");
const leaseMs = 40_000;

let database: DatabaseHandle;
let deliveries: DeliveryStore;

beforeEach(async () => {
  database = await createTestDatabase();
  await ensureDefaultWorkspace(database);
  deliveries = createDeliveryStore(database.db);
});

afterEach(async () => {
  await database.close();
});

const later = (milliseconds: number) => new Date(start.getTime() + milliseconds);

const leaseFor = (owner: string, atMs = 0): DeliveryLease => ({
  owner,
  at: later(atMs),
  until: later(atMs + leaseMs),
});

async function planned(messageId: string, at = start) {
  const delivery = await deliveries.create(
    {
      workspaceId,
      messageId,
      ticketId: "ticket-1",
      channel: "email",
      provider: "smtp",
      externalId: `${messageId}@x.test`,
    },
    at,
  );
  if (!delivery) throw new Error("the delivery was not created");
  return delivery;
}

describe("claiming a delivery", () => {
  it("gives a pending delivery to exactly one of several workers claiming it at once", async () => {
    const messageIds = Array.from({ length: 10 }, (_, index) => `reply-${index}`);
    for (const messageId of messageIds) await planned(messageId);
    const owners = Array.from({ length: 8 }, (_, index) => `worker-${index}`);
    // Every worker claims every delivery at the same moment (on Postgres, over the pool's connections).
    const claims = await Promise.all(
      messageIds.flatMap((messageId) =>
        owners.map((owner) => deliveries.claim(workspaceId, messageId, leaseFor(owner))),
      ),
    );

    for (const messageId of messageIds) {
      const winners = claims.filter((claim) => claim?.messageId === messageId);
      expect(winners).toHaveLength(1);
      expect(winners[0]).toMatchObject({ status: "sending", attempts: 1, leaseUntil: later(leaseMs) });
      expect(owners).toContain(winners[0]?.leaseOwner);
      expect(await deliveries.get(workspaceId, messageId)).toMatchObject({ leaseOwner: winners[0]?.leaseOwner });
    }
    expect(claims.filter((claim) => claim === null)).toHaveLength(messageIds.length * (owners.length - 1));
  });

  it("refuses a delivery under a live lease, and never claims one that is finished", async () => {
    await planned("reply-1");
    await planned("reply-2");
    expect(await deliveries.claim(workspaceId, "reply-1", leaseFor("first"))).not.toBeNull();
    expect(await deliveries.claim(workspaceId, "reply-1", leaseFor("second", leaseMs - 1))).toBeNull();

    const claimed = await deliveries.claim(workspaceId, "reply-2", leaseFor("first"));
    await deliveries.complete(workspaceId, "reply-2", "first", { status: "sent", providerMessageId: null }, later(1));
    expect(claimed).not.toBeNull();
    expect(await deliveries.claim(workspaceId, "reply-2", leaseFor("second", leaseMs * 10))).toBeNull();
    expect(await deliveries.get(workspaceId, "reply-2")).toMatchObject({
      status: "sent",
      attempts: 1,
      leaseOwner: null,
    });
  });

  it("re-claims a delivery whose lease ran out, and refuses the first owner's late outcome", async () => {
    await planned("reply-1");
    await deliveries.claim(workspaceId, "reply-1", leaseFor("dead-worker"));
    const taken = await deliveries.claim(workspaceId, "reply-1", leaseFor("second", leaseMs));
    expect(taken).toMatchObject({ status: "sending", attempts: 2, leaseOwner: "second" });

    const late = await deliveries.complete(
      workspaceId,
      "reply-1",
      "dead-worker",
      { status: "rejected", error: "550 from the first attempt" },
      later(leaseMs + 10),
    );
    expect(late).toBeNull();
    expect(await deliveries.get(workspaceId, "reply-1")).toMatchObject({ status: "sending", leaseOwner: "second" });

    const sent = await deliveries.complete(
      workspaceId,
      "reply-1",
      "second",
      { status: "sent", providerMessageId: "provider-1" },
      later(leaseMs + 20),
    );
    expect(sent).toMatchObject({ status: "sent", attempts: 2, providerMessageId: "provider-1", leaseOwner: null });
    expect(sent?.lastError).toBeNull();
  });

  it("keeps a renewed lease from being claimed at its first expiry, and renews only for its owner", async () => {
    await planned("reply-1");
    await deliveries.claim(workspaceId, "reply-1", leaseFor("slow-worker"));
    expect(await deliveries.renewLease(workspaceId, "reply-1", "slow-worker", later(30_000 + leaseMs))).toBe(true);
    expect(await deliveries.renewLease(workspaceId, "reply-1", "another", later(10 * leaseMs))).toBe(false);

    expect(await deliveries.claim(workspaceId, "reply-1", leaseFor("another", leaseMs + 1))).toBeNull();
    expect(await deliveries.get(workspaceId, "reply-1")).toMatchObject({
      leaseOwner: "slow-worker",
      leaseUntil: later(30_000 + leaseMs),
    });
    expect(await deliveries.claim(workspaceId, "reply-1", leaseFor("another", 30_000 + leaseMs))).toMatchObject({
      leaseOwner: "another",
    });
    expect(await deliveries.renewLease(workspaceId, "reply-1", "slow-worker", later(10 * leaseMs))).toBe(false);
  });

  it("lets a later fact (a bounce) overwrite the outcome and clear the lease, whoever holds it", async () => {
    await planned("reply-1");
    await deliveries.claim(workspaceId, "reply-1", leaseFor("worker"));
    await deliveries.finish(workspaceId, "reply-1", { status: "failed", error: "bounced" }, later(5));

    expect(await deliveries.get(workspaceId, "reply-1")).toMatchObject({
      status: "failed",
      leaseOwner: null,
      leaseUntil: null,
    });
    const refused = await deliveries.complete(
      workspaceId,
      "reply-1",
      "worker",
      { status: "sent", providerMessageId: null },
      later(6),
    );
    expect(refused).toBeNull();
  });
});

describe("finding stranded deliveries", () => {
  it("lists expired leases and idle due deliveries, and leaves live, fresh and finished ones alone", async () => {
    const idleMs = 60_000;
    await planned("expired-lease");
    await deliveries.claim(workspaceId, "expired-lease", leaseFor("dead-worker"));
    await planned("live-lease");
    await deliveries.claim(workspaceId, "live-lease", leaseFor("busy-worker", 100_000));
    await planned("idle-pending");
    await planned("fresh-pending", later(100_000));
    await planned("overdue-retry");
    await deliveries.finish(
      workspaceId,
      "overdue-retry",
      { status: "retrying", error: "421", nextAttemptAt: later(30_000) },
      start,
    );
    await planned("waiting-retry");
    await deliveries.finish(
      workspaceId,
      "waiting-retry",
      { status: "retrying", error: "421", nextAttemptAt: later(120_000) },
      start,
    );
    await planned("sent");
    await deliveries.finish(workspaceId, "sent", { status: "sent", providerMessageId: null }, start);

    const now = later(120_000);
    const stranded = await deliveries.listStranded({
      at: now,
      idleBefore: new Date(now.getTime() - idleMs),
      limit: 50,
    });

    expect(stranded.map((delivery) => delivery.messageId).sort()).toEqual([
      "expired-lease",
      "idle-pending",
      "overdue-retry",
    ]);
    expect(stranded.find((delivery) => delivery.messageId === "expired-lease")).toMatchObject({
      workspaceId,
      status: "sending",
      attempts: 1,
    });
    const limited = await deliveries.listStranded({ at: now, idleBefore: new Date(now.getTime() - idleMs), limit: 2 });
    expect(limited).toHaveLength(2);
  });
});

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing/test-database.ts";
import type { DatabaseHandle } from "./database.ts";
import * as schema from "./schema.ts";
import { createAgentPresenceStore, createRateLimitWindows } from "./shared-limits-store.ts";

let database: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insert(schema.workspaces).values({ id: "default", name: "Support", timezone: "UTC" });
});
afterAll(() => database?.close());

const minute = 60_000;
const at = (iso: string) => new Date(iso);

describe("shared rate-limit windows", () => {
  it("counts each request of a key in the window its first request opened, apart from other keys, then starts again", async () => {
    const counter = createRateLimitWindows(database.db);
    const first = await counter.hit("help|203.0.113.7", minute, at("2026-03-02T09:00:40Z"));
    const second = await counter.hit("help|203.0.113.7", minute, at("2026-03-02T09:01:20Z"));
    const otherKey = await counter.hit("help|203.0.113.8", minute, at("2026-03-02T09:01:20Z"));
    const nextWindow = await counter.hit("help|203.0.113.7", minute, at("2026-03-02T09:01:40Z"));
    const third = await counter.hit("help|203.0.113.7", minute, at("2026-03-02T09:02:00Z"));
    expect([first.hits, second.hits, otherKey.hits, nextWindow.hits, third.hits]).toEqual([1, 2, 1, 1, 2]);
    expect(second.resetAt).toEqual(at("2026-03-02T09:01:40Z"));
    expect(nextWindow.resetAt).toEqual(at("2026-03-02T09:02:40Z"));
  });

  it("loses no count when many requests of one key arrive at once", async () => {
    const counter = createRateLimitWindows(database.db);
    const now = at("2026-03-02T10:00:00Z");
    const hits = await Promise.all(Array.from({ length: 25 }, () => counter.hit("burst", minute, now)));
    expect(hits.map((hit) => hit.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it("stores a hash of the key, never the address or survey link itself", async () => {
    const counter = createRateLimitWindows(database.db);
    await counter.hit("csat|survey:secret-survey-token", minute, at("2026-03-02T11:00:00Z"));
    const keys = await database.db.select({ key: schema.rateLimitWindows.key }).from(schema.rateLimitWindows);
    expect(keys.some((row) => row.key.includes("secret-survey-token"))).toBe(false);
  });

  it("prunes only windows that have ended", async () => {
    const counter = createRateLimitWindows(database.db);
    await counter.hit("prune|ended", minute, at("2026-03-02T12:00:00Z"));
    await counter.hit("prune|current", minute, at("2026-03-02T12:05:00Z"));
    expect(await counter.prune(at("2026-03-02T12:05:30Z"))).toBeGreaterThanOrEqual(1);
    const stillCounting = await counter.hit("prune|current", minute, at("2026-03-02T12:05:40Z"));
    // Pruned: an (impossibly) late request of the ended window counts from one again.
    const startedAgain = await counter.hit("prune|ended", minute, at("2026-03-02T12:00:30Z"));
    expect(stillCounting.hits).toBe(2);
    expect(startedAgain.hits).toBe(1);
  });
});

describe("agent presence across processes", () => {
  const since = (iso: string) => ({ since: at(iso), exceptProcessId: "process-c" });

  it("shows a process's agents to the others until its heartbeat expires, and withdraws them at once", async () => {
    const presence = createAgentPresenceStore(database.db);
    await presence.announce("process-a", new Map([["default", 2]]), at("2026-03-02T09:00:00Z"));
    await presence.announce("process-b", new Map([["other", 1]]), at("2026-03-02T09:00:00Z"));

    expect(await presence.workspacesWithAgents(since("2026-03-02T08:59:40Z"))).toEqual(new Set(["default", "other"]));
    expect(
      await presence.workspacesWithAgents({ ...since("2026-03-02T08:59:40Z"), exceptProcessId: "process-a" }),
    ).toEqual(new Set(["other"]));
    expect(
      await presence.workspacesWithAgents({ ...since("2026-03-02T08:59:40Z"), workspaceIds: ["default"] }),
    ).toEqual(new Set(["default"]));
    // Process b missed its heartbeats; process a kept beating.
    await presence.announce("process-a", new Map([["default", 1]]), at("2026-03-02T09:00:40Z"));
    expect(await presence.workspacesWithAgents(since("2026-03-02T09:00:10Z"))).toEqual(new Set(["default"]));

    await presence.announce("process-a", new Map(), at("2026-03-02T09:00:45Z"));
    expect(await presence.workspacesWithAgents(since("2026-03-02T09:00:10Z"))).toEqual(new Set());
  });

  it("prunes heartbeats older than asked, and keeps the recent ones", async () => {
    const presence = createAgentPresenceStore(database.db);
    await presence.announce("process-old", new Map([["default", 1]]), at("2026-03-01T09:00:00Z"));
    await presence.announce("process-new", new Map([["default", 1]]), at("2026-03-02T09:00:00Z"));
    expect(await presence.prune(at("2026-03-02T08:00:00Z"))).toBeGreaterThanOrEqual(1);
    const left = await database.db.select({ processId: schema.agentPresence.processId }).from(schema.agentPresence);
    expect(left.map((row) => row.processId)).toContain("process-new");
    expect(left.map((row) => row.processId)).not.toContain("process-old");
  });

  it("publishes an agent's typing as an outbox row other processes read", async () => {
    const presence = createAgentPresenceStore(database.db);
    await presence.publishTyping({
      workspaceId: "default",
      ticketId: "T-1",
      typing: true,
      agentId: "agent-1",
      processId: "process-a",
      at: at("2026-03-02T09:00:00Z"),
    });
    const result = await database.db.execute(
      sql`select kind, ticket_id, payload from notifications where kind = 'agent.typing'`,
    );
    expect((result as unknown as { rows: unknown[] }).rows).toEqual([
      { kind: "agent.typing", ticket_id: "T-1", payload: { typing: true, agentId: "agent-1", processId: "process-a" } },
    ]);
  });
});

import { createHash } from "node:crypto";
import { and, eq, gt, inArray, lt, ne, notInArray, sql } from "drizzle-orm";
import { type AgentPresenceStore, agentTypingKind } from "../channels/chat/ports.ts";
import type { RateLimitCounter } from "../core/rate-limits.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

/** Request counters in `rate_limit_windows`: one upsert per counted request, one round trip. */
export function createRateLimitWindows(db: Database): RateLimitCounter {
  const table = schema.rateLimitWindows;
  // The stored window has ended: this request starts the next one.
  const ended = sql`${table.expiresAt} <= excluded.window_start`;
  return {
    async hit(key, windowMs, now) {
      const [row] = await db
        .insert(table)
        .values({ key: hashKey(key), windowStart: now, hits: 1, expiresAt: new Date(now.getTime() + windowMs) })
        .onConflictDoUpdate({
          target: table.key,
          set: {
            hits: sql`case when ${ended} then 1 else ${table.hits} + 1 end`,
            windowStart: sql`case when ${ended} then excluded.window_start else ${table.windowStart} end`,
            expiresAt: sql`case when ${ended} then excluded.expires_at else ${table.expiresAt} end`,
          },
        })
        .returning({ hits: table.hits, expiresAt: table.expiresAt });
      return { hits: row?.hits ?? 1, resetAt: row?.expiresAt ?? new Date(now.getTime() + windowMs) };
    },
    async prune(before) {
      const removed = await db.delete(table).where(lt(table.expiresAt, before)).returning({ key: table.key });
      return removed.length;
    },
  };
}

// Keys hold addresses and survey links: only their hash is stored.
function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}

/** Agents connected per desk process and workspace (`agent_presence`), and agent typing through the outbox. */
export function createAgentPresenceStore(db: Database): AgentPresenceStore {
  const table = schema.agentPresence;
  return {
    async announce(processId, counts, at) {
      const workspaceIds = [...counts.keys()];
      await db.transaction(async (transaction) => {
        await transaction
          .delete(table)
          .where(
            workspaceIds.length > 0
              ? and(eq(table.processId, processId), notInArray(table.workspaceId, workspaceIds))
              : eq(table.processId, processId),
          );
        if (workspaceIds.length === 0) return;
        await transaction
          .insert(table)
          .values(
            workspaceIds.map((workspaceId) => ({
              processId,
              workspaceId,
              agents: counts.get(workspaceId) ?? 0,
              seenAt: at,
            })),
          )
          .onConflictDoUpdate({
            target: [table.processId, table.workspaceId],
            set: { agents: sql`excluded.agents`, seenAt: sql`excluded.seen_at` },
          });
      });
    },
    async workspacesWithAgents(query) {
      const rows = await db
        .selectDistinct({ workspaceId: table.workspaceId })
        .from(table)
        .where(
          and(
            gt(table.seenAt, query.since),
            gt(table.agents, 0),
            ne(table.processId, query.exceptProcessId),
            ...(query.workspaceIds ? [inArray(table.workspaceId, query.workspaceIds)] : []),
          ),
        );
      return new Set(rows.map((row) => row.workspaceId));
    },
    async publishTyping(typing) {
      await db.insert(schema.notifications).values({
        workspaceId: typing.workspaceId,
        kind: agentTypingKind,
        ticketId: typing.ticketId,
        payload: { typing: typing.typing, agentId: typing.agentId, processId: typing.processId },
        createdAt: typing.at,
      });
    },
    async prune(before) {
      const removed = await db.delete(table).where(lt(table.seenAt, before)).returning({ key: table.processId });
      return removed.length;
    },
  };
}

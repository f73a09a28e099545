import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { DeskError } from "../core/errors.ts";
import type { AccessStore, Principal } from "../core/ports.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

// A revoked token stops working within this long in other processes; in this one at once.
const cacheMilliseconds = 30_000;
const lastUsedResolutionMilliseconds = 60_000;

/** Tokens are 32 random bytes, so a plain SHA-256 at rest is enough (no password stretching). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function createAccessStore(db: Database, clock: { now(): Date } = { now: () => new Date() }): AccessStore {
  // Keyed by the token itself, so a cached request costs no hashing; the hash is kept for revoking.
  const cache = new Map<string, { principal: Principal | null; until: number; tokenHash: string }>();

  return {
    async authenticate(token) {
      const now = clock.now().getTime();
      const cached = cache.get(token);
      if (cached && cached.until > now) return cached.principal;
      const tokenHash = hashToken(token);

      const [row] = await db
        .select({
          tokenId: schema.apiTokens.id,
          workspaceId: schema.apiTokens.workspaceId,
          agentId: schema.apiTokens.agentId,
          role: schema.agents.role,
          lastUsedAt: schema.apiTokens.lastUsedAt,
        })
        .from(schema.apiTokens)
        .innerJoin(
          schema.agents,
          and(
            eq(schema.agents.workspaceId, schema.apiTokens.workspaceId),
            eq(schema.agents.id, schema.apiTokens.agentId),
          ),
        )
        .where(and(eq(schema.apiTokens.tokenHash, tokenHash), isNull(schema.apiTokens.revokedAt)));
      const principal: Principal | null = row
        ? { workspaceId: row.workspaceId, agentId: row.agentId, role: row.role }
        : null;
      const lastUsed = row?.lastUsedAt?.getTime() ?? 0;
      if (row && now - lastUsed > lastUsedResolutionMilliseconds) {
        await db
          .update(schema.apiTokens)
          .set({ lastUsedAt: new Date(now) })
          .where(eq(schema.apiTokens.id, row.tokenId));
      }
      if (cache.size > 10_000) cache.clear();
      cache.set(token, { principal, until: now + cacheMilliseconds, tokenHash });
      return principal;
    },

    async issueToken(workspaceId, agentId, name) {
      const [agent] = await db
        .select({ id: schema.agents.id })
        .from(schema.agents)
        .where(and(eq(schema.agents.workspaceId, workspaceId), eq(schema.agents.id, agentId)));
      if (!agent) throw new DeskError("not_found", `There is no agent ${agentId} in this workspace.`);
      const token = `rsp_${randomBytes(32).toString("base64url")}`;
      const id = `tok_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
      await db.insert(schema.apiTokens).values({ id, workspaceId, agentId, name, tokenHash: hashToken(token) });
      return { id, token, agentId, name };
    },

    async revokeToken(workspaceId, tokenId) {
      const revoked = await db
        .update(schema.apiTokens)
        .set({ revokedAt: clock.now() })
        .where(
          and(
            eq(schema.apiTokens.workspaceId, workspaceId),
            eq(schema.apiTokens.id, tokenId),
            isNull(schema.apiTokens.revokedAt),
          ),
        )
        .returning({ hash: schema.apiTokens.tokenHash });
      const revokedHashes = new Set(revoked.map(({ hash }) => hash));
      for (const [token, entry] of cache) if (revokedHashes.has(entry.tokenHash)) cache.delete(token);
      return revoked.length > 0;
    },

    async listTokens(workspaceId) {
      return db
        .select({
          id: schema.apiTokens.id,
          name: schema.apiTokens.name,
          agentId: schema.apiTokens.agentId,
          createdAt: schema.apiTokens.createdAt,
          lastUsedAt: schema.apiTokens.lastUsedAt,
          revokedAt: schema.apiTokens.revokedAt,
        })
        .from(schema.apiTokens)
        .where(eq(schema.apiTokens.workspaceId, workspaceId))
        .orderBy(desc(schema.apiTokens.createdAt), desc(schema.apiTokens.id));
    },
  };
}

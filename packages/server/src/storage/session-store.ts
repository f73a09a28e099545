import { randomBytes, randomUUID } from "node:crypto";
import { and, eq, gt, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { Clock } from "../core/ports.ts";
import type { SessionStore } from "../core/sign-in/sign-in-ports.ts";
import { hashToken } from "./access-store.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

export const sessionLifetimeMilliseconds = 14 * 24 * 60 * 60 * 1000;

export function createSessionStore(db: Database, clock: Clock = { now: () => new Date() }): SessionStore {
  return {
    async start(workspaceId, agentId) {
      const token = randomBytes(32).toString("base64url");
      const id = `ses_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + sessionLifetimeMilliseconds);
      // Signing in tidies the agent's own ended sessions, so the table does not grow without bound.
      await db
        .delete(schema.agentSessions)
        .where(
          and(
            eq(schema.agentSessions.workspaceId, workspaceId),
            eq(schema.agentSessions.agentId, agentId),
            or(lt(schema.agentSessions.expiresAt, now), isNotNull(schema.agentSessions.revokedAt)),
          ),
        );
      await db
        .insert(schema.agentSessions)
        .values({ id, workspaceId, agentId, tokenHash: hashToken(token), createdAt: now, expiresAt });
      return { id, token, expiresAt };
    },

    async authenticate(token) {
      const [row] = await db
        .select({
          sessionId: schema.agentSessions.id,
          workspaceId: schema.agentSessions.workspaceId,
          agentId: schema.agentSessions.agentId,
          role: schema.agents.role,
        })
        .from(schema.agentSessions)
        .innerJoin(
          schema.agents,
          and(
            eq(schema.agents.workspaceId, schema.agentSessions.workspaceId),
            eq(schema.agents.id, schema.agentSessions.agentId),
          ),
        )
        .where(
          and(
            eq(schema.agentSessions.tokenHash, hashToken(token)),
            isNull(schema.agentSessions.revokedAt),
            gt(schema.agentSessions.expiresAt, clock.now()),
          ),
        );
      return row ?? null;
    },

    async end(token) {
      const ended = await db
        .update(schema.agentSessions)
        .set({ revokedAt: clock.now() })
        .where(and(eq(schema.agentSessions.tokenHash, hashToken(token)), isNull(schema.agentSessions.revokedAt)))
        .returning({ id: schema.agentSessions.id });
      return ended.length > 0;
    },
  };
}

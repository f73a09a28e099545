import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { FollowUp, FollowUpStore } from "../core/ports.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

type FollowUpRow = typeof schema.followUps.$inferSelect;

export function createFollowUpStore(db: Database): FollowUpStore {
  const key = (workspaceId: string, followUpId: string) =>
    and(eq(schema.followUps.workspaceId, workspaceId), eq(schema.followUps.id, followUpId));
  return {
    async list(workspaceId, ticketId) {
      const rows = await db
        .select()
        .from(schema.followUps)
        .where(and(eq(schema.followUps.workspaceId, workspaceId), eq(schema.followUps.ticketId, ticketId)))
        .orderBy(asc(schema.followUps.seq));
      return rows.map(toFollowUp);
    },
    async get(workspaceId, followUpId) {
      const [row] = await db.select().from(schema.followUps).where(key(workspaceId, followUpId));
      return row ? toFollowUp(row) : null;
    },
    async create(workspaceId, followUp, at) {
      const [row] = await db
        .insert(schema.followUps)
        .values({
          workspaceId,
          id: `fu_${randomUUID().replaceAll("-", "").slice(0, 20)}`,
          ticketId: followUp.ticketId,
          ownerId: followUp.ownerId,
          dueAt: followUp.dueAt,
          status: "scheduled",
          promise: followUp.promise,
          sourceMessageId: followUp.sourceMessageId,
          createdBy: followUp.createdBy,
          createdAt: at,
        })
        .onConflictDoNothing()
        .returning();
      return row ? toFollowUp(row) : null;
    },
    markReminded: (workspaceId, followUpId, at) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .update(schema.followUps)
          .set({ remindedAt: at })
          .where(
            and(
              key(workspaceId, followUpId),
              eq(schema.followUps.status, "scheduled"),
              isNull(schema.followUps.remindedAt),
            ),
          )
          .returning();
        if (!row) return null;
        await tx.insert(schema.notifications).values({
          workspaceId,
          kind: "follow_up.due",
          ticketId: row.ticketId,
          payload: { followUpId: row.id, ticketId: row.ticketId, ownerId: row.ownerId, dueAt: row.dueAt.toISOString() },
        });
        return toFollowUp(row);
      }),
    async markDone(workspaceId, followUpId, at) {
      const [row] = await db
        .update(schema.followUps)
        .set({ status: "done", doneAt: at })
        .where(and(key(workspaceId, followUpId), eq(schema.followUps.status, "scheduled")))
        .returning();
      return row ? toFollowUp(row) : null;
    },
  };
}

function toFollowUp(row: FollowUpRow): FollowUp {
  return {
    id: row.id,
    ticketId: row.ticketId,
    ownerId: row.ownerId,
    dueAt: row.dueAt,
    status: row.status,
    promise: row.promise,
    sourceMessageId: row.sourceMessageId,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    remindedAt: row.remindedAt,
    doneAt: row.doneAt,
  };
}

import { and, desc, eq, lt } from "drizzle-orm";
import type { AuditEntry, AuditStore } from "../core/ports.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

export function createAuditStore(db: Database): AuditStore {
  return {
    async record(workspaceId, entry) {
      await db.insert(schema.auditLog).values({ workspaceId, ...entry });
    },

    async list(workspaceId, page) {
      const before = page.cursor === undefined ? null : decodeCursor(page.cursor);
      const rows = await db
        .select()
        .from(schema.auditLog)
        .where(
          and(
            eq(schema.auditLog.workspaceId, workspaceId),
            before === null ? undefined : lt(schema.auditLog.seq, before),
          ),
        )
        .orderBy(desc(schema.auditLog.seq))
        .limit(page.limit + 1);
      const items = rows.slice(0, page.limit);
      const last = items.at(-1);
      return {
        items: items.map(
          ({ actor, action, targetId, at, requestId, status }): AuditEntry => ({
            actor,
            action,
            targetId,
            at,
            requestId,
            status,
          }),
        ),
        nextCursor: rows.length > page.limit && last ? encodeCursor(last.seq) : null,
      };
    },
  };
}

import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { AttachmentFiles, AttachmentStore, StoredAttachment } from "../core/channels/channel-ports.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

type AttachmentRow = typeof schema.attachments.$inferSelect;

/** Attachment rows in the database, their bytes in `files` under a key named by their content's hash. */
export function createAttachmentStore(db: Database, files: AttachmentFiles): AttachmentStore {
  const find = async (workspaceId: string, attachmentId: string) => {
    const [row] = await db
      .select()
      .from(schema.attachments)
      .where(and(eq(schema.attachments.workspaceId, workspaceId), eq(schema.attachments.id, attachmentId)));
    return row ?? null;
  };
  return {
    async save(workspaceId, owner, inbound, at) {
      const rows = [];
      for (const [position, file] of inbound.entries()) {
        const digest = createHash("sha256").update(file.content).digest("hex");
        const storageKey = `${workspaceKey(workspaceId)}/${digest.slice(0, 2)}/${digest}`;
        // Bytes first, row second: a row never points at a file that is not there.
        await files.write(storageKey, file.content);
        rows.push({
          workspaceId,
          id: `att_${randomUUID().replaceAll("-", "")}`,
          ticketId: owner.ticketId,
          messageId: owner.messageId,
          position,
          filename: file.filename || `attachment-${position + 1}`,
          contentType: file.contentType || "application/octet-stream",
          size: file.content.length,
          storageKey,
          createdAt: at,
        });
      }
      if (rows.length === 0) return [];
      await db.insert(schema.attachments).values(rows).onConflictDoNothing();
      const stored = await db
        .select()
        .from(schema.attachments)
        .where(and(eq(schema.attachments.workspaceId, workspaceId), eq(schema.attachments.messageId, owner.messageId)))
        .orderBy(asc(schema.attachments.position));
      return stored.map(toAttachment);
    },
    async get(workspaceId, attachmentId) {
      const row = await find(workspaceId, attachmentId);
      return row ? toAttachment(row) : null;
    },
    async content(workspaceId, attachmentId) {
      const row = await find(workspaceId, attachmentId);
      return row ? files.read(row.storageKey) : null;
    },
    async listForTicket(workspaceId, ticketId) {
      const rows = await db
        .select()
        .from(schema.attachments)
        .where(and(eq(schema.attachments.workspaceId, workspaceId), eq(schema.attachments.ticketId, ticketId)))
        .orderBy(asc(schema.attachments.seq));
      return rows.map(toAttachment);
    },
  };
}

/** Workspace ids are free text; the folder name is a hash so it is always a safe path segment. */
function workspaceKey(workspaceId: string): string {
  return `w${createHash("sha256").update(workspaceId).digest("hex").slice(0, 16)}`;
}

function toAttachment(row: AttachmentRow): StoredAttachment {
  return {
    id: row.id,
    ticketId: row.ticketId,
    messageId: row.messageId,
    filename: row.filename,
    contentType: row.contentType,
    size: row.size,
    createdAt: row.createdAt,
  };
}

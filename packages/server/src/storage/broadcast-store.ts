import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type {
  Broadcast,
  BroadcastDetail,
  BroadcastRecipient,
  BroadcastStatus,
  BroadcastStore,
} from "../core/broadcasts/broadcast.ts";
import type { ChannelName } from "../core/snapshot/snapshot-schema.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Executor = Database | Transaction;
type BroadcastRow = typeof schema.broadcasts.$inferSelect;
type RecipientRow = typeof schema.broadcastRecipients.$inferSelect;

export function createBroadcastStore(db: Database): BroadcastStore {
  const key = (workspaceId: string, broadcastId: string) =>
    and(eq(schema.broadcasts.workspaceId, workspaceId), eq(schema.broadcasts.id, broadcastId));
  const recipientKey = (workspaceId: string, broadcastId: string, customerId: string) =>
    and(
      eq(schema.broadcastRecipients.workspaceId, workspaceId),
      eq(schema.broadcastRecipients.broadcastId, broadcastId),
      eq(schema.broadcastRecipients.customerId, customerId),
    );
  return {
    create: (workspaceId, broadcast, at) =>
      db.transaction(async (tx) => {
        const id = `bc_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
        const [row] = await tx
          .insert(schema.broadcasts)
          .values({
            workspaceId,
            id,
            knownIssueId: broadcast.knownIssueId,
            knownIssueTitle: broadcast.knownIssueTitle,
            triggerKey: broadcast.triggerKey,
            status: "draft",
            createdAt: at,
          })
          .onConflictDoNothing()
          .returning();
        if (!row) return null;
        if (broadcast.recipients.length > 0) {
          await tx.insert(schema.broadcastRecipients).values(
            broadcast.recipients.map((recipient, position) => ({
              workspaceId,
              broadcastId: id,
              position,
              ...recipient,
              status: "pending" as const,
            })),
          );
        }
        return detailOf(tx, workspaceId, id);
      }),

    async list(workspaceId, query) {
      const conditions = [eq(schema.broadcasts.workspaceId, workspaceId)];
      if (query.knownIssueId) conditions.push(eq(schema.broadcasts.knownIssueId, query.knownIssueId));
      if (query.status?.length) conditions.push(inArray(schema.broadcasts.status, query.status));
      const rows = await db
        .select()
        .from(schema.broadcasts)
        .where(and(...conditions))
        .orderBy(desc(schema.broadcasts.createdAt), desc(schema.broadcasts.id))
        .limit(200);
      if (rows.length === 0) return [];
      const counts = await db
        .select({ broadcastId: schema.broadcastRecipients.broadcastId, recipients: count() })
        .from(schema.broadcastRecipients)
        .where(
          and(
            eq(schema.broadcastRecipients.workspaceId, workspaceId),
            inArray(
              schema.broadcastRecipients.broadcastId,
              rows.map((row) => row.id),
            ),
          ),
        )
        .groupBy(schema.broadcastRecipients.broadcastId);
      const countOf = new Map(counts.map((row) => [row.broadcastId, Number(row.recipients)]));
      return rows.map((row) => toBroadcast(row, countOf.get(row.id) ?? 0));
    },

    get: (workspaceId, broadcastId) => detailOf(db, workspaceId, broadcastId),

    async approve(workspaceId, broadcastId, actor, at) {
      await db
        .update(schema.broadcasts)
        .set({ status: "sending", approvedAt: at, approvedBy: actor })
        .where(and(key(workspaceId, broadcastId), eq(schema.broadcasts.status, "draft")));
      return detailOf(db, workspaceId, broadcastId);
    },

    async cancel(workspaceId, broadcastId, actor, at) {
      await db
        .update(schema.broadcasts)
        .set({ status: "cancelled", cancelledAt: at, cancelledBy: actor })
        .where(and(key(workspaceId, broadcastId), eq(schema.broadcasts.status, "draft")));
      return detailOf(db, workspaceId, broadcastId);
    },

    async claimRecipient(workspaceId, broadcastId, customerId, at, staleBefore) {
      const [row] = await db
        .update(schema.broadcastRecipients)
        .set({ status: "sending", claimedAt: at })
        .where(
          and(
            recipientKey(workspaceId, broadcastId, customerId),
            or(
              eq(schema.broadcastRecipients.status, "pending"),
              and(
                eq(schema.broadcastRecipients.status, "sending"),
                or(isNull(schema.broadcastRecipients.claimedAt), lt(schema.broadcastRecipients.claimedAt, staleBefore)),
              ),
            ),
          ),
        )
        .returning();
      return row ? toRecipient(row) : null;
    },

    async finishRecipient(workspaceId, broadcastId, customerId, outcome, at) {
      await db
        .update(schema.broadcastRecipients)
        .set(
          outcome.status === "sent"
            ? { status: "sent", messageId: outcome.messageId, sentTicketId: outcome.ticketId, sentAt: at, error: null }
            : { status: "failed", error: outcome.error },
        )
        .where(
          and(recipientKey(workspaceId, broadcastId, customerId), eq(schema.broadcastRecipients.status, "sending")),
        );
    },

    async settle(workspaceId, broadcastId, at) {
      const [open] = await db
        .select({ recipients: count() })
        .from(schema.broadcastRecipients)
        .where(
          and(
            eq(schema.broadcastRecipients.workspaceId, workspaceId),
            eq(schema.broadcastRecipients.broadcastId, broadcastId),
            inArray(schema.broadcastRecipients.status, ["pending", "sending"]),
          ),
        );
      if (Number(open?.recipients ?? 0) === 0) {
        await db
          .update(schema.broadcasts)
          .set({ status: "sent", sentAt: at })
          .where(and(key(workspaceId, broadcastId), eq(schema.broadcasts.status, "sending")));
      }
      return detailOf(db, workspaceId, broadcastId);
    },
  };
}

async function detailOf(db: Executor, workspaceId: string, broadcastId: string): Promise<BroadcastDetail | null> {
  const [row] = await db
    .select()
    .from(schema.broadcasts)
    .where(and(eq(schema.broadcasts.workspaceId, workspaceId), eq(schema.broadcasts.id, broadcastId)));
  if (!row) return null;
  const recipients = await db
    .select()
    .from(schema.broadcastRecipients)
    .where(
      and(
        eq(schema.broadcastRecipients.workspaceId, workspaceId),
        eq(schema.broadcastRecipients.broadcastId, broadcastId),
      ),
    )
    .orderBy(asc(schema.broadcastRecipients.position));
  return { ...toBroadcast(row, recipients.length), recipients: recipients.map(toRecipient) };
}

function toBroadcast(row: BroadcastRow, recipientCount: number): Broadcast {
  return {
    id: row.id,
    knownIssueId: row.knownIssueId,
    knownIssueTitle: row.knownIssueTitle,
    status: row.status as BroadcastStatus,
    createdAt: row.createdAt,
    approvedAt: row.approvedAt,
    approvedBy: row.approvedBy,
    cancelledAt: row.cancelledAt,
    cancelledBy: row.cancelledBy,
    sentAt: row.sentAt,
    recipientCount,
  };
}

function toRecipient(row: RecipientRow): BroadcastRecipient {
  return {
    customerId: row.customerId,
    customerName: row.customerName,
    ticketId: row.ticketId,
    channel: row.channel as ChannelName,
    language: row.language,
    body: row.body,
    citations: row.citations as BroadcastRecipient["citations"],
    status: row.status,
    claimedAt: row.claimedAt,
    messageId: row.messageId,
    sentTicketId: row.sentTicketId,
    sentAt: row.sentAt,
    error: row.error,
  };
}

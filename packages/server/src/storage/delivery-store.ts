import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Delivery, DeliveryStore } from "../core/channels/channel-ports.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

type DeliveryRow = typeof schema.deliveries.$inferSelect;

export function createDeliveryStore(db: Database): DeliveryStore {
  const key = (workspaceId: string, messageId: string) =>
    and(eq(schema.deliveries.workspaceId, workspaceId), eq(schema.deliveries.messageId, messageId));
  return {
    create: (delivery, at) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .insert(schema.deliveries)
          .values({ ...delivery, status: "pending", attempts: 0, createdAt: at, updatedAt: at })
          .onConflictDoNothing()
          .returning();
        if (!row) return null;
        // The reply is known by the id it goes out under, so an answer to it threads back.
        await tx
          .update(schema.messages)
          .set({ externalId: delivery.externalId })
          .where(
            and(
              eq(schema.messages.workspaceId, delivery.workspaceId),
              eq(schema.messages.id, delivery.messageId),
              isNull(schema.messages.externalId),
            ),
          );
        return toDelivery(row);
      }),

    async get(workspaceId, messageId) {
      const [row] = await db.select().from(schema.deliveries).where(key(workspaceId, messageId));
      return row ? toDelivery(row) : null;
    },

    async claimAttempt(workspaceId, messageId, attempts, at) {
      const [row] = await db
        .update(schema.deliveries)
        .set({ attempts: attempts + 1, updatedAt: at })
        .where(
          and(
            key(workspaceId, messageId),
            eq(schema.deliveries.attempts, attempts),
            inArray(schema.deliveries.status, ["pending", "retrying"]),
          ),
        )
        .returning();
      return row ? toDelivery(row) : null;
    },

    async finish(workspaceId, messageId, outcome, at) {
      const fields =
        outcome.status === "sent"
          ? { status: "sent" as const, providerMessageId: outcome.providerMessageId, sentAt: at, nextAttemptAt: null }
          : outcome.status === "retrying"
            ? { status: "retrying" as const, lastError: outcome.error, nextAttemptAt: outcome.nextAttemptAt }
            : { status: outcome.status, lastError: outcome.error, nextAttemptAt: null };
      const [row] = await db
        .update(schema.deliveries)
        .set({ ...fields, updatedAt: at })
        .where(key(workspaceId, messageId))
        .returning();
      if (!row) throw new Error(`delivery of message ${messageId} vanished`);
      return toDelivery(row);
    },

    async listForTicket(workspaceId, ticketId) {
      const rows = await db
        .select()
        .from(schema.deliveries)
        .where(and(eq(schema.deliveries.workspaceId, workspaceId), eq(schema.deliveries.ticketId, ticketId)))
        .orderBy(asc(schema.deliveries.seq));
      return rows.map(toDelivery);
    },
  };
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    workspaceId: row.workspaceId,
    messageId: row.messageId,
    ticketId: row.ticketId,
    channel: row.channel as Delivery["channel"],
    provider: row.provider,
    status: row.status,
    attempts: row.attempts,
    externalId: row.externalId,
    providerMessageId: row.providerMessageId,
    lastError: row.lastError,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    sentAt: row.sentAt,
    nextAttemptAt: row.nextAttemptAt,
  };
}

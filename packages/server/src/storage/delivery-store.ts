import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Delivery, DeliveryOutcome, DeliveryStore } from "../core/channels/channel-ports.ts";
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

    async claim(workspaceId, messageId, lease) {
      const [row] = await db
        .update(schema.deliveries)
        .set({
          status: "sending",
          attempts: sql`${schema.deliveries.attempts} + 1`,
          leaseOwner: lease.owner,
          leaseUntil: lease.until,
          updatedAt: lease.at,
        })
        .where(
          and(
            key(workspaceId, messageId),
            or(
              inArray(schema.deliveries.status, ["pending", "retrying"]),
              and(eq(schema.deliveries.status, "sending"), lte(schema.deliveries.leaseUntil, lease.at)),
            ),
          ),
        )
        .returning();
      return row ? toDelivery(row) : null;
    },

    async renewLease(workspaceId, messageId, owner, until) {
      const rows = await db
        .update(schema.deliveries)
        .set({ leaseUntil: until })
        .where(and(key(workspaceId, messageId), heldBy(owner)))
        .returning({ messageId: schema.deliveries.messageId });
      return rows.length > 0;
    },

    async complete(workspaceId, messageId, owner, outcome, at) {
      const [row] = await db
        .update(schema.deliveries)
        .set({ ...outcomeFields(outcome, at), leaseOwner: null, leaseUntil: null, updatedAt: at })
        .where(and(key(workspaceId, messageId), heldBy(owner)))
        .returning();
      return row ? toDelivery(row) : null;
    },

    async finish(workspaceId, messageId, outcome, at) {
      const [row] = await db
        .update(schema.deliveries)
        .set({ ...outcomeFields(outcome, at), leaseOwner: null, leaseUntil: null, updatedAt: at })
        .where(key(workspaceId, messageId))
        .returning();
      if (!row) throw new Error(`delivery of message ${messageId} vanished`);
      return toDelivery(row);
    },

    async listStranded({ at, idleBefore, limit }) {
      const table = schema.deliveries;
      return db
        .select({
          workspaceId: table.workspaceId,
          messageId: table.messageId,
          status: table.status,
          attempts: table.attempts,
        })
        .from(table)
        .where(
          and(
            // The same condition as the partial index deliveries_unfinished, so only unfinished rows are read.
            sql`${table.status} in ('pending', 'sending', 'retrying')`,
            or(
              and(eq(table.status, "sending"), lte(table.leaseUntil, at)),
              and(eq(table.status, "pending"), lte(table.updatedAt, idleBefore)),
              and(eq(table.status, "retrying"), lte(table.nextAttemptAt, idleBefore)),
            ),
          ),
        )
        .orderBy(asc(table.updatedAt))
        .limit(limit);
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

function heldBy(owner: string) {
  return and(eq(schema.deliveries.status, "sending"), eq(schema.deliveries.leaseOwner, owner));
}

function outcomeFields(outcome: DeliveryOutcome, at: Date) {
  if (outcome.status === "sent") {
    return { status: "sent" as const, providerMessageId: outcome.providerMessageId, sentAt: at, nextAttemptAt: null };
  }
  if (outcome.status === "retrying") {
    return { status: "retrying" as const, lastError: outcome.error, nextAttemptAt: outcome.nextAttemptAt };
  }
  return { status: outcome.status, lastError: outcome.error, nextAttemptAt: null };
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
    leaseOwner: row.leaseOwner,
    leaseUntil: row.leaseUntil,
  };
}

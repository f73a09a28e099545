import { randomUUID } from "node:crypto";
import { and, arrayOverlaps, desc, eq, sql } from "drizzle-orm";
import type { WebhookDelivery, WebhookStore, WebhookSubscription } from "../core/automation/webhooks.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

type SubscriptionRow = typeof schema.webhookSubscriptions.$inferSelect;
type DeliveryRow = typeof schema.webhookDeliveries.$inferSelect;

const toSubscription = (row: SubscriptionRow): WebhookSubscription => ({
  id: row.id,
  url: row.url,
  kinds: row.kinds,
  description: row.description,
  status: row.status,
  consecutiveFailures: row.consecutiveFailures,
  pausedReason: row.pausedReason,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  subscriptionId: row.subscriptionId,
  notificationId: row.notificationId,
  kind: row.kind,
  body: row.body,
  status: row.status,
  attempts: row.attempts,
  responseStatus: row.responseStatus,
  lastError: row.lastError,
  createdAt: row.createdAt,
  lastAttemptAt: row.lastAttemptAt,
  nextAttemptAt: row.nextAttemptAt,
});

/** The patterns that match a kind: itself, its family wildcard and `*`. */
const patternsFor = (kind: string) => [kind, `${kind.split(".")[0]}.*`, "*"];

export function createWebhookStore(db: Database): WebhookStore {
  const subscriptionKey = (workspaceId: string, id: string) =>
    and(eq(schema.webhookSubscriptions.workspaceId, workspaceId), eq(schema.webhookSubscriptions.id, id));
  return {
    async list(workspaceId) {
      const rows = await db
        .select()
        .from(schema.webhookSubscriptions)
        .where(eq(schema.webhookSubscriptions.workspaceId, workspaceId))
        .orderBy(schema.webhookSubscriptions.seq);
      return rows.map(toSubscription);
    },
    async get(workspaceId, id) {
      const [row] = await db.select().from(schema.webhookSubscriptions).where(subscriptionKey(workspaceId, id));
      return row ? { ...toSubscription(row), secret: row.secret } : null;
    },
    async create(workspaceId, input, at) {
      const [row] = await db
        .insert(schema.webhookSubscriptions)
        .values({
          id: `whk_${randomUUID().replaceAll("-", "")}`,
          workspaceId,
          url: input.url,
          kinds: input.kinds,
          description: input.description,
          secret: input.secret,
          status: "active",
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      if (!row) throw new Error("inserting a webhook subscription returned no row");
      return toSubscription(row);
    },
    async update(workspaceId, id, patch, at) {
      const resuming = patch.status === "active";
      const [row] = await db
        .update(schema.webhookSubscriptions)
        .set({
          ...patch,
          ...(resuming ? { consecutiveFailures: 0, pausedReason: null } : {}),
          ...(patch.status === "paused" ? { pausedReason: "paused by an admin" } : {}),
          updatedAt: at,
        })
        .where(subscriptionKey(workspaceId, id))
        .returning();
      return row ? toSubscription(row) : null;
    },
    async delete(workspaceId, id) {
      const deleted = await db
        .delete(schema.webhookSubscriptions)
        .where(subscriptionKey(workspaceId, id))
        .returning({ id: schema.webhookSubscriptions.id });
      return deleted.length > 0;
    },
    async subscribersOf(workspaceId, kind) {
      const rows = await db
        .select()
        .from(schema.webhookSubscriptions)
        .where(
          and(
            eq(schema.webhookSubscriptions.workspaceId, workspaceId),
            eq(schema.webhookSubscriptions.status, "active"),
            arrayOverlaps(schema.webhookSubscriptions.kinds, patternsFor(kind)),
          ),
        )
        .orderBy(schema.webhookSubscriptions.seq);
      return rows.map(toSubscription);
    },
    async addDelivery(subscriptionId, delivery, at) {
      const [row] = await db
        .insert(schema.webhookDeliveries)
        .values({
          id: `whd_${randomUUID().replaceAll("-", "")}`,
          subscriptionId,
          notificationId: delivery.notificationId,
          kind: delivery.kind,
          body: delivery.body,
          status: "pending",
          createdAt: at,
          nextAttemptAt: at,
        })
        .onConflictDoNothing()
        .returning();
      return row ? toDelivery(row) : null;
    },
    async delivery(deliveryId) {
      const [row] = await db
        .select({ delivery: schema.webhookDeliveries, workspaceId: schema.webhookSubscriptions.workspaceId })
        .from(schema.webhookDeliveries)
        .innerJoin(
          schema.webhookSubscriptions,
          eq(schema.webhookSubscriptions.id, schema.webhookDeliveries.subscriptionId),
        )
        .where(eq(schema.webhookDeliveries.id, deliveryId));
      return row ? { delivery: toDelivery(row.delivery), workspaceId: row.workspaceId } : null;
    },
    async deliveries(workspaceId, subscriptionId, limit) {
      const rows = await db
        .select({ delivery: schema.webhookDeliveries })
        .from(schema.webhookDeliveries)
        .innerJoin(
          schema.webhookSubscriptions,
          eq(schema.webhookSubscriptions.id, schema.webhookDeliveries.subscriptionId),
        )
        .where(
          and(
            eq(schema.webhookSubscriptions.workspaceId, workspaceId),
            eq(schema.webhookDeliveries.subscriptionId, subscriptionId),
          ),
        )
        .orderBy(desc(schema.webhookDeliveries.seq))
        .limit(limit);
      return rows.map((row) => toDelivery(row.delivery));
    },
    recordAttempt: (deliveryId, attempt, pauseAfter) =>
      db.transaction(async (tx) => {
        const [delivery] = await tx
          .update(schema.webhookDeliveries)
          .set(
            attempt.ok
              ? {
                  status: "succeeded",
                  attempts: sql`${schema.webhookDeliveries.attempts} + 1`,
                  responseStatus: attempt.responseStatus,
                  lastError: null,
                  lastAttemptAt: attempt.at,
                  nextAttemptAt: null,
                }
              : {
                  status: attempt.retryAt ? "pending" : "failed",
                  attempts: sql`${schema.webhookDeliveries.attempts} + 1`,
                  responseStatus: attempt.responseStatus,
                  lastError: attempt.error,
                  lastAttemptAt: attempt.at,
                  nextAttemptAt: attempt.retryAt,
                },
          )
          .where(eq(schema.webhookDeliveries.id, deliveryId))
          .returning({ subscriptionId: schema.webhookDeliveries.subscriptionId });
        if (!delivery) throw new Error(`webhook delivery ${deliveryId} vanished`);
        const subscriptionId = eq(schema.webhookSubscriptions.id, delivery.subscriptionId);
        const [row] = attempt.ok
          ? await tx
              .update(schema.webhookSubscriptions)
              .set({ consecutiveFailures: 0 })
              .where(subscriptionId)
              .returning()
          : await tx
              .update(schema.webhookSubscriptions)
              .set({
                consecutiveFailures: sql`${schema.webhookSubscriptions.consecutiveFailures} + 1`,
                status: sql`case when ${schema.webhookSubscriptions.consecutiveFailures} + 1 >= ${pauseAfter} then 'paused' else ${schema.webhookSubscriptions.status} end`,
                pausedReason: sql`case when ${schema.webhookSubscriptions.consecutiveFailures} + 1 >= ${pauseAfter} and ${schema.webhookSubscriptions.status} = 'active' then ${`paused after ${pauseAfter} failed deliveries in a row; last: ${attempt.error}`} else ${schema.webhookSubscriptions.pausedReason} end`,
                updatedAt: attempt.at,
              })
              .where(subscriptionId)
              .returning();
        if (!row) throw new Error(`webhook subscription ${delivery.subscriptionId} vanished`);
        return toSubscription(row);
      }),
    async skipDelivery(deliveryId, reason) {
      await db
        .update(schema.webhookDeliveries)
        .set({ status: "skipped", lastError: reason, nextAttemptAt: null })
        .where(eq(schema.webhookDeliveries.id, deliveryId));
    },
  };
}

import { randomUUID } from "node:crypto";
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { ChannelDirectory } from "../core/channels/channel-ports.ts";
import { identitiesOf } from "./customer-identities.ts";
import { toCustomer } from "./customer-store.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

export function createChannelDirectory(db: Database): ChannelDirectory {
  // Every inbound message runs these two: prepared once, parsed once per connection.
  const messageByExternalId = db
    .select({ ticketId: schema.messages.ticketId, messageId: schema.messages.id })
    .from(schema.messages)
    .where(
      and(
        eq(schema.messages.workspaceId, sql.placeholder("workspaceId")),
        eq(schema.messages.externalId, sql.placeholder("externalId")),
      ),
    )
    .prepare("channel_directory_by_external_id");
  // Both sides use an index on (workspace_id, id): the messages' partial unique one, the deliveries' partial one.
  const ids = sql`${sql.placeholder("externalIds")}::text[]`;
  const ticketsOfIds = db
    .select({ externalId: sql<string>`${schema.messages.externalId}`, ticketId: schema.messages.ticketId })
    .from(schema.messages)
    .where(
      and(
        eq(schema.messages.workspaceId, sql.placeholder("workspaceId")),
        sql`${schema.messages.externalId} = any(${ids})`,
      ),
    )
    .unionAll(
      db
        .select({
          externalId: sql<string>`${schema.deliveries.providerMessageId}`,
          ticketId: schema.deliveries.ticketId,
        })
        .from(schema.deliveries)
        .where(
          and(
            eq(schema.deliveries.workspaceId, sql.placeholder("workspaceId")),
            sql`${schema.deliveries.providerMessageId} = any(${ids})`,
          ),
        ),
    )
    .prepare("channel_directory_tickets_of");

  return {
    async byExternalId(workspaceId, externalId) {
      const [row] = await messageByExternalId.execute({ workspaceId, externalId });
      return row ?? null;
    },

    async ticketsOf(workspaceId, externalIds) {
      if (externalIds.length === 0) return [];
      return ticketsOfIds.execute({ workspaceId, externalIds });
    },

    async conversationIds(workspaceId, ticketId) {
      const rows = await db
        .select({ externalId: schema.messages.externalId })
        .from(schema.messages)
        .where(
          and(
            eq(schema.messages.workspaceId, workspaceId),
            eq(schema.messages.ticketId, ticketId),
            isNotNull(schema.messages.externalId),
          ),
        )
        .orderBy(asc(schema.messages.position), asc(schema.messages.seq));
      return rows.flatMap((row) => (row.externalId ? [row.externalId] : []));
    },

    async customerByHandle(workspaceId, handle, name) {
      const [identity] = identitiesOf({ handles: { [handle.provider]: handle.value } });
      if (!identity) throw new Error("a handle without a value reached the directory");
      const [found] = await db
        .select({ customer: schema.customers })
        .from(schema.customerIdentities)
        .innerJoin(
          schema.customers,
          and(
            eq(schema.customers.workspaceId, schema.customerIdentities.workspaceId),
            eq(schema.customers.id, schema.customerIdentities.customerId),
          ),
        )
        .where(
          and(
            eq(schema.customerIdentities.workspaceId, workspaceId),
            eq(schema.customerIdentities.kind, identity.kind),
            eq(schema.customerIdentities.value, identity.value),
          ),
        );
      if (found) return toCustomer(found.customer);
      const id = `cus_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(schema.customers)
          .values({
            workspaceId,
            id,
            name: name?.trim() || handle.value,
            handles: { [handle.provider.toLowerCase()]: handle.value },
          })
          .returning();
        // A second first message from the same handle fails here on the identity key; the caller retries.
        await tx.insert(schema.customerIdentities).values({ workspaceId, ...identity, customerId: id });
        if (!row) throw new Error("insert returned no customer");
        return toCustomer(row);
      });
    },
  };
}

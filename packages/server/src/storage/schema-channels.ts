// Tables for the channels area; re-exported by schema.ts.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// A file that came with an inbound message. The bytes live in the attachment storage (a local
// folder by default) under `storage_key`; the row says which message and ticket they belong to.
export const attachments = pgTable(
  "attachments",
  {
    workspaceId: text("workspace_id").notNull(),
    id: text("id").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    ticketId: text("ticket_id").notNull(),
    messageId: text("message_id").notNull(),
    // The attachment's place among its message's files: storing a message's files again is a no-op.
    position: integer("position").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    storageKey: text("storage_key").notNull(),
    createdAt: instant("created_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.id] }),
    uniqueIndex("attachments_message_position").on(table.workspaceId, table.messageId, table.position),
    index("attachments_ticket").on(table.workspaceId, table.ticketId),
  ],
);

// One row per public reply that goes out on a channel: what was tried, what the provider said.
export const deliveries = pgTable(
  "deliveries",
  {
    workspaceId: text("workspace_id").notNull(),
    messageId: text("message_id").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    ticketId: text("ticket_id").notNull(),
    channel: text("channel").notNull(),
    provider: text("provider").notNull(),
    status: text("status").$type<"pending" | "sending" | "sent" | "retrying" | "rejected" | "failed">().notNull(),
    attempts: integer("attempts").notNull().default(0),
    // Chosen before the first attempt, so every retry goes out under the same id.
    externalId: text("external_id").notNull(),
    // The id the provider gave the message, when it assigns its own.
    providerMessageId: text("provider_message_id"),
    lastError: text("last_error"),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
    sentAt: instant("sent_at"),
    nextAttemptAt: instant("next_attempt_at"),
    // While a worker sends: which attempt holds the delivery, and until when (it renews while it waits).
    leaseOwner: text("lease_owner"),
    leaseUntil: instant("lease_until"),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.messageId] }),
    index("deliveries_ticket").on(table.workspaceId, table.ticketId),
    index("deliveries_provider_message")
      .on(table.workspaceId, table.providerMessageId)
      .where(sql`provider_message_id is not null`),
    index("deliveries_unfinished").on(table.updatedAt).where(sql`status in ('pending', 'sending', 'retrying')`),
  ],
);

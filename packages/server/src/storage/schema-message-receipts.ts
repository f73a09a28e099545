// Delivery statuses providers report for the messages the desk sent; re-exported by schema.ts.
import { foreignKey, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { messages } from "./schema.ts";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// One row per status a message reached (sent, delivered, read, failed): a replayed webhook finds
// its row already there and changes nothing.
export const messageReceipts = pgTable(
  "message_receipts",
  {
    workspaceId: text("workspace_id").notNull(),
    messageId: text("message_id").notNull(),
    channel: text("channel").notNull(),
    providerMessageId: text("provider_message_id").notNull(),
    status: text("status").$type<"sent" | "delivered" | "read" | "failed">().notNull(),
    at: instant("at").notNull(),
    error: text("error"),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.messageId, table.status] }),
    index("message_receipts_provider_message").on(table.workspaceId, table.providerMessageId),
    foreignKey({
      columns: [table.workspaceId, table.messageId],
      foreignColumns: [messages.workspaceId, messages.id],
    }).onDelete("cascade"),
  ],
);

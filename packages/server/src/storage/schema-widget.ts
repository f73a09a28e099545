// Tables for the widget area; re-exported by schema.ts.
import { index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { workspaces } from "./schema.ts";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Per workspace: the secret host apps sign user ids with (identity verification). */
export const widgetSettings = pgTable("widget_settings", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  identitySecret: text("identity_secret").notNull(),
  updatedAt: instant("updated_at").notNull().defaultNow(),
});

/**
 * One widget conversation: who started it (an anonymous visitor id, or a verified user id from a
 * host app), the tickets it became (a follow-up after a closed ticket adds one) and the email the
 * visitor left for the offline fallback.
 */
export const widgetConversations = pgTable(
  "widget_conversations",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    visitorId: text("visitor_id").notNull(),
    userId: text("user_id"),
    channel: text("channel").notNull(),
    ticketIds: text("ticket_ids").array().notNull().default([]),
    lastExternalId: text("last_external_id"),
    email: text("email"),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.id] }),
    index("widget_conversations_visitor").on(table.workspaceId, table.visitorId),
    index("widget_conversations_user").on(table.workspaceId, table.userId),
    index("widget_conversations_tickets").using("gin", table.ticketIds),
  ],
);

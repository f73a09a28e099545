// Tables for the follow-through area; re-exported by schema.ts.
import { sql } from "drizzle-orm";
import { bigserial, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { tickets } from "./schema.ts";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// A promise to get back to a customer: made in a public reply ("I'll follow up tomorrow") or set
// by an agent. Its owner is reminded when it is due (jobs/follow-up-due.ts).
export const followUps = pgTable(
  "follow_ups",
  {
    workspaceId: text("workspace_id").notNull(),
    id: text("id").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    ticketId: text("ticket_id").notNull(),
    ownerId: text("owner_id"),
    dueAt: instant("due_at").notNull(),
    status: text("status").$type<"scheduled" | "done">().notNull(),
    promise: text("promise").notNull(),
    sourceMessageId: text("source_message_id"),
    createdBy: text("created_by").notNull(),
    createdAt: instant("created_at").notNull(),
    remindedAt: instant("reminded_at"),
    doneAt: instant("done_at"),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.id] }),
    index("follow_ups_ticket").on(table.workspaceId, table.ticketId, table.seq),
    // A reply promises at most one follow-up, however often its notification is handled.
    uniqueIndex("follow_ups_source_message")
      .on(table.workspaceId, table.sourceMessageId)
      .where(sql`source_message_id is not null`),
    foreignKey({
      columns: [table.workspaceId, table.ticketId],
      foreignColumns: [tickets.workspaceId, tickets.id],
    }).onDelete("cascade"),
  ],
);

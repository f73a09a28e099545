// Tables for known-issue broadcasts; re-exported by schema.ts.
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// A message to every customer a known issue affected, drafted when it is fixed and sent on approval.
export const broadcasts = pgTable(
  "broadcasts",
  {
    workspaceId: text("workspace_id").notNull(),
    id: text("id").notNull(),
    knownIssueId: text("known_issue_id").notNull(),
    knownIssueTitle: text("known_issue_title").notNull(),
    // What made it (e.g. the outbox notification of the status change): one broadcast per cause.
    triggerKey: text("trigger_key").notNull(),
    status: text("status").$type<"draft" | "sending" | "sent" | "cancelled">().notNull(),
    createdAt: instant("created_at").notNull(),
    approvedAt: instant("approved_at"),
    approvedBy: text("approved_by"),
    cancelledAt: instant("cancelled_at"),
    cancelledBy: text("cancelled_by"),
    sentAt: instant("sent_at"),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.id] }),
    uniqueIndex("broadcasts_trigger").on(table.workspaceId, table.triggerKey),
    index("broadcasts_known_issue").on(table.workspaceId, table.knownIssueId, table.createdAt),
  ],
);

// One affected customer of a broadcast, the ticket and channel it reaches them on, and its draft.
export const broadcastRecipients = pgTable(
  "broadcast_recipients",
  {
    workspaceId: text("workspace_id").notNull(),
    broadcastId: text("broadcast_id").notNull(),
    customerId: text("customer_id").notNull(),
    // Customers in the order their tickets were linked to the known issue.
    position: integer("position").notNull(),
    customerName: text("customer_name"),
    ticketId: text("ticket_id").notNull(),
    channel: text("channel").notNull(),
    language: text("language").notNull(),
    body: text("body").notNull(),
    citations: jsonb("citations").$type<{ kind: string; id: string }[]>().notNull(),
    status: text("status").$type<"pending" | "sending" | "sent" | "failed">().notNull(),
    // Taken by the approval sending it; a later approval takes over only after the lease ran out.
    claimedAt: instant("claimed_at"),
    messageId: text("message_id"),
    sentTicketId: text("sent_ticket_id"),
    sentAt: instant("sent_at"),
    error: text("error"),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.broadcastId, table.customerId] }),
    foreignKey({
      columns: [table.workspaceId, table.broadcastId],
      foreignColumns: [broadcasts.workspaceId, broadcasts.id],
    }).onDelete("cascade"),
  ],
);

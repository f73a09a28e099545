// Tables for CSAT surveys, interaction reports, outbound webhooks and automation; re-exported by schema.ts.
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { tickets, workspaces } from "./schema.ts";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
type JsonObject = Record<string, unknown>;

// One survey per ticket. The link carries a random token; only its SHA-256 is stored.
export const csatSurveys = pgTable(
  "csat_surveys",
  {
    workspaceId: text("workspace_id").notNull(),
    ticketId: text("ticket_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    sentAt: instant("sent_at").notNull(),
    /** The public message that carried the survey, so a bare digit right after it counts as the answer. */
    messageId: text("message_id"),
    remindedAt: instant("reminded_at"),
    firstAnsweredAt: instant("first_answered_at"),
    /** Answers are accepted (and may be changed) until then. */
    closesAt: instant("closes_at").notNull(),
    /** The language the survey was sent in (the ticket's), so its page answers in it; null for older surveys. */
    language: text("language"),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.ticketId] }),
    uniqueIndex("csat_surveys_token").on(table.tokenHash),
    foreignKey({
      columns: [table.workspaceId, table.ticketId],
      foreignColumns: [tickets.workspaceId, tickets.id],
    }).onDelete("cascade"),
  ],
);

export const interactionReports = pgTable(
  "interaction_reports",
  {
    workspaceId: text("workspace_id").notNull(),
    ticketId: text("ticket_id").notNull(),
    report: jsonb("report").$type<JsonObject>().notNull(),
    writtenAt: instant("written_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.ticketId] }),
    foreignKey({
      columns: [table.workspaceId, table.ticketId],
      foreignColumns: [tickets.workspaceId, tickets.id],
    }).onDelete("cascade"),
  ],
);

export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    url: text("url").notNull(),
    kinds: text("kinds").array().notNull(),
    description: text("description"),
    secret: text("secret").notNull(),
    status: text("status").$type<"active" | "paused">().notNull(),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    pausedReason: text("paused_reason"),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [index("webhook_subscriptions_workspace").on(table.workspaceId, table.seq)],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    notificationId: integer("notification_id"),
    kind: text("kind").notNull(),
    body: text("body").notNull(),
    status: text("status").$type<"pending" | "succeeded" | "failed" | "skipped">().notNull(),
    attempts: integer("attempts").notNull().default(0),
    responseStatus: smallint("response_status"),
    lastError: text("last_error"),
    createdAt: instant("created_at").notNull(),
    lastAttemptAt: instant("last_attempt_at"),
    nextAttemptAt: instant("next_attempt_at"),
  },
  (table) => [
    index("webhook_deliveries_subscription").on(table.subscriptionId, table.seq),
    uniqueIndex("webhook_deliveries_once").on(table.subscriptionId, table.notificationId),
  ],
);

export const macros = pgTable(
  "macros",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    name: text("name").notNull(),
    body: text("body").notNull(),
    public: boolean("public").notNull().default(true),
    actions: jsonb("actions").$type<JsonObject[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [index("macros_workspace").on(table.workspaceId, table.seq)],
);

export const triggers = pgTable(
  "triggers",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    name: text("name").notNull(),
    event: text("event").notNull(),
    conditions: jsonb("conditions").$type<JsonObject[]>().notNull().default(sql`'[]'::jsonb`),
    actions: jsonb("actions").$type<JsonObject[]>().notNull().default(sql`'[]'::jsonb`),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [index("triggers_workspace").on(table.workspaceId, table.seq)],
);

// A trigger acts once per notification and ticket: a retried job does not act twice.
export const triggerRuns = pgTable(
  "trigger_runs",
  {
    triggerId: text("trigger_id")
      .notNull()
      .references(() => triggers.id, { onDelete: "cascade" }),
    notificationId: integer("notification_id").notNull(),
    ticketId: text("ticket_id").notNull(),
    ranAt: instant("ran_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.triggerId, table.notificationId] })],
);

export const teamAssignment = pgTable(
  "team_assignment",
  {
    workspaceId: text("workspace_id").notNull(),
    teamId: text("team_id").notNull(),
    strategy: text("strategy").$type<"round_robin" | "least_open">().notNull(),
    /** Whether new tickets of the team are assigned automatically (the row also remembers round robin's turn). */
    autoAssign: boolean("auto_assign").notNull().default(false),
    lastAgentId: text("last_agent_id"),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.teamId] })],
);

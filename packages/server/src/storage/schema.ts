import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

// Every table carries workspace_id and a seq: seq keeps the order in which rows arrived,
// which is the order a snapshot export gives them back in.
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const json = <T>(name: string) => jsonb(name).$type<T>();
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
type JsonObject = Record<string, unknown>;

// New tickets are numbered from here; import moves it past the largest numeric id it loads.
export const ticketNumbers = pgSequence("ticket_numbers", { startWith: 1000 });

export const workspaces = pgTable("workspaces", {
  id: text("id").primaryKey(),
  seq: bigserial("seq", { mode: "number" }).notNull(),
  name: text("name").notNull(),
  timezone: text("timezone").notNull(),
  businessHours: json<JsonObject>("business_hours"),
  slaPolicies: json<JsonObject[]>("sla_policies"),
  reportInBusinessHours: boolean("report_in_business_hours"),
  extra: json<JsonObject>("extra").notNull().default({}),
  createdAt: instant("created_at").notNull().defaultNow(),
});

export const teams = pgTable(
  "teams",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    name: text("name").notNull(),
    escalatesTo: text("escalates_to"),
    extra: json<JsonObject>("extra").notNull().default({}),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.id] })],
);

export const agents = pgTable(
  "agents",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    role: text("role").$type<"admin" | "agent">().notNull(),
    teamId: text("team_id"),
    extra: json<JsonObject>("extra").notNull().default({}),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.id] })],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    agentId: text("agent_id").notNull(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
    lastUsedAt: instant("last_used_at"),
    revokedAt: instant("revoked_at"),
  },
  (table) => [
    uniqueIndex("api_tokens_hash").on(table.tokenHash),
    foreignKey({
      columns: [table.workspaceId, table.agentId],
      foreignColumns: [agents.workspaceId, agents.id],
    }).onDelete("cascade"),
  ],
);

export const customers = pgTable(
  "customers",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    handles: json<Record<string, string>>("handles"),
    company: text("company"),
    plan: text("plan"),
    language: text("language"),
    attributes: json<JsonObject>("attributes"),
    extra: json<JsonObject>("extra").notNull().default({}),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.id] })],
);

// One row per way of reaching a customer (an email address, a phone number, a handle on a
// channel), so that one person is one customer across channels.
export const customerIdentities = pgTable(
  "customer_identities",
  {
    workspaceId: text("workspace_id").notNull(),
    kind: text("kind").notNull(),
    value: text("value").notNull(),
    customerId: text("customer_id").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.kind, table.value] }),
    index("customer_identities_customer").on(table.workspaceId, table.customerId),
    foreignKey({
      columns: [table.workspaceId, table.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }).onDelete("cascade"),
  ],
);

export const articles = pgTable(
  "articles",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    tags: text("tags").array(),
    public: boolean("public"),
    updatedAt: instant("updated_at"),
    extra: json<JsonObject>("extra").notNull().default({}),
    search: tsvector("search").generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')`,
    ),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.id] }),
    index("articles_search").using("gin", table.search),
  ],
);

export const accountEvents = pgTable(
  "account_events",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    customerId: text("customer_id").notNull(),
    at: instant("at").notNull(),
    type: text("type").notNull(),
    data: json<JsonObject>("data"),
    extra: json<JsonObject>("extra").notNull().default({}),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.id] }),
    index("account_events_customer").on(table.workspaceId, table.customerId, table.at),
    foreignKey({
      columns: [table.workspaceId, table.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }).onDelete("cascade"),
  ],
);

export const knownIssues = pgTable(
  "known_issues",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    title: text("title").notNull(),
    status: text("status").$type<"open" | "fix_in_progress" | "fixed">().notNull(),
    tags: text("tags").array(),
    workaround: text("workaround"),
    extra: json<JsonObject>("extra").notNull().default({}),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.id] })],
);

export const tickets = pgTable(
  "tickets",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    customerId: text("customer_id").notNull(),
    channel: text("channel").notNull(),
    knownIssueId: text("known_issue_id"),
    subject: text("subject"),
    status: text("status").notNull(),
    priority: text("priority"),
    tags: text("tags").array(),
    topic: text("topic"),
    assigneeId: text("assignee_id"),
    teamId: text("team_id"),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
    version: integer("version").notNull().default(1),
    csatScore: smallint("csat_score"),
    csatComment: text("csat_comment"),
    csatAt: instant("csat_at"),
    csatExtra: json<JsonObject>("csat_extra"),
    attributes: json<JsonObject>("attributes"),
    extra: json<JsonObject>("extra").notNull().default({}),
    /** The earliest running SLA target (core/sla/ticket-due-time.ts); null when no clock runs. */
    slaDueAt: instant("sla_due_at"),
    /** The `version` sla_due_at was computed for; any other value means it is still to be computed. */
    slaDueVersion: integer("sla_due_version"),
    // The report's per-ticket times (migration 0006 keeps them from messages and events with triggers).
    /** The first two public replies by an agent or the responder. */
    firstReplyAt: instant("first_reply_at"),
    secondReplyAt: instant("second_reply_at"),
    firstEscalatedAt: instant("first_escalated_at"),
    firstReopenedAt: instant("first_reopened_at"),
    /** The first and last change of status to solved, and every one in order. */
    firstSolvedAt: instant("first_solved_at"),
    lastSolvedAt: instant("last_solved_at"),
    solvedAt: timestamp("solved_at", { withTimezone: true, mode: "date" }).array(),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.id] }),
    index("tickets_list").on(table.workspaceId, table.seq),
    index("tickets_sla_due").on(table.workspaceId, table.slaDueAt, table.seq).where(sql`sla_due_at is not null`),
    index("tickets_sla_due_stale")
      .on(table.workspaceId, table.seq)
      .where(sql`sla_due_version is distinct from version`),
    index("tickets_status").on(table.workspaceId, table.status, table.seq),
    index("tickets_customer").on(table.workspaceId, table.customerId, table.createdAt),
    index("tickets_created").on(table.workspaceId, table.createdAt),
    foreignKey({
      columns: [table.workspaceId, table.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }),
    foreignKey({ columns: [table.workspaceId, table.assigneeId], foreignColumns: [agents.workspaceId, agents.id] }),
    foreignKey({ columns: [table.workspaceId, table.teamId], foreignColumns: [teams.workspaceId, teams.id] }),
    foreignKey({
      columns: [table.workspaceId, table.knownIssueId],
      foreignColumns: [knownIssues.workspaceId, knownIssues.id],
    }),
  ],
);

export const messages = pgTable(
  "messages",
  {
    workspaceId: text("workspace_id").notNull(),
    id: text("id").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    ticketId: text("ticket_id").notNull(),
    position: integer("position").notNull(),
    at: instant("at").notNull(),
    author: text("author").notNull(),
    public: boolean("public").notNull(),
    body: text("body").notNull(),
    extra: json<JsonObject>("extra").notNull().default({}),
    // The channel's id for the message (an email's Message-ID, a provider's message id): one message per id.
    externalId: text("external_id"),
    // Not declared here: the generated `search` tsvector column and its GIN index (migration 0003,
    // read only by storage/message-search.ts), so that reading messages never fetches the vectors.
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.id] }),
    index("messages_ticket").on(table.workspaceId, table.ticketId, table.position),
    index("messages_recent").on(table.workspaceId, table.at),
    uniqueIndex("messages_external_id").on(table.workspaceId, table.externalId).where(sql`external_id is not null`),
    foreignKey({
      columns: [table.workspaceId, table.ticketId],
      foreignColumns: [tickets.workspaceId, tickets.id],
    }).onDelete("cascade"),
  ],
);

// Append-only: a row is never updated or deleted by the desk. Import upserts by position
// so that re-importing the same snapshot is harmless.
export const ticketEvents = pgTable(
  "ticket_events",
  {
    workspaceId: text("workspace_id").notNull(),
    ticketId: text("ticket_id").notNull(),
    position: integer("position").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    at: instant("at").notNull(),
    actor: text("actor"),
    type: text("type").notNull(),
    fromValue: text("from_value"),
    toValue: text("to_value"),
    data: json<JsonObject>("data"),
    extra: json<JsonObject>("extra").notNull().default({}),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.ticketId, table.position] }),
    index("ticket_events_type_at").on(table.workspaceId, table.type, table.at),
    foreignKey({
      columns: [table.workspaceId, table.ticketId],
      foreignColumns: [tickets.workspaceId, tickets.id],
    }).onDelete("cascade"),
  ],
);

// The outbox: a change worth telling someone about, written in the same transaction as the
// change itself. Live updates, webhooks and jobs consume it.
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    kind: text("kind").notNull(),
    ticketId: text("ticket_id"),
    payload: json<JsonObject>("payload").notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
    deliveredAt: instant("delivered_at"),
  },
  (table) => [index("notifications_undelivered").on(table.id).where(sql`delivered_at is null`)],
);

export * from "./schema-article-reading.ts";
export * from "./schema-audit.ts";
export * from "./schema-automation.ts";
export * from "./schema-broadcasts.ts";
export * from "./schema-channel-accounts.ts";
export * from "./schema-channels.ts";
export * from "./schema-follow-through.ts";
export * from "./schema-knowledge.ts";
export * from "./schema-message-receipts.ts";
export * from "./schema-shared-limits.ts";
export * from "./schema-sign-in.ts";
export * from "./schema-widget.ts";

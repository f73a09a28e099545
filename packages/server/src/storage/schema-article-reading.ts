import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { articles, knownIssues } from "./schema.ts";

// Help-center reading (the knowledge-base loop) and the product loop's issue-tracker links.
// A reader is only an anonymous visitor id from a first-party cookie; bots are never recorded.

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * One view of a public article. `continued` is set when the same visitor opened another help-center
 * page within the session, `interacted` when they rated, wrote to support or clicked on the page,
 * `dwell_ms` by the page's beacon when it is hidden; `customer_id` once the visitor identified
 * themselves (the contact form), so their tickets count as opened after reading.
 */
export const articleReads = pgTable(
  "article_reads",
  {
    workspaceId: text("workspace_id").notNull(),
    id: text("id").notNull(),
    articleId: text("article_id").notNull(),
    visitorId: text("visitor_id").notNull(),
    customerId: text("customer_id"),
    readAt: instant("read_at").notNull(),
    dwellMs: integer("dwell_ms"),
    continued: boolean("continued").notNull().default(false),
    interacted: boolean("interacted").notNull().default(false),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.id] }),
    foreignKey({
      columns: [table.workspaceId, table.articleId],
      foreignColumns: [articles.workspaceId, articles.id],
    }).onDelete("cascade"),
    index("article_reads_article").on(table.workspaceId, table.articleId, table.readAt),
    index("article_reads_visitor").on(table.workspaceId, table.visitorId, table.readAt),
    index("article_reads_customer")
      .on(table.workspaceId, table.customerId, table.readAt)
      .where(sql`customer_id is not null`),
  ],
);

/** "Was this helpful?": one rating 1–5 per visitor and article; rating again replaces it. */
export const articleRatings = pgTable(
  "article_ratings",
  {
    workspaceId: text("workspace_id").notNull(),
    articleId: text("article_id").notNull(),
    visitorId: text("visitor_id").notNull(),
    rating: smallint("rating").notNull(),
    ratedAt: instant("rated_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.articleId, table.visitorId] }),
    foreignKey({
      columns: [table.workspaceId, table.articleId],
      foreignColumns: [articles.workspaceId, articles.id],
    }).onDelete("cascade"),
  ],
);

/** A known issue sent to an issue tracker through the outbound webhook, and the link the tracker answered with. */
export const knownIssueExports = pgTable(
  "known_issue_exports",
  {
    workspaceId: text("workspace_id").notNull(),
    knownIssueId: text("known_issue_id").notNull(),
    exports: integer("exports").notNull(),
    firstExportedAt: instant("first_exported_at").notNull(),
    lastExportedAt: instant("last_exported_at").notNull(),
    trackerUrl: text("tracker_url"),
    trackerKey: text("tracker_key"),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.knownIssueId] }),
    foreignKey({
      columns: [table.workspaceId, table.knownIssueId],
      foreignColumns: [knownIssues.workspaceId, knownIssues.id],
    }).onDelete("cascade"),
  ],
);

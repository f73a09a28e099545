import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { articles, workspaces } from "./schema.ts";

// The knowledge-base loop: every saved state of an article, and articles the desk proposes from
// the replies that solved a recurring topic, waiting for a person to accept or dismiss them.

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const articleVersions = pgTable(
  "article_versions",
  {
    workspaceId: text("workspace_id").notNull(),
    articleId: text("article_id").notNull(),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    tags: text("tags").array(),
    editedBy: text("edited_by"),
    createdAt: instant("created_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.articleId, table.version] }),
    foreignKey({
      columns: [table.workspaceId, table.articleId],
      foreignColumns: [articles.workspaceId, articles.id],
    }).onDelete("cascade"),
  ],
);

export const articleProposals = pgTable(
  "article_proposals",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    topic: text("topic").notNull(),
    kind: text("kind").$type<"troubleshooting" | "how_to" | "billing">().notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    sources: jsonb("sources").$type<{ ticketIds: string[]; knownIssueId: string | null }>().notNull(),
    status: text("status").$type<"proposed" | "accepted" | "dismissed">().notNull(),
    articleId: text("article_id"),
    createdAt: instant("created_at").notNull(),
    decidedAt: instant("decided_at"),
    decidedBy: text("decided_by"),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.id] }),
    index("article_proposals_topic").on(table.workspaceId, table.topic, table.status),
  ],
);

import { randomUUID } from "node:crypto";
import { and, arrayContains, desc, eq, lt, type SQL, sql } from "drizzle-orm";
import { DeskError } from "../core/errors.ts";
import type { Article, ArticleListItem, ArticleStore, Page } from "../core/ports.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

type ArticleRow = Pick<
  typeof schema.articles.$inferSelect,
  "id" | "seq" | "title" | "body" | "tags" | "public" | "updatedAt"
>;

// Everything but the tsvector, which is only ever used inside the database.
const articleColumns = {
  id: schema.articles.id,
  seq: schema.articles.seq,
  title: schema.articles.title,
  body: schema.articles.body,
  tags: schema.articles.tags,
  public: schema.articles.public,
  updatedAt: schema.articles.updatedAt,
};

export function createArticleStore(db: Database): ArticleStore {
  const key = (workspaceId: string, articleId: string) =>
    and(eq(schema.articles.workspaceId, workspaceId), eq(schema.articles.id, articleId));

  return {
    list: (workspaceId, query) => listArticles(db, workspaceId, query),

    async get(workspaceId, articleId) {
      const [row] = await db.select(articleColumns).from(schema.articles).where(key(workspaceId, articleId));
      return row ? toArticle(row) : null;
    },

    create: (workspaceId, article, at, editedBy) =>
      db.transaction(async (tx) => {
        const id = article.id ?? `art_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
        const [row] = await tx
          .insert(schema.articles)
          .values({
            workspaceId,
            id,
            title: article.title,
            body: article.body,
            tags: article.tags,
            public: article.public,
            updatedAt: at,
          })
          .onConflictDoNothing()
          .returning(articleColumns);
        if (!row) {
          throw new DeskError("conflict", `There is already an article ${id}; choose another id or update that one.`);
        }
        await tx.insert(schema.articleVersions).values(versionRow(workspaceId, row, 1, editedBy ?? null, at));
        return toArticle(row);
      }),

    update: (workspaceId, articleId, patch, at, editedBy) =>
      db.transaction(async (tx) => {
        const [before] = await tx
          .select(articleColumns)
          .from(schema.articles)
          .where(key(workspaceId, articleId))
          .for("update");
        if (!before) return null;
        const set: Partial<typeof schema.articles.$inferInsert> = { updatedAt: at };
        if (patch.title !== undefined) set.title = patch.title;
        if (patch.body !== undefined) set.body = patch.body;
        if (patch.tags !== undefined) set.tags = patch.tags;
        if (patch.public !== undefined) set.public = patch.public;
        const [row] = await tx
          .update(schema.articles)
          .set(set)
          .where(key(workspaceId, articleId))
          .returning(articleColumns);
        if (!row) return null;
        const [latest] = await tx
          .select({ version: sql<number>`max(${schema.articleVersions.version})` })
          .from(schema.articleVersions)
          .where(
            and(eq(schema.articleVersions.workspaceId, workspaceId), eq(schema.articleVersions.articleId, articleId)),
          );
        let version = Number(latest?.version ?? 0);
        // An imported article gets its first version, as it was, when it is first edited here.
        if (version === 0) {
          version = 1;
          await tx
            .insert(schema.articleVersions)
            .values(versionRow(workspaceId, before, version, "import", before.updatedAt ?? at));
        }
        await tx.insert(schema.articleVersions).values(versionRow(workspaceId, row, version + 1, editedBy ?? null, at));
        return toArticle(row);
      }),

    async versions(workspaceId, articleId) {
      const rows = await db
        .select()
        .from(schema.articleVersions)
        .where(
          and(eq(schema.articleVersions.workspaceId, workspaceId), eq(schema.articleVersions.articleId, articleId)),
        )
        .orderBy(desc(schema.articleVersions.version));
      return rows.map((row) => ({
        version: row.version,
        title: row.title,
        body: row.body,
        tags: row.tags ?? [],
        editedBy: row.editedBy,
        createdAt: row.createdAt,
      }));
    },

    async delete(workspaceId, articleId) {
      const deleted = await db
        .delete(schema.articles)
        .where(key(workspaceId, articleId))
        .returning({ id: schema.articles.id });
      return deleted.length > 0;
    },
  };
}

function versionRow(
  workspaceId: string,
  article: ArticleRow,
  version: number,
  editedBy: string | null,
  at: Date,
): typeof schema.articleVersions.$inferInsert {
  return {
    workspaceId,
    articleId: article.id,
    version,
    title: article.title,
    body: article.body,
    tags: article.tags,
    editedBy,
    createdAt: at,
  };
}

async function listArticles(
  db: Database,
  workspaceId: string,
  query: { search?: string; tag?: string; public?: boolean; limit: number; cursor?: string },
): Promise<Page<ArticleListItem>> {
  const conditions: SQL[] = [eq(schema.articles.workspaceId, workspaceId)];
  if (query.tag !== undefined) conditions.push(arrayContains(schema.articles.tags, [query.tag]));
  if (query.public !== undefined) {
    conditions.push(query.public ? eq(schema.articles.public, true) : sql`${schema.articles.public} is not true`);
  }
  const search = query.search?.trim();

  if (!search) {
    if (query.cursor !== undefined) conditions.push(lt(schema.articles.seq, decodeCursor(query.cursor)));
    const rows = await db
      .select(articleColumns)
      .from(schema.articles)
      .where(and(...conditions))
      .orderBy(desc(schema.articles.seq))
      .limit(query.limit + 1);
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map((row) => ({ ...toArticle(row), score: null })),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.seq) : null,
    };
  }

  // Ranked results have no stable key to continue from, so a search page continues by offset.
  const offset = query.cursor === undefined ? 0 : decodeCursor(query.cursor, "offset");
  const tsQuery = sql`websearch_to_tsquery('english', ${search})`;
  const rank = sql<number>`ts_rank(${schema.articles.search}, ${tsQuery})`;
  conditions.push(sql`${schema.articles.search} @@ ${tsQuery}`);
  const rows = await db
    .select({ ...articleColumns, score: rank })
    .from(schema.articles)
    .where(and(...conditions))
    .orderBy(desc(rank), desc(schema.articles.seq))
    .limit(query.limit + 1)
    .offset(offset);
  const items = rows.slice(0, query.limit);
  return {
    items: items.map((row) => ({ ...toArticle(row), score: Number(row.score) })),
    nextCursor: rows.length > query.limit ? encodeCursor(offset + query.limit, "offset") : null,
  };
}

function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    tags: row.tags ?? [],
    public: row.public ?? false,
    updatedAt: row.updatedAt,
  };
}

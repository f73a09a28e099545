import type { Article, ArticleStore } from "../../core/ports.ts";

const pageSize = 500;

/** Every article of a workspace, newest first, read page by page. */
export async function loadArticles(store: Pick<ArticleStore, "list">, workspaceId: string): Promise<Article[]> {
  const articles: Article[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(workspaceId, { limit: pageSize, cursor });
    for (const { score: _score, ...article } of page.items) articles.push(article);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return articles;
}

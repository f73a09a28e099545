import type { Article, ArticleStore } from "../../core/ports.ts";
import { loadArticles } from "./load-articles.ts";
import { buildSearchIndex, type SearchHit, type SearchIndex } from "./search-index.ts";

export type ArticleSearch = {
  search(workspaceId: string, query: string, options?: { limit?: number }): Promise<SearchHit[]>;
};

/**
 * Searches a workspace's articles with an index kept in memory per workspace. Each search reads
 * the articles (cheap next to indexing them) and rebuilds the index only when their fingerprint
 * changed, so an edited, added or deleted article is found by the very next search.
 */
export function createArticleSearch(store: Pick<ArticleStore, "list">): ArticleSearch {
  const cache = new Map<string, { fingerprint: string; index: SearchIndex }>();
  return {
    async search(workspaceId, query, options) {
      const articles = await loadArticles(store, workspaceId);
      const fingerprint = fingerprintOf(articles);
      let cached = cache.get(workspaceId);
      if (cached?.fingerprint !== fingerprint) {
        cached = { fingerprint, index: buildSearchIndex(articles) };
        cache.set(workspaceId, cached);
      }
      return cached.index.search(query, options);
    },
  };
}

/** Count, newest change and a hash of every article's id, change time and text lengths. */
export function fingerprintOf(articles: Article[]): string {
  let hash = 0x811c9dc5;
  let newest = 0;
  for (const article of articles) {
    const changed = article.updatedAt?.getTime() ?? 0;
    newest = Math.max(newest, changed);
    for (const part of [article.id, String(changed), String(article.title.length), String(article.body.length)]) {
      for (let index = 0; index < part.length; index++) {
        hash = Math.imul(hash ^ part.charCodeAt(index), 0x01000193);
      }
      hash = Math.imul(hash ^ 0x1f, 0x01000193);
    }
  }
  return `${articles.length}:${newest}:${(hash >>> 0).toString(16)}`;
}

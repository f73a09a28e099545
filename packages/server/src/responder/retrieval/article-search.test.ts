import { describe, expect, it } from "vitest";
import type { Article, ArticleListItem, ArticleStore, Page } from "../../core/ports.ts";
import { createArticleSearch, fingerprintOf } from "./article-search.ts";
import { loadArticles } from "./load-articles.ts";

/** The list() of an article store, newest first, pages continuing from an offset cursor. */
function fakeStore(articles: Article[]) {
  const calls: { limit: number; cursor?: string }[] = [];
  const store: Pick<ArticleStore, "list"> = {
    async list(_workspaceId, query): Promise<Page<ArticleListItem>> {
      calls.push({ limit: query.limit, cursor: query.cursor });
      const start = Number(query.cursor ?? 0);
      const items = [...articles].reverse().slice(start, start + query.limit);
      const next = start + query.limit;
      return {
        items: items.map((article) => ({ ...article, score: null })),
        nextCursor: next < articles.length ? String(next) : null,
      };
    },
  };
  return { store, calls };
}

function article(number: number, title: string, body = ""): Article {
  return {
    id: `art-${number}`,
    title,
    body,
    tags: [],
    public: true,
    updatedAt: new Date(Date.UTC(2026, 0, 1, 0, number)),
  };
}

describe("loadArticles", () => {
  it("reads every page of the workspace's articles", async () => {
    const articles = Array.from({ length: 1203 }, (_, number) => article(number, `Article ${number}`));
    const { store, calls } = fakeStore(articles);
    const loaded = await loadArticles(store, "workspace");
    expect(loaded).toHaveLength(1203);
    expect(new Set(loaded.map((item) => item.id)).size).toBe(1203);
    expect(loaded[0]).not.toHaveProperty("score");
    expect(calls).toEqual([
      { limit: 500, cursor: undefined },
      { limit: 500, cursor: "500" },
      { limit: 500, cursor: "1000" },
    ]);
  });

  it("returns nothing for a workspace without articles", async () => {
    expect(await loadArticles(fakeStore([]).store, "workspace")).toEqual([]);
  });
});

describe("createArticleSearch", () => {
  it("finds an article added, changed or deleted since the previous search", async () => {
    const articles = [article(1, "Refund policy"), article(2, "Reset your password")];
    const search = createArticleSearch(fakeStore(articles).store);
    expect((await search.search("workspace", "refund")).map((hit) => hit.id)).toEqual(["art-1"]);

    articles.push(article(3, "Refunds for damaged parcels"));
    expect((await search.search("workspace", "refund")).map((hit) => hit.id)).toContain("art-3");

    articles[0] = { ...article(1, "Cancellation policy"), updatedAt: new Date(Date.UTC(2026, 1, 1)) };
    expect((await search.search("workspace", "refund")).map((hit) => hit.id)).toEqual(["art-3"]);

    articles.splice(2, 1);
    expect(await search.search("workspace", "refund")).toEqual([]);
  });
});

describe("fingerprintOf", () => {
  it("changes when an article is replaced by another, even at the same count and time", () => {
    const first = article(1, "Refund policy");
    expect(fingerprintOf([first])).toBe(fingerprintOf([{ ...first }]));
    expect(fingerprintOf([first])).not.toBe(fingerprintOf([{ ...first, id: "art-9" }]));
    expect(fingerprintOf([first])).not.toBe(fingerprintOf([{ ...first, body: "Changed without a new time." }]));
  });
});

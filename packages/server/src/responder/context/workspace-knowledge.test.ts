import { describe, expect, it } from "vitest";
import type { Article, ArticleStore, TicketHistory, TicketSummary } from "../../core/ports.ts";
import { createKnowledgeCache } from "./workspace-knowledge.ts";

function article(id: string, title: string, updatedAt: string): Article {
  return { id, title, body: `${title}: steps.`, tags: [], public: true, updatedAt: new Date(updatedAt) };
}

function sources(articles: Article[], tickets: TicketSummary[]) {
  let historyReads = 0;
  const articleStore: Pick<ArticleStore, "list"> = {
    list: async () => ({ items: articles.map((item) => ({ ...item, score: null })), nextCursor: null }),
  };
  const ticketHistory: TicketHistory = {
    recent: async () => {
      historyReads += 1;
      return tickets;
    },
    stamp: async () => String(tickets.length),
  };
  return { articles: articleStore as ArticleStore, ticketHistory, historyReads: () => historyReads };
}

describe("what the responder learns from a workspace", () => {
  it("is learnt once and reused while nothing changes", async () => {
    const workspace = sources([article("a-1", "Resetting a password", "2026-05-01T00:00:00Z")], []);
    const knowledgeOf = createKnowledgeCache(workspace);
    const first = await knowledgeOf("w");
    expect(await knowledgeOf("w")).toBe(first);
    expect(workspace.historyReads()).toBe(1);
  });

  it("takes an edited or added article into account at once", async () => {
    const articles = [article("a-1", "Resetting a password", "2026-05-01T00:00:00Z")];
    const workspace = sources(articles, []);
    const knowledgeOf = createKnowledgeCache(workspace);
    await knowledgeOf("w");
    articles.push(article("a-2", "Exporting invoices", "2026-05-02T00:00:00Z"));
    const after = await knowledgeOf("w");
    expect(after.articles.has("a-2")).toBe(true);
    expect(after.articleIndex.search("export invoices")[0]?.id).toBe("a-2");
  });
});

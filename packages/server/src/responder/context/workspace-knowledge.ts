import type { Article, ArticleStore, TicketHistory, TicketSummary } from "../../core/ports.ts";
import { type TopicClassifier, trainTopicClassifier } from "../classify/index.ts";
import { buildSearchIndex, fingerprintOf, loadArticles, type SearchIndex } from "../retrieval/index.ts";

/** What the responder learns from a whole workspace; rebuilt only when its tickets or articles change. */
export type WorkspaceKnowledge = {
  articles: Map<string, Article>;
  articleIndex: SearchIndex;
  history: TicketSummary[];
  historyById: Map<string, TicketSummary>;
  /** Solved and closed tickets, searchable by subject, topic and opening message. */
  solvedIndex: SearchIndex;
  /** Learnt from the topics the team gave its tickets; null when fewer than two topics are labelled. */
  topics: TopicClassifier | null;
};

// Enough history to learn the workspace's topics and find look-alikes without reading a huge desk whole.
const historyLimit = 5000;
const minimumExamplesPerTopic = 2;

export type KnowledgeSources = { articles: ArticleStore; ticketHistory: TicketHistory };

// Learning a busy workspace takes a second or more; new tickets join what was learnt at most this often.
// Article changes are picked up at once: a draft must not quote an article that was just edited.
const ticketRefreshMs = 30_000;

export function createKnowledgeCache(sources: KnowledgeSources) {
  const cache = new Map<
    string,
    { ticketStamp: string; articleStamp: string; builtAt: number; knowledge: WorkspaceKnowledge }
  >();

  return async function knowledgeOf(workspaceId: string): Promise<WorkspaceKnowledge> {
    const ticketStamp = await sources.ticketHistory.stamp(workspaceId);
    const articles = await loadArticles(sources.articles, workspaceId);
    const articleStamp = fingerprintOf(articles);
    const now = performance.now();
    const cached = cache.get(workspaceId);
    const fresh =
      cached?.articleStamp === articleStamp &&
      (cached.ticketStamp === ticketStamp || now - cached.builtAt < ticketRefreshMs);
    if (cached && fresh) return cached.knowledge;
    const history = await sources.ticketHistory.recent(workspaceId, historyLimit);
    const knowledge = learn(articles, history);
    cache.set(workspaceId, { ticketStamp, articleStamp, builtAt: now, knowledge });
    return knowledge;
  };
}

export function learn(articles: Article[], history: TicketSummary[]): WorkspaceKnowledge {
  const solved = history.filter((ticket) => ticket.status === "solved" || ticket.status === "closed");
  return {
    articles: new Map(articles.map((article) => [article.id, article])),
    articleIndex: buildSearchIndex(articles.map(({ id, title, body }) => ({ id, title, body }))),
    history,
    historyById: new Map(history.map((ticket) => [ticket.id, ticket])),
    solvedIndex: buildSearchIndex(
      solved.map((ticket) => ({
        id: ticket.id,
        title: [ticket.subject, ticket.topic].filter(Boolean).join(" — "),
        body: ticket.firstCustomerMessage ?? "",
      })),
    ),
    topics: learnTopics(history),
  };
}

function learnTopics(history: TicketSummary[]): TopicClassifier | null {
  const counts = new Map<string, number>();
  for (const ticket of history) if (ticket.topic) counts.set(ticket.topic, (counts.get(ticket.topic) ?? 0) + 1);
  const examples = history.flatMap((ticket) =>
    ticket.topic && (counts.get(ticket.topic) ?? 0) >= minimumExamplesPerTopic
      ? [{ text: ticketText(ticket), label: ticket.topic }]
      : [],
  );
  if (new Set(examples.map((example) => example.label)).size < 2) return null;
  return trainTopicClassifier(examples);
}

export function ticketText(ticket: Pick<TicketSummary, "subject" | "firstCustomerMessage">): string {
  return [ticket.subject, ticket.firstCustomerMessage].filter(Boolean).join("\n");
}

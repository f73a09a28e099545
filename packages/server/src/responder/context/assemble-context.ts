import { DeskError } from "../../core/errors.ts";
import type {
  CustomerStore,
  KnownIssue,
  KnownIssueStore,
  TicketStore,
  TicketSummary,
  WorkspaceStore,
} from "../../core/ports.ts";
import type { ResponderContext, Scored, TopicSource } from "./responder-context.ts";
import { ticketText, type WorkspaceKnowledge } from "./workspace-knowledge.ts";

export type ContextSources = {
  workspaces: WorkspaceStore;
  tickets: TicketStore;
  customers: CustomerStore;
  knownIssues: KnownIssueStore;
  knowledgeOf(workspaceId: string): Promise<WorkspaceKnowledge>;
};

const day = 24 * 60 * 60 * 1000;
const recurrenceWindow = 30 * day;
const accountEventLimit = 100;
const earlierTicketLimit = 10;
const articleLimit = 5;
const similarTicketLimit = 5;
// A learnt topic below this confidence is a guess; the subject names the problem better.
const topicConfidenceFloor = 0.35;

/** Gathers what the workspace knows about a ticket: the one input of every drafting engine. */
export async function assembleContext(
  sources: ContextSources,
  workspaceId: string,
  ticketId: string,
  now: Date,
): Promise<ResponderContext> {
  const ticket = await sources.tickets.get(workspaceId, ticketId);
  if (!ticket) throw new DeskError("not_found", `There is no ticket ${ticketId}.`);
  const workspace = await sources.workspaces.profile(workspaceId);
  if (!workspace) throw new DeskError("not_found", `There is no workspace ${workspaceId}.`);
  const customer = await sources.customers.get(workspaceId, ticket.customerId);
  if (!customer)
    throw new DeskError("not_found", `Ticket ${ticketId} names customer ${ticket.customerId}, who is missing.`);
  const accountEvents = await sources.customers.accountEvents(workspaceId, customer.id, accountEventLimit);
  const knowledge = await sources.knowledgeOf(workspaceId);
  const allKnownIssues = await listKnownIssues(sources.knownIssues, workspaceId);

  const customerMessages = ticket.messages.filter((message) => message.author === "customer" && message.public);
  const question = [ticket.subject, ...customerMessages.map((message) => message.body)].filter(Boolean).join("\n");
  const latestMessageAt = customerMessages.at(-1)?.at ?? ticket.createdAt;
  const asOf = new Date(Math.min(latestMessageAt.getTime(), now.getTime()));

  const similarTickets = knowledge.solvedIndex
    .search(question, { limit: similarTicketLimit + 5 })
    .flatMap((hit) => {
      const summary = knowledge.historyById.get(hit.id);
      return summary && summary.customerId !== customer.id && summary.id !== ticket.id
        ? [{ item: summary, score: hit.score }]
        : [];
    })
    .slice(0, similarTicketLimit);
  const alike = similarTickets.map((scored) => scored.item).filter((summary) => readsAlike(summary, question));
  const topic = chooseTopic(ticket, knowledge, allKnownIssues, question, alike);

  const articles = knowledge.articleIndex
    .search(`${topic.label}\n${question}`, { limit: articleLimit })
    .flatMap((hit) => {
      const article = knowledge.articles.get(hit.id);
      return article ? [{ item: article, score: hit.score }] : [];
    });

  return {
    now,
    asOf,
    workspace,
    ticket,
    customer,
    customerMessages,
    earlierTickets: knowledge.history
      .filter((summary) => summary.customerId === customer.id && summary.id !== ticket.id)
      .slice(0, earlierTicketLimit),
    accountEvents,
    knownIssues: rankKnownIssues(ticket.knownIssueId, allKnownIssues, question),
    articles,
    similarTickets,
    topic,
    recurringTicketIds: recurringTickets(knowledge, ticket, topic.label, alike, asOf),
  };
}

async function listKnownIssues(store: KnownIssueStore, workspaceId: string): Promise<KnownIssue[]> {
  const page = await store.list(workspaceId, { limit: 200 });
  return page.items;
}

function chooseTopic(
  ticket: ResponderContext["ticket"],
  knowledge: WorkspaceKnowledge,
  knownIssues: KnownIssue[],
  question: string,
  alike: TicketSummary[],
): ResponderContext["topic"] {
  const pick = (label: string, source: TopicSource, confidence: number) => ({ label, source, confidence });
  if (ticket.topic) return pick(ticket.topic, "ticket", 1);
  const linked = knownIssues.find((issue) => issue.id === ticket.knownIssueId);
  if (linked) return pick(linked.title, "known_issue", 0.9);
  const learnt = knowledge.topics?.classify(question);
  if (learnt?.label && learnt.confidence >= topicConfidenceFloor)
    return pick(learnt.label, "learned", learnt.confidence);
  const precedent = alike[0];
  const precedentLabel = precedent?.topic ?? precedent?.subject;
  if (precedentLabel) return pick(precedentLabel, "similar", 0.6);
  const subject = ticket.subject?.trim() || firstLine(question);
  return pick(subject.slice(0, 80), "subject", 0.3);
}

// Two tickets are about the same problem when they share this many topic words, and this share of the shorter one's.
const alikeSharedWords = 2;
const alikeShare = 0.2;

function readsAlike(summary: TicketSummary, question: string): boolean {
  const mine = new Set(significantWords(question));
  const theirs = new Set(significantWords(ticketText(summary)));
  const shared = [...theirs].filter((word) => mine.has(word)).length;
  return shared >= alikeSharedWords && shared / Math.max(1, Math.min(mine.size, theirs.size)) >= alikeShare;
}

function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim().length > 0) ?? "";
}

/** The ticket's own known issue first; others when their title and tags share enough words with the conversation. */
function rankKnownIssues(linkedId: string | null, issues: KnownIssue[], question: string): Scored<KnownIssue>[] {
  const words = new Set(significantWords(question));
  return issues
    .map((issue) => {
      if (issue.id === linkedId) return { item: issue, score: 1 };
      const issueWords = [...new Set(significantWords(`${issue.title} ${issue.tags.join(" ")}`))];
      const shared = issueWords.filter((word) => words.has(word)).length;
      return { item: issue, score: shared >= 2 && issueWords.length ? shared / issueWords.length : 0 };
    })
    .filter((scored) => scored.score >= 0.34 && (scored.item.id === linkedId || scored.item.status !== "fixed"))
    .sort((a, b) => b.score - a.score);
}

// Common English words that carry no topic; three-letter words that do (csv, api, sso) are kept.
const shortStopWords = new Set(
  [
    "the and for you not but has was are can our any all get its one out now why how who did may new had her his she",
    "him too use way day see two yes got let own try per via off set this that with from have since your they them",
    "there what when which would could should about after again every some just been were will into also only than",
    "then very more most much many here where while still because please thanks thank hello",
  ]
    .join(" ")
    .split(" "),
);

/** Lower-cased words of three letters or more, cut to a common stem so "exports" meets "export". */
export function significantWords(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}{3,}/gu) ?? [])
    .filter((word) => !shortStopWords.has(word))
    .map((word) => word.slice(0, 6));
}

function recurringTickets(
  knowledge: WorkspaceKnowledge,
  ticket: ResponderContext["ticket"],
  topic: string,
  alike: TicketSummary[],
  asOf: Date,
): string[] {
  const since = asOf.getTime() - recurrenceWindow;
  const same = knowledge.history.filter(
    (summary) =>
      summary.createdAt.getTime() >= since &&
      (summary.topic === topic || (ticket.knownIssueId !== null && summary.knownIssueId === ticket.knownIssueId)),
  );
  const ids = new Set([...same, ...alike.filter((summary) => summary.createdAt.getTime() >= since)].map((s) => s.id));
  ids.add(ticket.id);
  return [...ids];
}

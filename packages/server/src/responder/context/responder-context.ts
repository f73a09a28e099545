import type { AccountEvent, Customer } from "../../core/customers/customer.ts";
import type { Article, KnownIssue, TicketSummary, WorkspaceProfile } from "../../core/ports.ts";
import type { Message, TicketDetail } from "../../core/tickets/ticket.ts";

export type Scored<T> = { item: T; score: number };

/** Where the ticket's topic label came from, most trusted first. */
export type TopicSource = "ticket" | "known_issue" | "learned" | "similar" | "subject";

/**
 * Everything the responder may say about a ticket, gathered once. The offline engine and a
 * language model both write from this and nothing else, so every fact in a draft has a source here.
 */
export type ResponderContext = {
  /** When the draft is made: promises (follow-ups) count from here. */
  now: Date;
  /**
   * The moment the customer describes: their latest message. What their account shows and how
   * long the problem has lasted are read as of then, so a ticket drafted late still reads true.
   */
  asOf: Date;
  workspace: WorkspaceProfile;
  ticket: TicketDetail;
  customer: Customer;
  /** Public customer messages, oldest first. */
  customerMessages: Message[];
  /** The customer's other tickets, newest first, with how they were answered. */
  earlierTickets: TicketSummary[];
  /** The customer's account events, newest first. */
  accountEvents: AccountEvent[];
  /** The ticket's own known issue first (score 1), then open ones matching its words. */
  knownIssues: Scored<KnownIssue>[];
  /** Best first. */
  articles: Scored<Article>[];
  /** Solved or closed tickets of other customers that read alike, best first. */
  similarTickets: Scored<TicketSummary>[];
  topic: { label: string; source: TopicSource; confidence: number };
  /** Tickets of the last 30 days about the same problem (same topic or known issue), this one included. */
  recurringTicketIds: string[];
};

import type { ResponderContext } from "./context/responder-context.ts";
import type { Category, DraftPriority } from "./draft.ts";
import {
  assessMood,
  categorise,
  choosePriority,
  detectInjection,
  detectLanguage,
  type EscalationNeed,
  escalationNeedFor,
} from "./triage/index.ts";

/** What the triage functions read off a ticket; the plan turns it into a reply and actions. */
export type TicketSignals = {
  language: string;
  sentiment: "negative" | "neutral" | "positive";
  frustration: number;
  moodSignals: string[];
  injection: { flagged: boolean; reasons: string[] };
  category: Category;
  categoryConfidence: number;
  categoryEvidence: string[];
  /** A need that always goes to its own team (privacy, security, legal), read off the words. */
  sensitiveNeed: EscalationNeed | null;
  earlierContactsOnSameProblem: number;
};

const sameProblemWindow = 30 * 24 * 60 * 60 * 1000;

export function readSignals(context: ResponderContext, documentedLimit: boolean): TicketSignals {
  const { ticket, customer, customerMessages, asOf } = context;
  const texts = customerMessages.map((message) => message.body);
  const latest = texts.at(-1) ?? ticket.subject ?? "";
  const earlierContacts = context.earlierTickets.filter(
    (earlier) =>
      asOf.getTime() - earlier.createdAt.getTime() <= sameProblemWindow &&
      ((earlier.topic !== null && earlier.topic === ticket.topic) ||
        (earlier.knownIssueId !== null && earlier.knownIssueId === ticket.knownIssueId)),
  ).length;
  const mood = assessMood({
    customerMessages: customerMessages.map((message) => ({ body: message.body, at: message.at })),
    openedAt: ticket.createdAt,
    now: asOf,
    earlierContactsOnSameProblem: earlierContacts,
  });
  const linkedIssue = context.knownIssues.find((scored) => scored.item.id === ticket.knownIssueId)?.item ?? null;
  const injection = detectInjection(texts.join("\n"));
  const category = categorise({
    subject: ticket.subject,
    // Orders aimed at the assistant are not the customer's problem; they must not pick the category.
    customerMessages: injection.flagged ? texts.map(withoutInstructions) : texts,
    accountEventTypes: context.accountEvents.slice(0, 20).map((event) => event.type),
    knownIssue: linkedIssue ? { status: linkedIssue.status } : null,
    similarOpenTickets: context.recurringTicketIds.length,
    documentedLimit,
  });
  const allText = [ticket.subject ?? "", ...texts].join("\n");
  return {
    language: detectLanguage(latest, { fallback: customer.language }),
    sentiment: mood.sentiment,
    frustration: mood.frustration,
    moodSignals: mood.signals,
    injection,
    category: category.category,
    categoryConfidence: category.confidence,
    categoryEvidence: category.evidence,
    sensitiveNeed: escalationNeedFor(category.category, allText),
    earlierContactsOnSameProblem: earlierContacts,
  };
}

export function priorityFor(
  signals: TicketSignals,
  context: ResponderContext,
  situation: { outage: boolean; blocking: boolean },
): DraftPriority {
  return choosePriority({
    category: signals.category,
    frustration: signals.frustration,
    customerPlan: context.customer.plan,
    outage: situation.outage,
    blocking: situation.blocking,
    securityOrLegal: signals.sensitiveNeed === "security" || signals.sensitiveNeed === "legal",
    currentPriority: context.ticket.priority,
  });
}

const addressedToAssistant =
  /\b(assistant|asistente|assistent|assistente|ai|ia|ki|bot|chatbot|system|sistema|système|prompt|instruc\w*|ignore|ignora|ignoriere|ignorez)\b|助手|系统|忽略|指令/iu;

/** The customer's text without bracketed asides and sentences spoken to the assistant. */
function withoutInstructions(text: string): string {
  return text
    .replace(/[[<{][^\]>}]*[\]>}]/g, " ")
    .split(/(?<=[.!?。！？])\s+|\n+/)
    .filter((sentence) => !addressedToAssistant.test(sentence))
    .join(" ");
}

import type { Category } from "../draft.ts";
import { categoryWords } from "./category-words.ts";
import { compileLexicon, matchLexicon, type TermMatch } from "./lexicon.ts";
import { round } from "./numbers.ts";

const lexicon = compileLexicon(categoryWords);

/** On a tie, the category with the firmer consequence wins (privacy before bug before how-to). */
const precedence: readonly Category[] = [
  "data_privacy",
  "outage",
  "account_access",
  "cancellation",
  "billing",
  "shipping",
  "bug",
  "feature_request",
  "how_to",
  "complaint",
  "other",
];

/** The subject and the first message say what the ticket is about; later ones mostly follow up. */
const subjectWeight = 1;
const firstMessageWeight = 1;
const laterMessageWeight = 0.4;
const accountEventWeight = 0.25;
const knownIssueBugWeight = 1;
const sharedIssueOutageWeight = 3;
const sharedIssueTickets = 5;
const settledStatuses = /^(fixed|resolved|closed|done|solved)$/i;

export type CategoriseInput = {
  subject: string | null;
  customerMessages: string[];
  accountEventTypes?: string[];
  knownIssue?: { status: string } | null;
  similarOpenTickets?: number;
  /** The failure is a documented limit of the customer's plan: working as designed, so how-to. */
  documentedLimit?: boolean;
};

export type Categorisation = { category: Category; confidence: number; evidence: string[] };

type Evidence = { category: Category; weight: number; note: string };

function textEvidence(source: string, text: string, weight: number, quoteWhole = false): Evidence[] {
  return matchLexicon(text, lexicon)
    .filter((match): match is TermMatch<Category> => match.label !== "resolved")
    .map((match) => ({
      category: match.label,
      weight: match.weight * weight,
      note: `${source}: "${quoteWhole ? text : match.text}"`,
    }));
}

function contextEvidence(input: CategoriseInput): Evidence[] {
  const issue = input.knownIssue;
  if (!issue || settledStatuses.test(issue.status)) return [];
  const similar = input.similarOpenTickets ?? 0;
  const evidence: Evidence[] = [
    { category: "bug", weight: knownIssueBugWeight, note: `known issue (${issue.status})` },
  ];
  if (similar >= sharedIssueTickets) {
    const note = `known issue (${issue.status}) shared by ${similar} open tickets`;
    evidence.push({ category: "outage", weight: sharedIssueOutageWeight, note });
  }
  return evidence;
}

/**
 * The ticket's category in the default taxonomy, from weighted phrases in five languages over the
 * whole conversation (subject and first message weigh most, so "thanks, that fixed it" keeps the
 * original category), account events, and a known issue that many open tickets share (outage).
 */
export function categorise(input: CategoriseInput): Categorisation {
  const [first, ...later] = input.customerMessages;
  const evidence = [
    ...textEvidence("subject", input.subject ?? "", subjectWeight),
    ...textEvidence("message 1", first ?? "", firstMessageWeight),
    ...later.flatMap((message, index) => textEvidence(`message ${index + 2}`, message, laterMessageWeight)),
    ...(input.accountEventTypes ?? []).flatMap((type) => textEvidence("account event", type, accountEventWeight, true)),
    ...contextEvidence(input),
  ];
  const scores = new Map<Category, number>();
  for (const { category, weight } of evidence) scores.set(category, (scores.get(category) ?? 0) + weight);
  const ranked = [...scores].sort((a, b) => b[1] - a[1] || precedence.indexOf(a[0]) - precedence.indexOf(b[0]));
  const [best, second] = ranked;
  if (!best) return { category: "other", confidence: 0.3, evidence: [] };

  const [winner, top] = best;
  const runnerUp = second?.[1] ?? 0;
  // A clear lead and plenty of evidence both count: one weak word alone stays below 0.4.
  const confidence = round((0.5 + (0.5 * (top - runnerUp)) / top) * (1 - Math.exp(-top / 2)));
  const notes = evidence
    .filter((item) => item.category === winner)
    .sort((a, b) => b.weight - a.weight)
    .map((item) => item.note);
  const unique = [...new Set(notes)].slice(0, 6);
  if (winner === "bug" && input.documentedLimit) {
    return { category: "how_to", confidence, evidence: ["documented limit of the plan", ...unique] };
  }
  return { category: winner, confidence, evidence: unique };
}

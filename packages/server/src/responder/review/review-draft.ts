import type { ResponderContext } from "../context/responder-context.ts";
import type { Draft } from "../draft.ts";
import { readFigures } from "../drafting/account-findings.ts";
import { formatDate, formatDay } from "../drafting/format.ts";
import { firstName, formatFigure } from "../drafting/render-reply.ts";
import { detectLanguage } from "../triage/index.ts";

export type ReviewFinding = { check: string; detail: string; penalty: number };
export type Review = { draft: Draft; findings: ReviewFinding[]; rejected: boolean };

export const genericPhrases = [
  /\bdear (valued )?customer\b/i,
  /\bwe are looking into it\b/i,
  /\bthank you for your patience\b/i,
  /\bsorry for any inconvenience\b/i,
  /\bsehr geehrte[rs]? kund/i,
  /\bestimado cliente\b/i,
  /\bcher client\b/i,
  /尊敬的客户/,
];
export const promisePattern =
  /\b(i'll|i will|we'll|we will) (follow up|get back|update you|be in touch|check)|\b(melde mich|melden uns)\b|\b(le escribiré|nos pondremos en contacto)\b|\b(je reviendrai|nous reviendrons)\b|会(在.*)?跟进/iu;
const refundActionTypes = new Set([
  "request_refund",
  "issue_refund",
  "refund",
  "apply_credit",
  "change_plan",
  "apply_discount",
]);
const refundPromisePattern =
  /\b(i've|i have|we've|we have) (issued|processed|approved|refunded)\b|\brefund (has been|was) (issued|processed|approved)\b/i;

/**
 * Checks a draft before anyone sees it: specific, personal, sourced, in the customer's language,
 * within policy and deaf to instructions hidden in customer text. Fixes what it can, lowers
 * confidence for the rest, and rejects what must not be sent (a model's draft then falls back).
 */
export function reviewDraft(input: {
  draft: Draft;
  context: ResponderContext;
  language: string;
  injectionFlagged: boolean;
  refundRefused: boolean;
  /** Numbers the engine computed from cited data (attempt counts, days), allowed in the reply. */
  derivedNumbers: string[];
}): Review {
  const { context } = input;
  const findings: ReviewFinding[] = [];
  let draft = input.draft;
  let rejected = false;
  const flag = (check: string, detail: string, penalty: number, reject = false) => {
    findings.push({ check, detail, penalty });
    if (reject) rejected = true;
  };
  const body = draft.reply.body;

  const generic = genericPhrases.find((pattern) => pattern.test(body));
  if (generic) flag("generic", `generic phrasing: ${generic.source}`, 0.15);

  const name = firstName(context.customer.name, input.language);
  if (name && !body.includes(name)) flag("name", `the reply does not greet ${name} by name`, 0.2, true);

  if (promisePattern.test(body) && !draft.followUp)
    flag("promise", "the reply promises to get back without a follow-up", 0.2);

  const unsourced = unsourcedNumbers(body, context, draft, input.derivedNumbers);
  if (unsourced.length) flag("facts", `figures without a source: ${unsourced.join(", ")}`, 0.3, true);

  const replyLanguage = detectLanguage(stripQuotes(body), { fallback: input.language });
  if (replyLanguage !== input.language)
    flag("language", `reply reads as ${replyLanguage}, customer writes ${input.language}`, 0.3, true);

  const forbidden = draft.actions.filter((action) => refundActionTypes.has(action.type));
  if (forbidden.length && (input.injectionFlagged || input.refundRefused)) {
    draft = { ...draft, actions: draft.actions.filter((action) => !refundActionTypes.has(action.type)) };
    flag(
      input.injectionFlagged ? "injection" : "policy",
      `removed ${forbidden.map((action) => action.type).join(", ")}: ${input.injectionFlagged ? "asked for by instructions in customer text" : "the knowledge base's policy refuses it"}`,
      0.3,
    );
  }
  if (refundPromisePattern.test(body) && (input.injectionFlagged || input.refundRefused)) {
    flag("policy", "the reply says a refund was made that policy or the desk did not approve", 0.4, true);
  }

  const penalty = findings.reduce((sum, finding) => sum + finding.penalty, 0);
  if (findings.length) {
    draft = {
      ...draft,
      confidence: Math.round(Math.max(0.05, draft.confidence - penalty) * 100) / 100,
      internalNote: {
        ...draft.internalNote,
        body: `${draft.internalNote.body}\nReview: ${findings.map((finding) => finding.detail).join("; ")}.`,
      },
    };
  }
  return { draft, findings, rejected };
}

/** Quoted workspace text (workarounds, titles, the customer's subject) is not the reply's own language. */
function stripQuotes(text: string): string {
  return text.replace(/[“«„"「][^”»“"」]*[”»“"」]/gu, " ").replace(/\b[A-Z][A-Z0-9_]{3,}\b/g, " ");
}

/**
 * Every number in the reply must come from somewhere the workspace holds: the customer's words,
 * the cited events, articles and known issues (as written or as the reply formats them), the
 * follow-up date, or the ticket itself.
 */
function unsourcedNumbers(reply: string, context: ResponderContext, draft: Draft, derived: string[]): string[] {
  const language = draft.triage.language;
  const zone = context.workspace.timezone;
  const sources: string[] = [
    context.workspace.name,
    context.customer.name,
    context.ticket.id,
    context.ticket.subject ?? "",
    context.topic.label,
    ...derived,
    ...context.customerMessages.map((message) => message.body),
  ];
  const cited = new Set(draft.citations.map((citation) => `${citation.kind}:${citation.id}`));
  for (const event of context.accountEvents) {
    if (!cited.has(`account_event:${event.id}`)) continue;
    sources.push(formatDate(event.at, language, zone), JSON.stringify(event.data ?? {}));
    sources.push(...readFigures(event.data ?? {}).map((figure) => formatFigure(figure, language)));
  }
  for (const { item } of context.articles) if (cited.has(`article:${item.id}`)) sources.push(item.title, item.body);
  for (const { item } of context.knownIssues) {
    if (cited.has(`known_issue:${item.id}`)) sources.push(item.title, item.workaround ?? "");
  }
  if (draft.followUp) sources.push(formatDay(new Date(draft.followUp.dueAt), language, zone));
  const haystack = sources.join("\n");
  const numbers = reply.match(/\d+(?:[.,]\d+)*/g) ?? [];
  // Numbered steps and list markers ("1.", "2.") are layout, not facts.
  const layout = new Set(reply.match(/^\s*\d+(?=[.)]\s)/gm)?.map((marker) => marker.trim()) ?? []);
  return [...new Set(numbers)].filter((number) => !layout.has(number) && !haystack.includes(number));
}

import { genericPhrases, promisePattern } from "./review-draft.ts";

/**
 * A coaching score for one public reply, on the dimensions the brief asks of every answer:
 * empathy, specificity, personalisation, next steps, and a promised follow-up kept. Each is 0–1
 * and comes with the reason, so an agent sees what to change; it is a reading of the text, not a
 * verdict on the agent.
 */

export type ReplyQualityInput = {
  body: string;
  customerName: string;
  /** The customer's messages before this reply, oldest first. */
  customerMessages: string[];
  /** Public agent or responder replies after this one, with their times. */
  laterReplies: { at: Date; body: string }[];
  at: Date;
};

export type ReplyQuality = {
  empathy: number;
  specificity: number;
  personalisation: number;
  nextSteps: number;
  /** null when the reply promised no follow-up. */
  followUpKept: number | null;
  overall: number;
  notes: string[];
};

const empathyPatterns = [
  /\b(i'?m|i am|we'?re|we are) (so |really |very )?sorry\b/i,
  /\bi (completely |fully |totally )?understand\b/i,
  /\b(frustrat|annoying|disappoint|stressful|worr)/i,
  /\bapolog/i,
  /\b(es tut (mir|uns) leid|ich verstehe|entschuldig|ärgerlich)/i,
  /\b(lo siento|lamento|entiendo|disculp)/i,
  /\b(désolé|je comprends|excuse|navré)/i,
];
const thanksPattern = /\b(thank you|thanks|danke|gracias|merci)\b/i;
const nextStepPatterns = [
  /^\s*(\d+[.)]|[-*•])\s+\S/m,
  /\b(please (try|check|send|reply|confirm|click|open|go to)|could you (send|share|try|confirm))\b/i,
  /\b(i'?ve|i have|we'?ve|we have) (reset|updated|changed|applied|fixed|restored|re-?sent|sent|enabled|escalated|refunded|credited|triggered|scheduled|flagged|logged|created|opened)\b/i,
  /\b(next step|here'?s what|what happens next|in the meantime|as a workaround)\b/i,
  /\b(you can (change|find|set|turn|switch|add|remove|export|download|use)|go to|under settings)\b/i,
  /\b(bitte (versuchen|prüfen|senden)|nächste[rn]? schritt)/i,
  /\b(por favor (intenta|prueba|envía)|siguiente paso)/i,
  /\b(veuillez|pourriez-vous|prochaine étape)/i,
];
const concretePattern = /(\d|https?:\/\/|`[^`]+`|\b[A-Z]{2,}[-_]?\d+\b)/;
const wordPattern = /[\p{L}\p{N}]{4,}/gu;
const commonWords = new Set([
  "that",
  "this",
  "with",
  "have",
  "your",
  "from",
  "they",
  "will",
  "what",
  "when",
  "there",
  "about",
  "would",
  "could",
  "please",
  "thanks",
  "thank",
  "hello",
  "just",
  "some",
  "been",
  "here",
  "were",
  "does",
  "also",
]);
/** A promised follow-up counts as kept when another reply comes within this time. */
const followUpWindowMs = 48 * 3_600_000;

function significantWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(wordPattern) ?? []).filter((word) => !commonWords.has(word)));
}

export function scoreReply(input: ReplyQualityInput): ReplyQuality {
  const notes: string[] = [];
  const body = input.body;

  let empathy = empathyPatterns.some((pattern) => pattern.test(body)) ? 1 : thanksPattern.test(body) ? 0.5 : 0;
  if (genericPhrases.some((pattern) => pattern.test(body))) {
    empathy = Math.min(empathy, 0.5);
    notes.push("generic phrasing: say what happened to this customer instead");
  } else if (empathy < 1) notes.push("no acknowledgement of how this affects the customer");

  const asked = significantWords(input.customerMessages.join("\n"));
  const answered = significantWords(body);
  const shared = [...answered].filter((word) => asked.has(word)).length;
  const specificity = Math.min(1, Math.min(shared, 4) / 8 + (concretePattern.test(body) ? 0.5 : 0));
  if (specificity < 0.5) notes.push("few specifics: name the error, the setting or the figure the customer mentioned");

  const first = input.customerName.trim().split(/\s+/)[0] ?? "";
  const personalisation = first.length > 1 && body.toLowerCase().includes(first.toLowerCase()) ? 1 : 0;
  if (personalisation === 0) notes.push("the customer is not addressed by name");

  const nextSteps = nextStepPatterns.some((pattern) => pattern.test(body)) ? 1 : 0;
  if (nextSteps === 0) notes.push("no next step: say what you did or what the customer should do");

  let followUpKept: number | null = null;
  if (promisePattern.test(body)) {
    const deadline = input.at.getTime() + followUpWindowMs;
    followUpKept = input.laterReplies.some((reply) => reply.at.getTime() <= deadline) ? 1 : 0;
    if (followUpKept === 0) notes.push("a follow-up was promised and did not come within 48 hours");
  }

  const dimensions = [
    empathy,
    specificity,
    personalisation,
    nextSteps,
    ...(followUpKept === null ? [] : [followUpKept]),
  ];
  const overall = dimensions.reduce((sum, value) => sum + value, 0) / dimensions.length;
  return { empathy, specificity, personalisation, nextSteps, followUpKept, overall, notes };
}

import { createHash, randomBytes } from "node:crypto";
import type { ChannelName } from "../snapshot/snapshot-schema.ts";
import { surveyText } from "./survey-text.ts";

/** How long after the survey is sent an answer is accepted and may still be changed. */
export const csatAnswerWindowMs = 7 * 24 * 60 * 60 * 1000;
/** When one reminder goes out if the survey is still unanswered. */
export const csatReminderDelayMs = 48 * 60 * 60 * 1000;
export const csatReminderJob = "csat-reminder";

export type CsatScore = 1 | 2 | 3 | 4 | 5;
export const csatScores: readonly CsatScore[] = [1, 2, 3, 4, 5];
/** The English labels; `surveyText(language).labels` has them in the survey's language. */
export const csatLabels: Record<CsatScore, string> = surveyText("en").labels;

export type CsatSurvey = {
  workspaceId: string;
  ticketId: string;
  sentAt: Date;
  messageId: string | null;
  remindedAt: Date | null;
  firstAnsweredAt: Date | null;
  closesAt: Date;
  /** The language it was sent in (the ticket's), so its page answers in it; null for surveys older than that. */
  language: string | null;
};

/** How an answer arrived: the survey page, or a bare 1–5 reply on a text channel. */
export type CsatAnswerSource = "survey_page" | "reply";

export type CsatAnswer = { score: CsatScore; comment: string | null; at: Date; via: CsatAnswerSource };

/** What the survey page shows: the ticket it is about and any answer already given. */
export type CsatSurveyView = CsatSurvey & {
  ticketSubject: string | null;
  current: { score: number; comment: string | null } | null;
};

export type CsatStore = {
  /** Records a new survey; false when the ticket already has one (one survey per ticket). */
  create(
    survey: Omit<CsatSurvey, "remindedAt" | "firstAnsweredAt" | "language"> & {
      tokenHash: string;
      language?: string | null;
    },
  ): Promise<boolean>;
  remove(workspaceId: string, ticketId: string): Promise<void>;
  setMessage(workspaceId: string, ticketId: string, messageId: string): Promise<void>;
  get(workspaceId: string, ticketId: string): Promise<CsatSurvey | null>;
  findByToken(tokenHash: string): Promise<CsatSurveyView | null>;
  /** Stores the score on the ticket with a `csat_received` event and a notification, in one transaction. */
  recordAnswer(workspaceId: string, ticketId: string, answer: CsatAnswer): Promise<void>;
  markReminded(workspaceId: string, ticketId: string, at: Date): Promise<void>;
};

/** A fresh capability for one ticket's survey: 256 random bits, URL-safe; only its hash is stored. */
export function newSurveyToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSurveyToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeSurveyToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** Channels where the customer can click a link; elsewhere the survey asks for a 1–5 reply. */
const linkChannels: ReadonlySet<ChannelName> = new Set(["email", "in_app", "api"]);

/** The survey as a message on the ticket's channel, in the ticket's language (English when absent or unsupported). */
export function surveyMessage(input: {
  channel: ChannelName;
  link: string;
  reminder: boolean;
  language?: string | null;
}): string {
  const text = surveyText(input.language);
  const opening = input.reminder ? text.reminder : text.ask;
  if (linkChannels.has(input.channel)) {
    const choices = csatScores.map((score) => `${score} (${text.labels[score]}): ${input.link}?score=${score}`);
    return [opening, "", text.chooseScore, ...choices, "", text.commentOnPage].join("\n");
  }
  return [opening, text.replyWithNumber, text.orComment(input.link)].join("\n");
}

/** A reply that is nothing but a score (e.g. "4" or " 5. "), or null. */
export function readScoreReply(body: string): CsatScore | null {
  const match = /^\s*([1-5])\s*[.!]?\s*$/.exec(body);
  return match ? (Number(match[1]) as CsatScore) : null;
}

export function isSurveyOpen(survey: Pick<CsatSurvey, "closesAt">, now: Date): boolean {
  return now.getTime() <= survey.closesAt.getTime();
}

/**
 * Whether a customer message answers the survey: it is the first customer message after the
 * survey's own message, and it is a bare score. Messages are the ticket's, oldest first.
 */
export function scoreFromReply(
  survey: Pick<CsatSurvey, "messageId" | "closesAt">,
  messages: readonly { id: string; author: string; body: string }[],
  replyId: string,
  now: Date,
): CsatScore | null {
  if (!survey.messageId || !isSurveyOpen(survey, now)) return null;
  const surveyIndex = messages.findIndex((message) => message.id === survey.messageId);
  if (surveyIndex < 0) return null;
  const firstCustomerReply = messages.slice(surveyIndex + 1).find((message) => message.author === "customer");
  if (!firstCustomerReply || firstCustomerReply.id !== replyId) return null;
  return readScoreReply(firstCustomerReply.body);
}

import { DeskError } from "../errors.ts";
import type { Clock, JobQueue, TicketStore } from "../ports.ts";
import { addMessage } from "../tickets/ticket-use-cases.ts";
import {
  type CsatScore,
  type CsatStore,
  csatAnswerWindowMs,
  csatReminderDelayMs,
  csatReminderJob,
  hashSurveyToken,
  isSurveyOpen,
  looksLikeSurveyToken,
  newSurveyToken,
  scoreFromReply,
  surveyMessage,
} from "./csat.ts";

export type CsatDeps = {
  tickets: TicketStore;
  csat: CsatStore;
  clock: Clock;
  jobs: JobQueue;
  /** Where the desk is reachable from outside, e.g. https://support.example.com; links start with it. */
  publicUrl: string;
};

export function surveyLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/csat/${token}`;
}

/**
 * Opens a solved ticket's survey (once per ticket) and returns the words that ask for it, for the
 * caller to post in its own message; then call `surveyPosted`, or `surveyNotPosted` if posting failed.
 * null when the ticket is not solved or already had a survey.
 */
export async function openCsatSurvey(
  input: { workspaceId: string; ticketId: string; language?: string | null },
  deps: CsatDeps,
): Promise<{ token: string; text: string } | null> {
  const ticket = await deps.tickets.get(input.workspaceId, input.ticketId);
  if (ticket?.status !== "solved") return null;
  const now = deps.clock.now();
  const token = newSurveyToken();
  const created = await deps.csat.create({
    workspaceId: input.workspaceId,
    ticketId: input.ticketId,
    tokenHash: hashSurveyToken(token),
    sentAt: now,
    messageId: null,
    closesAt: new Date(now.getTime() + csatAnswerWindowMs),
    language: input.language ?? null,
  });
  if (!created) return null;
  const text = surveyMessage({
    channel: ticket.channel,
    link: surveyLink(deps.publicUrl, token),
    reminder: false,
    language: input.language,
  });
  return { token, text };
}

/** The survey went out in message `messageId`: remember it (a bare 1–5 reply answers it) and schedule the reminder. */
export async function surveyPosted(
  input: { workspaceId: string; ticketId: string; token: string; messageId: string },
  deps: CsatDeps,
): Promise<void> {
  await deps.csat.setMessage(input.workspaceId, input.ticketId, input.messageId);
  await deps.jobs.schedule(
    csatReminderJob,
    { workspaceId: input.workspaceId, ticketId: input.ticketId, token: input.token },
    {
      runAt: new Date(deps.clock.now().getTime() + csatReminderDelayMs),
      singletonKey: `${input.workspaceId}:${input.ticketId}`,
    },
  );
}

/** Without its message the survey was never sent: forget it so a retry opens it again. */
export async function surveyNotPosted(input: { workspaceId: string; ticketId: string }, deps: CsatDeps): Promise<void> {
  await deps.csat.remove(input.workspaceId, input.ticketId);
}

/** Sends a solved ticket's survey once, as its own public message on the ticket's channel. */
export async function sendCsatSurvey(
  input: { workspaceId: string; ticketId: string; language?: string | null },
  deps: CsatDeps,
): Promise<boolean> {
  const survey = await openCsatSurvey(input, deps);
  if (!survey) return false;
  try {
    const { ticket } = await addMessage(
      { workspaceId: input.workspaceId, ticketId: input.ticketId, author: "system", public: true, body: survey.text },
      deps,
    );
    const message = ticket.messages.at(-1);
    if (message) await surveyPosted({ ...input, token: survey.token, messageId: message.id }, deps);
  } catch (error) {
    await surveyNotPosted(input, deps);
    throw error;
  }
  return true;
}

/** The one reminder: only while the survey is unanswered, open, and the ticket still takes messages. */
export async function remindCsatSurvey(
  input: { workspaceId: string; ticketId: string; token: string },
  deps: CsatDeps,
): Promise<boolean> {
  const survey = await deps.csat.get(input.workspaceId, input.ticketId);
  const now = deps.clock.now();
  if (!survey || survey.firstAnsweredAt || survey.remindedAt || !isSurveyOpen(survey, now)) return false;
  const ticket = await deps.tickets.get(input.workspaceId, input.ticketId);
  if (!ticket || ticket.status === "closed" || ticket.csat) return false;
  await addMessage(
    {
      workspaceId: input.workspaceId,
      ticketId: input.ticketId,
      author: "system",
      public: true,
      body: surveyMessage({
        channel: ticket.channel,
        link: surveyLink(deps.publicUrl, input.token),
        reminder: true,
        language: survey.language,
      }),
    },
    deps,
  );
  await deps.csat.markReminded(input.workspaceId, input.ticketId, now);
  return true;
}

/** An answer from the survey page; the token is the capability. */
export async function answerCsatSurvey(
  input: { token: string; score: CsatScore; comment: string | null },
  deps: Pick<CsatDeps, "csat" | "clock">,
): Promise<void> {
  const survey = looksLikeSurveyToken(input.token) ? await deps.csat.findByToken(hashSurveyToken(input.token)) : null;
  if (!survey) throw new DeskError("not_found", "This survey link is not valid.");
  const now = deps.clock.now();
  if (!isSurveyOpen(survey, now)) {
    throw new DeskError("conflict", "This survey has closed; answers were accepted for 7 days after it was sent.");
  }
  await deps.csat.recordAnswer(survey.workspaceId, survey.ticketId, {
    score: input.score,
    comment: input.comment,
    at: now,
    via: "survey_page",
  });
}

/** A customer's bare 1–5 reply right after the survey message records their score. */
export async function answerCsatByReply(
  input: { workspaceId: string; ticketId: string; messageId: string },
  deps: Pick<CsatDeps, "csat" | "clock" | "tickets">,
): Promise<CsatScore | null> {
  const survey = await deps.csat.get(input.workspaceId, input.ticketId);
  if (!survey) return null;
  const ticket = await deps.tickets.get(input.workspaceId, input.ticketId);
  if (!ticket) return null;
  const now = deps.clock.now();
  const score = scoreFromReply(survey, ticket.messages, input.messageId, now);
  if (score === null) return null;
  await deps.csat.recordAnswer(input.workspaceId, input.ticketId, { score, comment: null, at: now, via: "reply" });
  return score;
}

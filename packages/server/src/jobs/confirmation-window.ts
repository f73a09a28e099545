import { z } from "zod";
import { openCsatSurvey, surveyNotPosted, surveyPosted } from "../core/csat/csat-use-cases.ts";
import { confirmationQuestion, confirmationWindowHours } from "../core/follow-through/confirmation.ts";
import { planTicketUpdate } from "../core/tickets/lifecycle.ts";
import type { TicketDetail } from "../core/tickets/ticket.ts";
import { sendsSurveyOnSolve } from "./csat-jobs.ts";
import type { JobDefinition } from "./job-definition.ts";
import type { JobDeps } from "./job-deps.ts";
import { ticketLanguage } from "./ticket-language.ts";

const confirmationWindowPayload = z.object({
  workspaceId: z.string(),
  ticketId: z.string(),
  solvedAt: z.iso.datetime(),
});

export const confirmationWindowJobName = "confirmation.window";

/**
 * When the confirmation window of a solved ticket passes in silence, closes it
 * (status_changed solved → closed with confirmation "window_passed"). A ticket that was reopened,
 * or solved again since (its own timer counts then), is left alone.
 */
export const confirmationWindowJob: JobDefinition<z.infer<typeof confirmationWindowPayload>, JobDeps> = {
  name: confirmationWindowJobName,
  payload: confirmationWindowPayload,
  async handle(payload, deps) {
    const ticket = await deps.tickets.get(payload.workspaceId, payload.ticketId);
    if (ticket?.status !== "solved") return;
    if (lastSolvedAt(ticket)?.toISOString() !== payload.solvedAt) return;
    const now = deps.clock.now();
    await deps.tickets.change(payload.workspaceId, payload.ticketId, (current) =>
      current.status === "solved"
        ? planTicketUpdate(current, { status: "closed", confirmation: "window_passed" }, "system", now)
        : { at: now, fields: {}, events: [] },
    );
  },
};

/** A ticket was just solved: ask the customer to confirm, and close it when the window passes in silence. */
export async function askForConfirmation(workspaceId: string, ticket: TicketDetail, deps: JobDeps): Promise<void> {
  const solvedAt = lastSolvedAt(ticket);
  if (ticket.status !== "solved" || !solvedAt) return;
  const workspace = await deps.workspaces.profile(workspaceId);
  const hours = confirmationWindowHours(workspace?.settings ?? {});
  const scheduled = await deps.jobs.schedule(
    confirmationWindowJobName,
    { workspaceId, ticketId: ticket.id, solvedAt: solvedAt.toISOString() },
    {
      runAt: new Date(solvedAt.getTime() + hours * 60 * 60 * 1000),
      singletonKey: `${workspaceId}/${ticket.id}/${solvedAt.toISOString()}`,
    },
  );
  // Already asked for this solve (the notification was relayed twice).
  if (scheduled === null) return;
  const customer = await deps.customers.get(workspaceId, ticket.customerId);
  // The customer's own words decide the language, as for the responder's replies.
  const language = ticketLanguage(ticket, customer, workspace?.settings.language);
  const question = confirmationQuestion(language, hours);
  // The satisfaction survey shares the message: one message on solve, not two.
  const survey = sendsSurveyOnSolve(workspace?.settings ?? {})
    ? await openCsatSurvey({ workspaceId, ticketId: ticket.id, language }, deps)
    : null;
  const body = survey ? `${question}\n\n${survey.text}` : question;
  try {
    const { ticket: asked } = await deps.tickets.change(workspaceId, ticket.id, (current) =>
      current.status === "solved"
        ? { at: deps.clock.now(), fields: {}, events: [], message: { author: "system", public: true, body } }
        : { at: deps.clock.now(), fields: {}, events: [] },
    );
    const message = asked.messages.at(-1);
    if (survey && message?.body === body) {
      await surveyPosted({ workspaceId, ticketId: ticket.id, token: survey.token, messageId: message.id }, deps);
    } else if (survey) await surveyNotPosted({ workspaceId, ticketId: ticket.id }, deps);
  } catch (error) {
    if (survey) await surveyNotPosted({ workspaceId, ticketId: ticket.id }, deps);
    throw error;
  }
}

function lastSolvedAt(ticket: TicketDetail): Date | null {
  const solved = ticket.events.filter((event) => event.type === "status_changed" && event.to === "solved").at(-1);
  return solved?.at ?? null;
}

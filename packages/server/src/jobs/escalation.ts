import { z } from "zod";
import {
  escalateTicket,
  escalationOwner,
  escalationReminderHours,
  escalationReminderJobName,
  escalationTarget,
  isFirstAnswerFromOtherTeam,
  isUrgentAndUnanswered,
  openEscalation,
  urgentUnansweredJobName,
  urgentUnansweredMinutes,
} from "../core/follow-through/escalation.ts";
import {
  escalationNotice,
  mayAutoSendCustomerUpdate,
  teamAnswerOutcome,
  teamAnswerUpdate,
} from "../core/follow-through/escalation-update.ts";
import { planMessage } from "../core/tickets/lifecycle.ts";
import type { TicketDetail, TicketEvent } from "../core/tickets/ticket.ts";
import { autonomyPolicyOf } from "../responder/autonomy.ts";
import type { JobDefinition } from "./job-definition.ts";
import type { JobDeps } from "./job-deps.ts";
import { ticketLanguage } from "./ticket-language.ts";

const reminderPayload = z.object({ workspaceId: z.string(), ticketId: z.string(), escalatedAt: z.iso.datetime() });

/** Reminds the owner that a ticket they escalated is still with the other team: they still own it. */
export const escalationReminderJob: JobDefinition<z.infer<typeof reminderPayload>, JobDeps> = {
  name: escalationReminderJobName,
  payload: reminderPayload,
  async handle(payload, deps) {
    const ticket = await deps.tickets.get(payload.workspaceId, payload.ticketId);
    const escalation = ticket ? openEscalation(ticket) : null;
    if (!ticket || !escalation || escalation.at.toISOString() !== payload.escalatedAt) return;
    const owner = escalationOwner(escalation);
    await addNote(
      deps,
      payload.workspaceId,
      ticket.id,
      `${owner ? `@${owner}` : "Owner"}: this ticket is still on hold for team ${escalation.to} since ` +
        `${payload.escalatedAt.slice(0, 16).replace("T", " ")} UTC (reason: ${String(escalation.data?.reason ?? "none given")}). ` +
        "You still own the customer's experience: check in with the team and keep the customer updated.",
    );
  },
};

const unansweredPayload = z.object({ workspaceId: z.string(), ticketId: z.string() });

/** Escalates an urgent ticket still unanswered 30 minutes after it arrived, to the next team on its path. */
export const urgentUnansweredJob: JobDefinition<z.infer<typeof unansweredPayload>, JobDeps> = {
  name: urgentUnansweredJobName,
  payload: unansweredPayload,
  async handle(payload, deps) {
    const ticket = await deps.tickets.get(payload.workspaceId, payload.ticketId);
    if (!ticket || !isUrgentAndUnanswered(ticket)) return;
    const workspace = await deps.workspaces.profile(payload.workspaceId);
    let teamId: string;
    try {
      teamId = escalationTarget(workspace?.teams ?? [], ticket.teamId).id;
    } catch {
      // No escalation path from this ticket's team: nothing to escalate to.
      return;
    }
    await escalateTicket(
      {
        workspaceId: payload.workspaceId,
        ticketId: ticket.id,
        teamId,
        reason: `urgent and unanswered for ${urgentUnansweredMinutes} minutes`,
        actor: "system",
      },
      deps,
    );
  },
};

/**
 * What the follow-through subscriber does about escalations after a ticket change: the customer
 * hears that another team was brought in (`escalatedNow`: the change was the escalation), and
 * when that team first answers, the owner is told and the customer gets an update.
 */
export async function followEscalations(
  workspaceId: string,
  ticket: TicketDetail,
  message: { id: string; author: string } | null,
  deps: JobDeps,
  escalatedNow = false,
): Promise<void> {
  if (isUrgentAndUnanswered(ticket)) {
    await deps.jobs.schedule(
      urgentUnansweredJobName,
      { workspaceId, ticketId: ticket.id },
      {
        runAt: new Date(ticket.createdAt.getTime() + urgentUnansweredMinutes * 60 * 1000),
        singletonKey: `${workspaceId}/${ticket.id}`,
      },
    );
  }
  const escalation = openEscalation(ticket);
  if (escalation && escalatedNow) await updateCustomer(workspaceId, ticket, escalation, null, deps);
  if (!escalation || !message?.author.startsWith("agent:")) return;
  if (!isFirstAnswerFromOtherTeam(ticket, escalation, message.id)) return;
  const owner = escalationOwner(escalation);
  await addNote(
    deps,
    workspaceId,
    ticket.id,
    `${owner ? `@${owner}` : "Owner"}: team ${escalation.to} answered on the escalation (${message.author}). ` +
      "Update the customer and take the ticket off hold when it is back with you.",
  );
  const answer = ticket.messages.find((candidate) => candidate.id === message.id);
  // A public answer already reached the customer in the team's own words.
  if (answer && !answer.public) await updateCustomer(workspaceId, ticket, escalation, answer.body, deps);
}

/**
 * Drafts the customer's update, in their language and their channel's register: that the team was
 * brought in (`answer` null) or what the team's internal answer means for them (never its words).
 * It goes out alone when the autonomy policy allows customer updates; otherwise it waits for the
 * owner as a note from the responder that names them. Never twice for the same update.
 */
async function updateCustomer(
  workspaceId: string,
  ticket: TicketDetail,
  escalation: TicketEvent,
  answer: string | null,
  deps: JobDeps,
): Promise<void> {
  const workspace = await deps.workspaces.profile(workspaceId);
  if (!workspace || ticket.status === "closed") return;
  const customer = await deps.customers.get(workspaceId, ticket.customerId);
  const team = workspace.teams.find((candidate) => candidate.id === escalation.to);
  const from = answer === null ? escalation.at : deps.clock.now();
  const input = {
    customerName: customer?.name?.trim() || null,
    channel: ticket.channel,
    language: ticketLanguage(ticket, customer),
    teamName: team?.name ?? escalation.to ?? "specialist",
    nextUpdateAt: new Date(from.getTime() + escalationReminderHours * 60 * 60 * 1000),
    timeZone: workspace.timezone,
  };
  const body =
    answer === null ? escalationNotice(input) : teamAnswerUpdate({ ...input, outcome: teamAnswerOutcome(answer) });
  const already = ticket.messages.some(
    (message) => message.author === "responder" && message.at >= escalation.at && message.body.includes(body),
  );
  if (already) return;
  const decision = mayAutoSendCustomerUpdate(autonomyPolicyOf(workspace.settings));
  const owner = escalationOwner(escalation);
  const now = deps.clock.now();
  const update = decision.send
    ? { author: "responder" as const, public: true, body }
    : {
        author: "responder" as const,
        public: false,
        body:
          `${owner ? `@${owner}` : "Owner"}: an update for the customer is drafted and waits for you ` +
          `(not sent alone: ${decision.reason}). Send it as it is or edit it:\n\n${body}\n\n` +
          // Where its facts come from, as a draft cites them: the escalation, and the team's answer.
          `Citations: ticket ${ticket.id} (${answer === null ? "the escalation" : `team ${escalation.to}'s answer`}).`,
      };
  await deps.tickets.change(workspaceId, ticket.id, (current) =>
    current.status === "closed" ? { at: now, fields: {}, events: [] } : planMessage(current, update, now),
  );
}

async function addNote(deps: JobDeps, workspaceId: string, ticketId: string, body: string): Promise<void> {
  const now = deps.clock.now();
  await deps.tickets.change(workspaceId, ticketId, (current) =>
    current.status === "closed"
      ? { at: now, fields: {}, events: [] }
      : { at: now, fields: {}, events: [], message: { author: "system", public: false, body } },
  );
}

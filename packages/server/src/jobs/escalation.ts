import { z } from "zod";
import {
  escalateTicket,
  escalationOwner,
  escalationReminderJobName,
  escalationTarget,
  isFirstAnswerFromOtherTeam,
  isUrgentAndUnanswered,
  openEscalation,
  urgentUnansweredJobName,
  urgentUnansweredMinutes,
} from "../core/follow-through/escalation.ts";
import type { TicketDetail } from "../core/tickets/ticket.ts";
import type { JobDefinition } from "./job-definition.ts";
import type { JobDeps } from "./job-deps.ts";

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

/** What the follow-through subscriber does about escalations after a ticket change. */
export async function followEscalations(
  workspaceId: string,
  ticket: TicketDetail,
  message: { id: string; author: string } | null,
  deps: JobDeps,
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
}

async function addNote(deps: JobDeps, workspaceId: string, ticketId: string, body: string): Promise<void> {
  const now = deps.clock.now();
  await deps.tickets.change(workspaceId, ticketId, (current) =>
    current.status === "closed"
      ? { at: now, fields: {}, events: [] }
      : { at: now, fields: {}, events: [], message: { author: "system", public: false, body } },
  );
}

import { DeskError } from "../errors.ts";
import type { Clock, JobQueue, Team, TicketStore, WorkspaceStore } from "../ports.ts";
import type { Ticket, TicketChange, TicketDetail, TicketEvent } from "../tickets/ticket.ts";

/** Reminds the owner of a ticket still with another team (jobs/escalation.ts). */
export const escalationReminderJobName = "escalation.reminder";
/** Escalates an urgent ticket nobody answered (jobs/escalation.ts). */
export const urgentUnansweredJobName = "escalation.unanswered";

/** How long an escalated ticket waits on the other team before its owner is reminded. */
export const escalationReminderHours = 4;
/** The time-based rule: an urgent ticket unanswered this long is escalated. */
export const urgentUnansweredMinutes = 30;

/** The team to escalate to: the one asked for, else the next on the ticket's team's path. */
export function escalationTarget(teams: readonly Team[], currentTeamId: string | null, requested?: string): Team {
  if (requested !== undefined) {
    const team = teams.find((candidate) => candidate.id === requested);
    if (!team) {
      const known = teams.map((candidate) => candidate.id).join(", ") || "none yet";
      throw new DeskError("invalid_input", `teamId: there is no team ${requested} (teams: ${known}).`, {
        path: "teamId",
      });
    }
    return team;
  }
  const current = teams.find((candidate) => candidate.id === currentTeamId);
  const next = current?.escalatesTo ? teams.find((candidate) => candidate.id === current.escalatesTo) : undefined;
  if (!next) {
    throw new DeskError(
      "invalid_input",
      current
        ? `teamId: team ${current.id} escalates to no other team; name the team to escalate to.`
        : "teamId: the ticket has no team with an escalation path; name the team to escalate to.",
      { path: "teamId" },
    );
  }
  return next;
}

/**
 * Hands a ticket to another team while its owner (the assignee) stays responsible: the ticket goes
 * on hold for that team and an `escalated` event records from which team, to which, why and who
 * still owns it.
 */
export function planEscalation(
  ticket: Ticket,
  input: { teamId: string; reason: string; actor: string; now: Date },
): TicketChange {
  if (ticket.status === "solved" || ticket.status === "closed") {
    throw new DeskError(
      "invalid_transition",
      `Ticket ${ticket.id} is ${ticket.status}; reopen it (or use the customer's follow-up ticket) before escalating.`,
    );
  }
  if (ticket.status === "on_hold" && ticket.teamId === input.teamId) {
    throw new DeskError("conflict", `Ticket ${ticket.id} is already on hold for team ${input.teamId}.`);
  }
  const { now, actor } = input;
  const change: TicketChange = { at: now, fields: { teamId: input.teamId }, events: [] };
  if (ticket.status !== "on_hold") {
    change.fields.status = "on_hold";
    change.events.push({ at: now, actor, type: "status_changed", from: ticket.status, to: "on_hold", data: null });
  }
  change.events.push({
    at: now,
    actor,
    type: "escalated",
    from: ticket.teamId,
    to: input.teamId,
    data: { reason: input.reason, ownerId: ticket.assigneeId },
  });
  return change;
}

export type EscalationDeps = { tickets: TicketStore; workspaces: WorkspaceStore; jobs: JobQueue; clock: Clock };

export async function escalateTicket(
  input: { workspaceId: string; ticketId: string; teamId?: string; reason: string; actor: string },
  deps: EscalationDeps,
): Promise<TicketDetail> {
  const workspace = await deps.workspaces.profile(input.workspaceId);
  if (!workspace) throw new DeskError("not_found", `There is no workspace ${input.workspaceId}.`);
  const now = deps.clock.now();
  const { ticket } = await deps.tickets.change(input.workspaceId, input.ticketId, (current) =>
    planEscalation(current, {
      teamId: escalationTarget(workspace.teams, current.teamId, input.teamId).id,
      reason: input.reason,
      actor: input.actor,
      now,
    }),
  );
  await deps.jobs.schedule(
    escalationReminderJobName,
    { workspaceId: input.workspaceId, ticketId: ticket.id, escalatedAt: now.toISOString() },
    {
      runAt: new Date(now.getTime() + escalationReminderHours * 60 * 60 * 1000),
      singletonKey: `${input.workspaceId}/${ticket.id}/${now.toISOString()}`,
    },
  );
  return ticket;
}

/** The ticket's latest escalation, while it is still on hold for that team. */
export function openEscalation(ticket: TicketDetail): TicketEvent | null {
  const last = ticket.events.filter((event) => event.type === "escalated").at(-1);
  if (!last || ticket.status !== "on_hold" || ticket.teamId !== last.to) return null;
  return last;
}

/** The escalation's owner as `agent:<id>`, or null when the ticket had no assignee. */
export function escalationOwner(escalation: TicketEvent): string | null {
  const ownerId = escalation.data?.ownerId;
  return typeof ownerId === "string" ? ownerId : null;
}

/** True when `messageId` is the first message by an agent other than the owner since the escalation. */
export function isFirstAnswerFromOtherTeam(ticket: TicketDetail, escalation: TicketEvent, messageId: string): boolean {
  const owner = escalationOwner(escalation);
  const answers = ticket.messages.filter(
    (message) =>
      message.at.getTime() >= escalation.at.getTime() &&
      message.author.startsWith("agent:") &&
      message.author !== `agent:${owner}`,
  );
  return answers[0]?.id === messageId;
}

/** An urgent ticket that nobody on our side has answered yet, and that no one escalated. */
export function isUrgentAndUnanswered(ticket: TicketDetail): boolean {
  if (ticket.priority !== "urgent" || (ticket.status !== "new" && ticket.status !== "open")) return false;
  if (ticket.events.some((event) => event.type === "escalated")) return false;
  return !ticket.messages.some(
    (message) => message.public && (message.author === "responder" || message.author.startsWith("agent:")),
  );
}

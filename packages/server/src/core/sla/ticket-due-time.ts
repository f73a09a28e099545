import type { TicketStatus } from "../snapshot/snapshot-schema.ts";
import type { Ticket } from "../tickets/ticket.ts";
import type { SlaClock, SlaState } from "./ticket-clock.ts";
import { type SlaTicket, ticketSla } from "./ticket-sla.ts";

type SlaWorkspace = Parameters<typeof ticketSla>[1];
export type DueTimeTicket = SlaTicket & Pick<Ticket, "status" | "updatedAt">;

/** Statuses whose tickets can have a running clock (ticket-clock.ts pauses the others). */
export const runningStatuses: readonly TicketStatus[] = ["new", "open", "on_hold"];

/** A target counting now: not met and not paused. */
export function isRunningClock(clock: SlaClock): boolean {
  return clock.dueAt !== null && clock.metAt === null && !clock.paused;
}

/** The earliest due time among the running targets (first response, next response, resolution). */
export function earliestRunningDue(state: SlaState): Date | null {
  let earliest: Date | null = null;
  for (const clock of [state.firstResponse, state.nextResponse, state.resolution]) {
    if (!isRunningClock(clock) || !clock.dueAt) continue;
    if (earliest === null || clock.dueAt.getTime() < earliest.getTime()) earliest = clock.dueAt;
  }
  return earliest;
}

/**
 * The due time the inbox sorts by: the earliest running target of the ticket, null when no clock
 * runs (waiting on the customer, solved, closed, every target met or none set). It is read at the
 * ticket's last activity, which gives the same answer as any later moment: a running clock's due
 * time does not move while time passes, only when the ticket changes or its targets do. That keeps
 * it a function of what is stored, so every writer (a change, a snapshot import, a new policy)
 * arrives at the same value.
 */
export function ticketDueTime(ticket: DueTimeTicket, workspace: SlaWorkspace): Date | null {
  if (!runningStatuses.includes(ticket.status)) return null;
  return earliestRunningDue(ticketSla(ticket, workspace, lastActivity(ticket)));
}

function lastActivity(ticket: DueTimeTicket): Date {
  let latest = Math.max(ticket.createdAt.getTime(), ticket.updatedAt.getTime());
  for (const message of ticket.messages) latest = Math.max(latest, message.at.getTime());
  for (const event of ticket.events) latest = Math.max(latest, event.at.getTime());
  return new Date(latest);
}

import type { WorkspaceProfile } from "../ports.ts";
import type { Priority, TicketStatus } from "../snapshot/snapshot-schema.ts";
import type { Message, TicketDetail, TicketEvent } from "../tickets/ticket.ts";
import type { BusinessCalendar, Weekday } from "./business-hours.ts";
import { defaultSlaPolicies, resolveTargets, type SlaPolicy } from "./sla-policy.ts";
import { type SlaState, slaState } from "./ticket-clock.ts";

/** What the clocks read of a ticket: a whole TicketDetail will do, as will a lighter row read in bulk. */
export type SlaTicket = Pick<TicketDetail, "createdAt" | "channel" | "priority"> & {
  messages: readonly Pick<Message, "at" | "author" | "public">[];
  events: readonly Pick<TicketEvent, "at" | "type" | "to">[];
};

/**
 * A ticket's SLA clocks under its workspace's policies (the defaults of spec/service-levels.md
 * when it set none), counted in the workspace's business hours when it has them.
 */
export function ticketSla(
  ticket: SlaTicket,
  workspace: Pick<WorkspaceProfile, "timezone" | "businessHours" | "slaPolicies">,
  now: Date,
): SlaState {
  const policies = workspace.slaPolicies.length ? (workspace.slaPolicies as SlaPolicy[]) : defaultSlaPolicies;
  const calendar: BusinessCalendar = workspace.businessHours
    ? {
        timeZone: workspace.timezone,
        days: workspace.businessHours.days as Weekday[],
        start: workspace.businessHours.start,
        end: workspace.businessHours.end,
      }
    : null;
  return slaState({
    createdAt: ticket.createdAt,
    statusChanges: ticket.events
      .filter((event) => event.type === "status_changed" && event.to !== null)
      .map((event) => ({ at: event.at, status: event.to as TicketStatus })),
    messages: ticket.messages,
    targets: resolveTargets({ channel: ticket.channel, priority: ticket.priority as Priority | null, policies }),
    calendar,
    now,
  });
}

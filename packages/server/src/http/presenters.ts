import type { SlaClock, SlaState } from "../core/sla/ticket-clock.ts";
import type { Message, Ticket, TicketDetail, TicketEvent } from "../core/tickets/ticket.ts";

export function presentTicket(ticket: Ticket) {
  return {
    id: ticket.id,
    customerId: ticket.customerId,
    channel: ticket.channel,
    knownIssueId: ticket.knownIssueId,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    tags: ticket.tags,
    topic: ticket.topic,
    assigneeId: ticket.assigneeId,
    teamId: ticket.teamId,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
    version: ticket.version,
    csat: ticket.csat ? { ...ticket.csat, at: ticket.csat.at.toISOString() } : null,
    attributes: ticket.attributes,
  };
}

export function presentMessage(message: Message) {
  return {
    id: message.id,
    at: message.at.toISOString(),
    author: message.author,
    public: message.public,
    body: message.body,
  };
}

export function presentEvent(event: TicketEvent) {
  return {
    at: event.at.toISOString(),
    actor: event.actor,
    type: event.type,
    from: event.from,
    to: event.to,
    data: event.data,
  };
}

export function presentTicketDetail(ticket: TicketDetail) {
  return {
    ...presentTicket(ticket),
    messages: ticket.messages.map(presentMessage),
    events: ticket.events.map(presentEvent),
  };
}

const noClock = {
  dueAt: null,
  metAt: null,
  breached: false,
  warning: false,
  paused: false,
  remainingMinutes: null,
};

/** SLA clocks with their instants as ISO strings; all empty when the workspace is unknown. */
export function presentSla(state: SlaState | null) {
  const clock = (value: SlaClock) => ({
    dueAt: value.dueAt?.toISOString() ?? null,
    metAt: value.metAt?.toISOString() ?? null,
    breached: value.breached,
    warning: value.warning,
    paused: value.paused,
    remainingMinutes: value.remainingMinutes === null ? null : Math.round(value.remainingMinutes * 10) / 10,
  });
  if (!state) return { firstResponse: noClock, nextResponse: noClock, resolution: noClock };
  return {
    firstResponse: clock(state.firstResponse),
    nextResponse: clock(state.nextResponse),
    resolution: clock(state.resolution),
  };
}

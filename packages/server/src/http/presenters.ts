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

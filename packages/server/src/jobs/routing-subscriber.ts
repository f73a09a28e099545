import { assignWaitingChats, type RoutingDeps, routeNewTicket } from "../core/routing/route-ticket.ts";
import { liveChatChannels } from "../core/routing/routing-rules.ts";
import type { TicketDetail } from "../core/tickets/ticket.ts";
import { categorise, detectLanguage } from "../responder/triage/index.ts";
import type { NotificationSubscriber } from "./job-definition.ts";
import type { JobDeps } from "./job-deps.ts";

/** The responder's triage reading of a ticket, from what the customer wrote. */
export function readTicket(ticket: TicketDetail): { category: string | null; language: string | null } {
  const customerMessages = ticket.messages
    .filter((message) => message.author === "customer" && message.public)
    .map((message) => message.body);
  if (customerMessages.length === 0 && !ticket.subject) return { category: null, language: null };
  const { category } = categorise({ subject: ticket.subject, customerMessages });
  const text = [ticket.subject ?? "", ...customerMessages].join("\n");
  return { category, language: detectLanguage(text, { fallback: null }) };
}

const routingDeps = (deps: JobDeps): RoutingDeps => ({ ...deps, readTicket });

/** Routes each new ticket to its team (and priority) by the workspace's rules, then to an agent. */
export const routingSubscriber: NotificationSubscriber<JobDeps> = {
  name: "routing",
  kinds: ["ticket.created"],
  async handle(notification, deps) {
    if (!notification.ticketId) return;
    await routeNewTicket({ workspaceId: notification.workspaceId, ticketId: notification.ticketId }, routingDeps(deps));
  },
};

/** When a live chat changes (solved, closed, handed on), a freed slot goes to a chat that waits. */
export const routingChatSlotSubscriber: NotificationSubscriber<JobDeps> = {
  name: "routing-chat-slots",
  kinds: ["ticket.updated", "message.added"],
  async handle(notification, deps) {
    if (!notification.ticketId) return;
    const ticket = await deps.tickets.get(notification.workspaceId, notification.ticketId);
    if (!ticket || !liveChatChannels.includes(ticket.channel)) return;
    await assignWaitingChats({ workspaceId: notification.workspaceId }, routingDeps(deps));
  },
};

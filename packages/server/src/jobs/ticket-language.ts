import type { Customer } from "../core/customers/customer.ts";
import type { TicketDetail } from "../core/tickets/ticket.ts";
import { detectLanguage } from "../responder/triage/index.ts";

/**
 * The language to write to a ticket's customer in, as the responder reads it: their latest public
 * message (the customer's words decide), else the ticket's subject; when those are too short to
 * tell, their profile language, else the workspace's default language.
 */
export function ticketLanguage(
  ticket: TicketDetail,
  customer: Pick<Customer, "language"> | null,
  workspaceLanguage?: unknown,
): string {
  const latest = ticket.messages.filter((message) => message.author === "customer" && message.public).at(-1);
  const text = latest?.body ?? ticket.subject ?? "";
  const fallback = customer?.language ?? (typeof workspaceLanguage === "string" ? workspaceLanguage : null);
  return detectLanguage(text, { fallback });
}

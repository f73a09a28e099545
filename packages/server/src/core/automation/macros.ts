import type { Customer } from "../customers/customer.ts";
import { DeskError } from "../errors.ts";
import type { Ticket } from "../tickets/ticket.ts";
import type { TicketAction } from "./actions.ts";

export type Macro = {
  id: string;
  name: string;
  /** Reply text with `{{variable}}` or `{{variable|fallback}}` placeholders. */
  body: string;
  /** false: the text becomes an internal note. */
  public: boolean;
  actions: TicketAction[];
  createdAt: Date;
  updatedAt: Date;
};

export type MacroContext = {
  ticket: Pick<Ticket, "id" | "subject" | "status" | "priority" | "channel" | "topic">;
  customer: Pick<Customer, "name" | "email" | "phone" | "company" | "plan">;
  agent: { name: string } | null;
};

type Resolver = (context: MacroContext) => string | null;

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? "";

export const macroVariables: Record<string, Resolver> = {
  "ticket.id": (context) => context.ticket.id,
  "ticket.subject": (context) => context.ticket.subject,
  "ticket.status": (context) => context.ticket.status,
  "ticket.priority": (context) => context.ticket.priority,
  "ticket.channel": (context) => context.ticket.channel,
  "ticket.topic": (context) => context.ticket.topic,
  "customer.name": (context) => context.customer.name || null,
  "customer.first_name": (context) => firstName(context.customer.name) || null,
  "customer.email": (context) => context.customer.email,
  "customer.phone": (context) => context.customer.phone,
  "customer.company": (context) => context.customer.company,
  "customer.plan": (context) => context.customer.plan,
  "agent.name": (context) => context.agent?.name ?? null,
  "agent.first_name": (context) => (context.agent ? firstName(context.agent.name) || null : null),
};

const placeholder = /\{\{\s*([a-z_.]+)\s*(?:\|([^}]*))?\}\}/g;

/** The variables a macro body names that the desk does not know, for a message that helps fix it. */
export function unknownMacroVariables(body: string): string[] {
  return [...body.matchAll(placeholder)].map((match) => match[1] ?? "").filter((name) => !(name in macroVariables));
}

export function checkMacroBody(body: string): void {
  const unknown = unknownMacroVariables(body);
  if (unknown.length > 0) {
    throw new DeskError(
      "invalid_input",
      `Unknown macro variable ${unknown.map((name) => `{{${name}}}`).join(", ")}; known: ${Object.keys(macroVariables)
        .map((name) => `{{${name}}}`)
        .join(", ")}.`,
      { path: "$.body" },
    );
  }
}

/** Fills the placeholders; a missing value uses the fallback after `|`, else nothing. */
export function renderMacro(body: string, context: MacroContext): string {
  return body.replace(placeholder, (_whole, name: string, fallback: string | undefined) => {
    const value = macroVariables[name]?.(context);
    return value !== null && value !== undefined && value !== "" ? value : (fallback ?? "").trim();
  });
}

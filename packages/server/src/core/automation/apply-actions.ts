import { DeskError } from "../errors.ts";
import type { Clock, CustomerStore, TicketStore } from "../ports.ts";
import { planMessage, planTicketUpdate } from "../tickets/lifecycle.ts";
import type { Author, NewMessage, TicketChange, TicketDetail, TicketPatch } from "../tickets/ticket.ts";
import type { TicketAction } from "./actions.ts";
import { chooseAssignee } from "./auto-assignment.ts";
import type { AutomationStore } from "./automation-ports.ts";
import { renderMacro } from "./macros.ts";

export type ApplyActionsDeps = {
  tickets: TicketStore;
  customers: CustomerStore;
  automation: AutomationStore;
  clock: Clock;
};

export type ApplyActionsInput = {
  workspaceId: string;
  ticketId: string;
  actions: readonly TicketAction[];
  /** Who acts, as the event log names them: `agent:<id>` or `automation:trigger:<id>`. */
  actor: string;
  /** Who writes the messages the actions send. */
  author: Author;
  /** The agent whose name `{{agent.name}}` gives, if any. */
  agentId: string | null;
  /** A reply to send before the actions run (a macro's own text). */
  reply?: { body: string; public: boolean };
};

/** Picks the team member who gets the ticket and remembers them for round robin; null for an empty team. */
export async function assignWithinTeam(
  workspaceId: string,
  teamId: string,
  deps: Pick<ApplyActionsDeps, "automation" | "clock">,
): Promise<string | null> {
  const setting = await deps.automation.teamAssignment(workspaceId, teamId);
  const candidates = await deps.automation.assignmentCandidates(workspaceId, teamId);
  const agentId = chooseAssignee({
    strategy: setting?.strategy ?? "round_robin",
    candidates,
    lastAgentId: setting?.lastAgentId ?? null,
  });
  if (agentId) await deps.automation.recordAssignment(workspaceId, teamId, agentId, deps.clock.now());
  return agentId;
}

/**
 * Runs macro and trigger actions on a ticket: each message (the reply, a macro's text, a note) is
 * added in order, then every field change goes in as one update with its events.
 */
export async function applyTicketActions(input: ApplyActionsInput, deps: ApplyActionsDeps): Promise<TicketDetail> {
  const ticket = await deps.tickets.get(input.workspaceId, input.ticketId);
  if (!ticket) throw new DeskError("not_found", `There is no ticket ${input.ticketId}.`);
  const customer = await deps.customers.get(input.workspaceId, ticket.customerId);
  const agentName = input.agentId ? await deps.automation.agentName(input.workspaceId, input.agentId) : null;
  const context = {
    ticket,
    customer: customer ?? { name: "", email: null, phone: null, company: null, plan: null },
    agent: agentName ? { name: agentName } : null,
  };

  const messages: NewMessage[] = [];
  if (input.reply) {
    messages.push({ author: input.author, public: input.reply.public, body: renderMacro(input.reply.body, context) });
  }
  const patch: TicketPatch = {};
  const tagsToAdd: string[] = [];
  const tagsToRemove: string[] = [];
  let escalation: { teamId: string; reason: string } | null = null;

  const pending = [...input.actions];
  while (pending.length > 0) {
    const action = pending.shift() as TicketAction;
    switch (action.type) {
      case "assign":
        patch.assigneeId = action.agentId;
        break;
      case "assign_in_team": {
        patch.teamId = action.teamId;
        const agentId = await assignWithinTeam(input.workspaceId, action.teamId, deps);
        if (agentId) patch.assigneeId = agentId;
        break;
      }
      case "add_tags":
        tagsToAdd.push(...action.tags);
        break;
      case "remove_tags":
        tagsToRemove.push(...action.tags.map((tag) => tag.trim().toLowerCase()));
        break;
      case "set_priority":
        patch.priority = action.priority;
        break;
      case "set_status":
        patch.status = action.status;
        break;
      case "escalate":
        escalation = { teamId: action.teamId, reason: action.reason };
        break;
      case "notify":
        messages.push({ author: "system", public: false, body: renderMacro(action.text, context) });
        break;
      case "send_macro": {
        const macro = await deps.automation.getMacro(input.workspaceId, action.macroId);
        if (!macro)
          throw new DeskError("not_found", `There is no macro ${action.macroId}; fix the trigger that names it.`);
        messages.push({ author: input.author, public: macro.public, body: renderMacro(macro.body, context) });
        pending.unshift(...macro.actions.filter((inner) => inner.type !== "send_macro"));
        break;
      }
    }
  }

  let latest = ticket;
  for (const message of messages) {
    const now = deps.clock.now();
    const result = await deps.tickets.change(input.workspaceId, input.ticketId, (current) =>
      planMessage(current, message, now),
    );
    latest = result.ticket;
  }

  const changesFields =
    Object.keys(patch).length > 0 || tagsToAdd.length > 0 || tagsToRemove.length > 0 || escalation !== null;
  if (!changesFields) return latest;
  const now = deps.clock.now();
  const { ticket: changed } = await deps.tickets.change(input.workspaceId, input.ticketId, (current) => {
    const tags =
      tagsToAdd.length > 0 || tagsToRemove.length > 0
        ? [...current.tags, ...tagsToAdd].filter((tag) => !tagsToRemove.includes(tag.trim().toLowerCase()))
        : undefined;
    const change: TicketChange = planTicketUpdate(
      current,
      { ...patch, ...(tags ? { tags } : {}), ...(escalation ? { teamId: escalation.teamId } : {}) },
      input.actor,
      now,
    );
    if (escalation) {
      change.events.push({
        at: now,
        actor: input.actor,
        type: "escalated",
        from: current.teamId,
        to: escalation.teamId,
        data: { reason: escalation.reason },
      });
    }
    return change;
  });
  return changed;
}

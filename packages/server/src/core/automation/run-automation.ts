import { isDeskError } from "../errors.ts";
import type { Clock, CustomerStore, TicketStore } from "../ports.ts";
import { planMessage } from "../tickets/lifecycle.ts";
import { updateTicket } from "../tickets/ticket-use-cases.ts";
import { applyTicketActions, assignWithinTeam } from "./apply-actions.ts";
import type { AutomationStore } from "./automation-ports.ts";
import {
  automationActorPrefix,
  isAutomationActor,
  matchingTriggers,
  type TriggerEvent,
  triggerEvents,
} from "./triggers.ts";

export type AutomationDeps = {
  tickets: TicketStore;
  customers: CustomerStore;
  automation: AutomationStore;
  clock: Clock;
};

export type AutomationNotification = {
  id: number;
  workspaceId: string;
  kind: string;
  ticketId: string | null;
  payload: Record<string, unknown>;
};

type PayloadEvent = { type?: unknown; actor?: unknown };

const isTriggerEvent = (kind: string): kind is TriggerEvent => (triggerEvents as readonly string[]).includes(kind);

/**
 * Runs the workspace's triggers for one notification; returns the ids of those that acted. Changes
 * made by automation (actor `automation:…`) and messages written by the desk itself (`system`)
 * never fire triggers, so a trigger cannot set off itself or another in a loop; each trigger acts
 * at most once per notification, so a retried job does not act twice.
 */
export async function runTriggers(notification: AutomationNotification, deps: AutomationDeps): Promise<string[]> {
  if (!isTriggerEvent(notification.kind) || !notification.ticketId) return [];
  const { workspaceId } = notification;
  const kind = notification.kind;
  const triggers = (await deps.automation.listTriggers(workspaceId)).filter(
    (trigger) => trigger.enabled && trigger.event === kind,
  );
  if (triggers.length === 0) return [];
  const ticket = await deps.tickets.get(workspaceId, notification.ticketId);
  if (!ticket || ticket.status === "closed") return [];

  const payloadEvents = Array.isArray(notification.payload.events)
    ? (notification.payload.events as PayloadEvent[])
    : ticket.events.filter((event) => event.at.getTime() === ticket.updatedAt.getTime());
  const actors = payloadEvents.map((event) => (typeof event.actor === "string" ? event.actor : null));
  if (typeof notification.payload.actor === "string") actors.push(notification.payload.actor);
  if (actors.some(isAutomationActor)) return [];

  let message: { author: string; body: string } | null = null;
  if (notification.kind === "message.added") {
    const messageId = (notification.payload.message as { id?: string } | undefined)?.id;
    const added = ticket.messages.find((candidate) => candidate.id === messageId) ?? ticket.messages.at(-1) ?? null;
    if (!added || added.author === "system") return [];
    message = { author: added.author, body: added.body };
  } else if (notification.kind === "ticket.created") {
    const first = ticket.messages[0];
    message = first ? { author: first.author, body: first.body } : null;
  }

  const fields = Array.isArray(notification.payload.fields) ? (notification.payload.fields as unknown[]) : [];
  const changed = [
    ...fields.filter((field): field is string => typeof field === "string"),
    ...payloadEvents.flatMap((event) => (typeof event.type === "string" ? [event.type] : [])),
  ];
  const customer = await deps.customers.get(workspaceId, ticket.customerId);
  const matching = matchingTriggers(triggers, {
    event: kind,
    ticket,
    customerPlan: customer?.plan ?? null,
    message,
    changed,
  });

  const fired: string[] = [];
  for (const trigger of matching) {
    const claimed = await deps.automation.claimTriggerRun(trigger.id, notification.id, ticket.id, deps.clock.now());
    if (!claimed) continue;
    try {
      await applyTicketActions(
        {
          workspaceId,
          ticketId: ticket.id,
          actions: trigger.actions,
          actor: `${automationActorPrefix}trigger:${trigger.id}`,
          author: "system",
          agentId: ticket.assigneeId,
        },
        deps,
      );
    } catch (error) {
      // A trigger that cannot act on this ticket (a deleted macro, a status it cannot reach) is
      // skipped with a note for the agents, so the others still run; retrying would not help.
      if (
        isDeskError(error) &&
        error.code !== "internal" &&
        error.code !== "unavailable" &&
        error.code !== "database_busy"
      ) {
        const now = deps.clock.now();
        const note = {
          author: "system" as const,
          public: false,
          body: `Trigger "${trigger.name}" could not act: ${error.message}`,
        };
        await deps.tickets.change(workspaceId, ticket.id, (current) => planMessage(current, note, now));
        continue;
      }
      throw error;
    }
    fired.push(trigger.id);
  }
  return fired;
}

/** A new ticket for a team that assigns automatically goes to the member its strategy picks. */
export async function autoAssignNewTicket(
  input: { workspaceId: string; ticketId: string },
  deps: AutomationDeps,
): Promise<string | null> {
  const ticket = await deps.tickets.get(input.workspaceId, input.ticketId);
  if (!ticket?.teamId || ticket.assigneeId || ticket.status === "closed") return null;
  const setting = await deps.automation.teamAssignment(input.workspaceId, ticket.teamId);
  if (!setting?.autoAssign) return null;
  const agentId = await assignWithinTeam(input.workspaceId, ticket.teamId, deps);
  if (!agentId) return null;
  await updateTicket(
    {
      workspaceId: input.workspaceId,
      ticketId: ticket.id,
      patch: { assigneeId: agentId },
      actor: `${automationActorPrefix}auto-assign`,
      // Someone who assigned it meanwhile wins.
      expectedVersion: ticket.version,
    },
    deps,
  );
  return agentId;
}

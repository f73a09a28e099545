import { DeskError } from "../errors.ts";
import type { Clock, FollowUp, FollowUpStore, JobQueue, KnownIssueStatus, TicketStore } from "../ports.ts";
import type { TicketDetail } from "../tickets/ticket.ts";

export type FollowUpDeps = { followUps: FollowUpStore; tickets: TicketStore; jobs: JobQueue; clock: Clock };

/** The job that reminds a follow-up's owner when it is due (jobs/follow-up-due.ts). */
export const followUpDueJobName = "follow-up.due";

/**
 * Records a follow-up with its owner (the one given, else the ticket's assignee, else the agent who
 * promised it), logs follow_up_scheduled on the ticket and sets the reminder. null when the source
 * message already has its follow-up.
 */
export async function scheduleFollowUp(
  input: {
    workspaceId: string;
    ticketId: string;
    dueAt: Date;
    promise: string;
    actor: string;
    ownerId?: string | null;
    sourceMessageId?: string | null;
  },
  deps: FollowUpDeps,
): Promise<FollowUp | null> {
  const ticket = await deps.tickets.get(input.workspaceId, input.ticketId);
  if (!ticket) throw new DeskError("not_found", `There is no ticket ${input.ticketId}.`);
  if (ticket.status === "closed") {
    throw new DeskError(
      "invalid_transition",
      `Ticket ${ticket.id} is closed; set the follow-up on the customer's follow-up ticket.`,
    );
  }
  const now = deps.clock.now();
  const ownerId = input.ownerId ?? ticket.assigneeId ?? agentIdOf(input.actor);
  const followUp = await deps.followUps.create(
    input.workspaceId,
    {
      ticketId: ticket.id,
      ownerId,
      dueAt: input.dueAt,
      promise: input.promise,
      sourceMessageId: input.sourceMessageId ?? null,
      createdBy: input.actor,
    },
    now,
  );
  if (!followUp) return null;
  await deps.tickets.change(input.workspaceId, ticket.id, () => ({
    at: now,
    fields: {},
    events: [
      {
        at: now,
        actor: input.actor,
        type: "follow_up_scheduled",
        from: null,
        to: followUp.dueAt.toISOString(),
        data: { followUpId: followUp.id, ownerId, dueAt: followUp.dueAt.toISOString() },
      },
    ],
  }));
  await deps.jobs.schedule(
    followUpDueJobName,
    { workspaceId: input.workspaceId, followUpId: followUp.id },
    { runAt: followUp.dueAt, singletonKey: `${input.workspaceId}/${followUp.id}` },
  );
  return followUp;
}

/** Marks a follow-up kept and logs follow_up_done; a follow-up already done is returned as it is. */
export async function completeFollowUp(
  input: { workspaceId: string; ticketId: string; followUpId: string; actor: string },
  deps: Pick<FollowUpDeps, "followUps" | "tickets" | "clock">,
): Promise<FollowUp> {
  const existing = await deps.followUps.get(input.workspaceId, input.followUpId);
  if (!existing || existing.ticketId !== input.ticketId) {
    throw new DeskError("not_found", `Ticket ${input.ticketId} has no follow-up ${input.followUpId}.`);
  }
  if (existing.status === "done") return existing;
  const now = deps.clock.now();
  const done = await deps.followUps.markDone(input.workspaceId, input.followUpId, now);
  if (!done) return (await deps.followUps.get(input.workspaceId, input.followUpId)) ?? existing;
  await deps.tickets.change(input.workspaceId, input.ticketId, () => ({
    at: now,
    fields: {},
    events: [
      {
        at: now,
        actor: input.actor,
        type: "follow_up_done",
        from: null,
        to: null,
        data: { followUpId: done.id },
      },
    ],
  }));
  return done;
}

/** The agent id in an author or actor such as "agent:a1"; null for the responder or the system. */
export function agentIdOf(actor: string): string | null {
  return actor.startsWith("agent:") ? actor.slice("agent:".length) : null;
}

/**
 * The internal note that reminds the owner of a due follow-up: what was promised, what changed
 * since (customer messages, status, the known issue), and the responder's draft of the message.
 */
export function followUpReminderNote(input: {
  followUp: FollowUp;
  ticket: TicketDetail;
  knownIssue: { title: string; status: KnownIssueStatus } | null;
  draftReply: string | null;
}): string {
  const { followUp, ticket, knownIssue } = input;
  const since = followUp.createdAt.getTime();
  const customerMessages = ticket.messages.filter(
    (message) => message.author === "customer" && message.at.getTime() > since,
  ).length;
  const owner = followUp.ownerId ? `@${followUp.ownerId}` : "the team";
  const changes = [
    customerMessages === 0
      ? "The customer has not written since."
      : `The customer wrote ${customerMessages} message${customerMessages === 1 ? "" : "s"} since.`,
    `The ticket is ${ticket.status.replace("_", " ")}.`,
  ];
  if (knownIssue) changes.push(`Known issue "${knownIssue.title}" is now ${knownIssue.status.replaceAll("_", " ")}.`);
  const lines = [
    `Follow-up due for ${owner}: "${followUp.promise}" (promised ${followUp.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC).`,
    "",
    `What changed since: ${changes.join(" ")}`,
  ];
  if (input.draftReply) lines.push("", "Draft follow-up for the customer (not sent):", "", input.draftReply);
  lines.push(
    "",
    "Mark it done with POST /api/v1/tickets/{id}/follow-ups/{followUpId}/done once the customer has heard from us.",
  );
  return lines.join("\n");
}

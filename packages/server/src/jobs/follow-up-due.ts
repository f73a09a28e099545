import { z } from "zod";
import { detectFollowUpPromise } from "../core/follow-through/follow-up-promise.ts";
import {
  agentIdOf,
  followUpDueJobName,
  followUpReminderNote,
  scheduleFollowUp,
} from "../core/follow-through/follow-up-use-cases.ts";
import type { TicketDetail } from "../core/tickets/ticket.ts";
import type { JobDefinition } from "./job-definition.ts";
import type { JobDeps } from "./job-deps.ts";

const followUpDuePayload = z.object({ workspaceId: z.string(), followUpId: z.string() });

/**
 * A follow-up is due: reminds its owner (a `follow_up.due` notification) and leaves an internal note
 * with what changed since the promise and the responder's draft of the follow-up message.
 */
export const followUpDueJob: JobDefinition<z.infer<typeof followUpDuePayload>, JobDeps> = {
  name: followUpDueJobName,
  payload: followUpDuePayload,
  async handle(payload, deps) {
    const followUp = await deps.followUps.get(payload.workspaceId, payload.followUpId);
    if (followUp?.status !== "scheduled" || followUp.remindedAt) return;
    const ticket = await deps.tickets.get(payload.workspaceId, followUp.ticketId);
    if (!ticket) return;
    const knownIssue = ticket.knownIssueId
      ? await deps.knownIssues.get(payload.workspaceId, ticket.knownIssueId)
      : null;
    const draftReply = ticket.status === "closed" ? null : await draftOrNull(deps, payload.workspaceId, ticket.id);
    const now = deps.clock.now();
    const reminded = await deps.followUps.markReminded(payload.workspaceId, followUp.id, now);
    if (!reminded || ticket.status === "closed") return;
    const body = followUpReminderNote({ followUp: reminded, ticket, knownIssue, draftReply });
    await deps.tickets.change(payload.workspaceId, ticket.id, (current) =>
      current.status === "closed"
        ? { at: now, fields: {}, events: [] }
        : { at: now, fields: {}, events: [], message: { author: "system", public: false, body } },
    );
  },
};

async function draftOrNull(deps: JobDeps, workspaceId: string, ticketId: string): Promise<string | null> {
  try {
    return (await deps.responder.draft(workspaceId, ticketId)).reply.body;
  } catch {
    // The reminder matters more than the draft; the agent can ask for one on the ticket.
    return null;
  }
}

/** A public reply from an agent or the responder that promises a follow-up becomes one. */
export async function followUpFromReply(
  workspaceId: string,
  ticket: TicketDetail,
  message: { id: string; author: string; public: boolean },
  deps: JobDeps,
): Promise<void> {
  if (!message.public || !(message.author === "responder" || message.author.startsWith("agent:"))) return;
  if (ticket.status === "closed") return;
  const stored = ticket.messages.find((candidate) => candidate.id === message.id);
  if (!stored) return;
  const workspace = await deps.workspaces.profile(workspaceId);
  const promise = detectFollowUpPromise(stored.body, stored.at, workspace?.timezone ?? "UTC");
  if (!promise) return;
  await scheduleFollowUp(
    {
      workspaceId,
      ticketId: ticket.id,
      dueAt: promise.dueAt,
      promise: promise.phrase,
      actor: message.author,
      ownerId: ticket.assigneeId ?? agentIdOf(message.author),
      sourceMessageId: message.id,
    },
    deps,
  );
}

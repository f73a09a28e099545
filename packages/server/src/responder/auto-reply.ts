import { isDeskError } from "../core/errors.ts";
import type { Clock, TicketStore, WorkspaceStore } from "../core/ports.ts";
import { planMessage } from "../core/tickets/lifecycle.ts";
import { autonomyPolicyOf, mayAutoSend } from "./autonomy.ts";
import type { Draft } from "./draft.ts";
import type { Responder } from "./responder.ts";

export type AutoReplyOutcome = { sent: boolean; reason: string; draft: Draft };

export type AutoReplyDeps = { responder: Responder; tickets: TicketStore; workspaces: WorkspaceStore; clock: Clock };

/**
 * Sends the responder's draft on its own when the workspace's autonomy policy allows it. The reply
 * is authored "responder", so everything it sent is marked as such, and its internal note goes
 * with it. A reply is sent at most once per customer message: the ticket must not have changed
 * since it was read, so a retry or a second desk process finds the answer already there.
 */
export async function autoReply(workspaceId: string, ticketId: string, deps: AutoReplyDeps): Promise<AutoReplyOutcome> {
  const ticket = await deps.tickets.get(workspaceId, ticketId);
  const draft = await deps.responder.draft(workspaceId, ticketId);
  if (!ticket) return { sent: false, reason: "no such ticket", draft };
  const latestPublic = ticket.messages.filter((message) => message.public).at(-1);
  if (latestPublic?.author !== "customer") {
    return { sent: false, reason: "the latest public message is not the customer's: nothing to answer", draft };
  }
  const profile = await deps.workspaces.profile(workspaceId);
  const decision = mayAutoSend(draft, autonomyPolicyOf(profile?.settings ?? {}));
  if (!decision.send) return { sent: false, reason: decision.reason, draft };

  const message = { author: "responder" as const, public: true, body: draft.reply.body };
  try {
    await deps.tickets.change(workspaceId, ticketId, (current) => planMessage(current, message, deps.clock.now()), {
      expectedVersion: ticket.version,
    });
  } catch (error) {
    if (isDeskError(error) && error.code === "conflict") {
      return { sent: false, reason: "the ticket changed while the reply was drafted; not sent twice", draft };
    }
    throw error;
  }
  const note = { author: "responder" as const, public: false, body: draft.internalNote.body };
  await deps.tickets.change(workspaceId, ticketId, (current) => planMessage(current, note, deps.clock.now()));
  return { sent: true, reason: decision.reason, draft };
}

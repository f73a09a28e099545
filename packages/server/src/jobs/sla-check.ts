import { z } from "zod";
import { planSlaTimers, type RecordedSlaEvent, slaEventDue } from "../core/follow-through/sla-timers.ts";
import { ticketSla } from "../core/sla/ticket-sla.ts";
import type { TicketDetail } from "../core/tickets/ticket.ts";
import type { JobDefinition } from "./job-definition.ts";
import type { JobDeps } from "./job-deps.ts";

const slaCheckPayload = z.object({
  workspaceId: z.string(),
  ticketId: z.string(),
  metric: z.enum(["firstResponse", "nextResponse", "resolution"]),
  kind: z.enum(["warning", "breach"]),
  dueAt: z.iso.datetime(),
});

export const slaCheckJobName = "sla.check";

/** At a warning or due time: re-checks the ticket and records sla_warning / sla_breached if still due. */
export const slaCheckJob: JobDefinition<z.infer<typeof slaCheckPayload>, JobDeps> = {
  name: slaCheckJobName,
  payload: slaCheckPayload,
  async handle(payload, deps) {
    const workspace = await deps.workspaces.profile(payload.workspaceId);
    if (!workspace) return;
    const timer = { metric: payload.metric, kind: payload.kind, dueAt: new Date(payload.dueAt) };
    const ticket = await deps.tickets.get(payload.workspaceId, payload.ticketId);
    if (!ticket) return;
    const now = deps.clock.now();
    const due = slaEventDue(ticketSla(ticket, workspace, now), timer, recordedSlaEvents(ticket), now);
    if (!due) return;
    await deps.tickets.change(payload.workspaceId, payload.ticketId, (current) => ({
      at: now,
      fields: {},
      events:
        current.status === "closed"
          ? []
          : [
              {
                at: now,
                actor: "system",
                type: due.type,
                from: null,
                to: null,
                data: { metric: due.metric, dueAt: due.dueAt },
              },
            ],
    }));
  },
};

/** Schedules the ticket's SLA timers as they stand now; a timer already waiting for the same moment is kept. */
export async function scheduleSlaTimers(workspaceId: string, ticket: TicketDetail, deps: JobDeps): Promise<number> {
  // Changes store the inbox's due time in their own transaction; a new ticket's first one is stored here.
  await deps.tickets.storeSlaDueTime(workspaceId, ticket);
  const workspace = await deps.workspaces.profile(workspaceId);
  if (!workspace || ticket.status === "closed") return 0;
  const timers = planSlaTimers(ticketSla(ticket, workspace, deps.clock.now()), recordedSlaEvents(ticket));
  for (const timer of timers) {
    const dueAt = timer.dueAt.toISOString();
    await deps.jobs.schedule(
      slaCheckJobName,
      { workspaceId, ticketId: ticket.id, metric: timer.metric, kind: timer.kind, dueAt },
      { runAt: timer.at, singletonKey: `${workspaceId}/${ticket.id}/${timer.metric}/${timer.kind}/${dueAt}` },
    );
  }
  return timers.length;
}

export function recordedSlaEvents(ticket: TicketDetail): RecordedSlaEvent[] {
  return ticket.events.flatMap((event) =>
    (event.type === "sla_warning" || event.type === "sla_breached") && event.data
      ? [{ type: event.type, metric: String(event.data.metric), dueAt: String(event.data.dueAt) }]
      : [],
  );
}

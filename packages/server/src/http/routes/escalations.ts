import { z } from "zod";
import { escalateTicket } from "../../core/follow-through/escalation.ts";
import type { Clock, JobQueue, TicketStore, WorkspaceStore } from "../../core/ports.ts";
import type { HttpApp } from "../app.ts";
import { actorOf, principalOf } from "../auth.ts";
import { presentTicketDetail } from "../presenters.ts";
import { errorResponse, ticketDetailResponse, ticketIdParams } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

const escalateBody = z
  .object({
    teamId: z.string().min(1).max(200).optional().describe("the team to hand it to; the next on the path when absent"),
    reason: z.string().trim().min(1, "must say why").max(2000),
  })
  .strict();

export function registerEscalationRoutes(
  api: HttpApp,
  deps: { tickets: TicketStore; workspaces: WorkspaceStore; jobs: JobQueue; clock: Clock },
) {
  api.post(
    "/tickets/:id/escalate",
    {
      config: { access: "agent" },
      schema: {
        tags: ["tickets"],
        summary:
          "Escalate to another team: the ticket goes on hold for it, the assignee stays the owner and is reminded, and is told when that team answers",
        params: ticketIdParams,
        body: escalateBody,
        response: { 200: ticketDetailResponse, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const ticket = await escalateTicket(
        {
          workspaceId: principal.workspaceId,
          ticketId: request.params.id,
          teamId: request.body.teamId,
          reason: request.body.reason,
          actor: actorOf(principal),
        },
        deps,
      );
      return presentTicketDetail(ticket);
    },
  );
}

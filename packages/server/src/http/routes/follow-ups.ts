import { z } from "zod";
import { DeskError } from "../../core/errors.ts";
import { completeFollowUp, scheduleFollowUp } from "../../core/follow-through/follow-up-use-cases.ts";
import type { Clock, FollowUp, FollowUpStore, JobQueue, TicketStore } from "../../core/ports.ts";
import type { HttpApp } from "../app.ts";
import { actorOf, principalOf } from "../auth.ts";
import { errorResponse, ticketIdParams } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export const followUpResponse = z
  .object({
    id: z.string(),
    ticketId: z.string(),
    ownerId: z.string().nullable().describe("the agent reminded when it is due"),
    dueAt: z.string(),
    status: z.enum(["scheduled", "done"]),
    promise: z.string().describe("the sentence that promised it, or the agent's own words"),
    sourceMessageId: z.string().nullable().describe("the reply that made the promise, if one did"),
    createdBy: z.string(),
    createdAt: z.string(),
    remindedAt: z.string().nullable(),
    doneAt: z.string().nullable(),
  })
  .meta({ id: "FollowUp" });

const createFollowUpBody = z
  .object({
    dueAt: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with an offset" }),
    promise: z.string().trim().min(1, "must not be empty").max(2000).describe("what the customer was promised"),
    ownerId: z.string().min(1).max(200).optional().describe("the agent to remind; the assignee (else you) when absent"),
  })
  .strict();

const followUpParams = ticketIdParams.extend({ followUpId: z.string().min(1).max(200) });

const presentFollowUp = (followUp: FollowUp) => ({
  ...followUp,
  dueAt: followUp.dueAt.toISOString(),
  createdAt: followUp.createdAt.toISOString(),
  remindedAt: followUp.remindedAt?.toISOString() ?? null,
  doneAt: followUp.doneAt?.toISOString() ?? null,
});

export function registerFollowUpRoutes(
  api: HttpApp,
  deps: { followUps: FollowUpStore; tickets: TicketStore; jobs: JobQueue; clock: Clock },
) {
  api.get(
    "/tickets/:id/follow-ups",
    {
      config: { access: "agent" },
      schema: {
        tags: ["follow-ups"],
        summary: "The ticket's follow-ups (promises to get back to the customer), oldest first",
        params: ticketIdParams,
        response: { 200: z.object({ followUps: z.array(followUpResponse) }), ...errors },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      if (!(await deps.tickets.get(workspaceId, request.params.id))) {
        throw new DeskError("not_found", `There is no ticket ${request.params.id}.`);
      }
      return { followUps: (await deps.followUps.list(workspaceId, request.params.id)).map(presentFollowUp) };
    },
  );

  api.post(
    "/tickets/:id/follow-ups",
    {
      config: { access: "agent" },
      schema: {
        tags: ["follow-ups"],
        summary: "Promise a follow-up: its owner is reminded at dueAt with a drafted follow-up message",
        params: ticketIdParams,
        body: createFollowUpBody,
        response: { 201: followUpResponse, ...errors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const followUp = await scheduleFollowUp(
        {
          workspaceId: principal.workspaceId,
          ticketId: request.params.id,
          dueAt: new Date(request.body.dueAt),
          promise: request.body.promise,
          ownerId: request.body.ownerId,
          actor: actorOf(principal),
        },
        deps,
      );
      if (!followUp) throw new Error("a follow-up without a source message was refused as a duplicate");
      return reply.status(201).send(presentFollowUp(followUp));
    },
  );

  api.post(
    "/tickets/:id/follow-ups/:followUpId/done",
    {
      config: { access: "agent" },
      schema: {
        tags: ["follow-ups"],
        summary: "Mark a follow-up kept (logs follow_up_done); doing it twice changes nothing",
        params: followUpParams,
        response: { 200: followUpResponse, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const followUp = await completeFollowUp(
        {
          workspaceId: principal.workspaceId,
          ticketId: request.params.id,
          followUpId: request.params.followUpId,
          actor: actorOf(principal),
        },
        deps,
      );
      return presentFollowUp(followUp);
    },
  );
}

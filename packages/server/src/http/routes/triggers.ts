import { z } from "zod";
import { ticketActionSchema } from "../../core/automation/actions.ts";
import type { AutomationStore } from "../../core/automation/automation-ports.ts";
import {
  conditionFields,
  conditionOperators,
  type Trigger,
  triggerConditionSchema,
  triggerEvents,
} from "../../core/automation/triggers.ts";
import { DeskError } from "../../core/errors.ts";
import type { Clock, WorkspaceStore } from "../../core/ports.ts";
import type { HttpApp } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const instant = z.string().describe("ISO 8601 instant");

const triggerDocs =
  `A trigger runs when its event happens to a ticket (${triggerEvents.join(", ")}) and all its conditions hold ` +
  `(fields: ${conditionFields.join(", ")}; operators: ${conditionOperators.join(", ")}; comparisons ignore case). ` +
  "Actions: assign, assign_in_team, add_tags, remove_tags, set_priority, set_status, escalate, notify (an internal note), send_macro. " +
  "Changes made by triggers and messages written by the desk itself do not fire triggers, so triggers cannot loop; " +
  "each trigger acts at most once per change.";

const triggerResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    event: z.enum(triggerEvents),
    conditions: z.array(z.record(z.string(), z.unknown())),
    actions: z.array(z.record(z.string(), z.unknown())),
    enabled: z.boolean(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: "Trigger" });

const fields = {
  name: z.string().trim().min(1, "must not be empty").max(200),
  event: z.enum(triggerEvents),
  conditions: z.array(triggerConditionSchema).max(50).describe("all must hold; none means always"),
  actions: z.array(ticketActionSchema).min(1, "a trigger needs at least one action").max(20),
  enabled: z.boolean(),
};

const createBody = z
  .object({ ...fields, conditions: fields.conditions.default([]), enabled: fields.enabled.default(true) })
  .strict();
const updateBody = z
  .object({
    name: fields.name.optional(),
    event: fields.event.optional(),
    conditions: fields.conditions.optional(),
    actions: fields.actions.optional(),
    enabled: fields.enabled.optional(),
  })
  .strict();

const idParams = z.object({ id: z.string().min(1).max(200) });
const teamParams = z.object({ teamId: z.string().min(1).max(200) });

const assignmentBody = z
  .object({
    strategy: z
      .enum(["round_robin", "least_open"])
      .describe("round_robin takes turns; least_open picks the member with the fewest open tickets"),
    autoAssign: z.boolean().describe("assign the team's new tickets automatically"),
  })
  .strict();

const assignmentResponse = z
  .object({
    teamId: z.string(),
    strategy: z.enum(["round_robin", "least_open"]),
    autoAssign: z.boolean(),
    lastAgentId: z.string().nullable(),
  })
  .meta({ id: "TeamAssignment" });

const present = (trigger: Trigger) => ({
  id: trigger.id,
  name: trigger.name,
  event: trigger.event,
  conditions: trigger.conditions as Record<string, unknown>[],
  actions: trigger.actions as Record<string, unknown>[],
  enabled: trigger.enabled,
  createdAt: trigger.createdAt.toISOString(),
  updatedAt: trigger.updatedAt.toISOString(),
});

const notFound = (id: string) => new DeskError("not_found", `There is no trigger ${id}.`);

export function registerTriggerRoutes(
  api: HttpApp,
  deps: { automation: AutomationStore; workspaces: WorkspaceStore; clock: Clock },
) {
  api.get(
    "/triggers",
    {
      config: { access: "agent" },
      schema: {
        tags: ["automation"],
        summary: "List triggers in the order they run",
        description: triggerDocs,
        response: { 200: z.object({ triggers: z.array(triggerResponse) }), ...errors },
      },
    },
    async (request) => ({
      triggers: (await deps.automation.listTriggers(principalOf(request).workspaceId)).map(present),
    }),
  );

  api.get(
    "/triggers/:id",
    {
      config: { access: "agent" },
      schema: {
        tags: ["automation"],
        summary: "A trigger",
        params: idParams,
        response: { 200: triggerResponse, ...errors },
      },
    },
    async (request) => {
      const trigger = await deps.automation.getTrigger(principalOf(request).workspaceId, request.params.id);
      if (!trigger) throw notFound(request.params.id);
      return present(trigger);
    },
  );

  api.post(
    "/triggers",
    {
      config: { access: "admin" },
      schema: {
        tags: ["automation"],
        summary: "Add a trigger: event + conditions → actions",
        description: triggerDocs,
        body: createBody,
        response: { 201: triggerResponse, ...errors },
      },
    },
    async (request, reply) => {
      const trigger = await deps.automation.createTrigger(
        principalOf(request).workspaceId,
        request.body,
        deps.clock.now(),
      );
      return reply.status(201).header("location", `/api/v1/triggers/${trigger.id}`).send(present(trigger));
    },
  );

  api.patch(
    "/triggers/:id",
    {
      config: { access: "admin" },
      schema: {
        tags: ["automation"],
        summary: "Change, enable or disable a trigger",
        params: idParams,
        body: updateBody,
        response: { 200: triggerResponse, ...errors },
      },
    },
    async (request) => {
      const trigger = await deps.automation.updateTrigger(
        principalOf(request).workspaceId,
        request.params.id,
        request.body,
        deps.clock.now(),
      );
      if (!trigger) throw notFound(request.params.id);
      return present(trigger);
    },
  );

  api.delete(
    "/triggers/:id",
    {
      config: { access: "admin" },
      schema: {
        tags: ["automation"],
        summary: "Delete a trigger",
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      if (!(await deps.automation.deleteTrigger(principalOf(request).workspaceId, request.params.id))) {
        throw notFound(request.params.id);
      }
      return reply.status(204).send(null);
    },
  );

  api.put(
    "/teams/:teamId/auto-assignment",
    {
      config: { access: "admin" },
      schema: {
        tags: ["automation"],
        summary: "How a team's tickets are assigned among its agents",
        description:
          "With autoAssign, every new ticket for the team that has no assignee goes to the member the strategy picks; " +
          "the assign_in_team action uses the same strategy.",
        params: teamParams,
        body: assignmentBody,
        response: { 200: assignmentResponse, ...errors },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      const profile = await deps.workspaces.profile(workspaceId);
      if (!profile?.teams.some((team) => team.id === request.params.teamId)) {
        throw new DeskError("not_found", `There is no team ${request.params.teamId}.`);
      }
      await deps.automation.setTeamAssignment(workspaceId, request.params.teamId, request.body, deps.clock.now());
      const setting = await deps.automation.teamAssignment(workspaceId, request.params.teamId);
      if (!setting) throw new Error("the team's assignment setting vanished");
      return setting;
    },
  );
}

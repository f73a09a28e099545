import { z } from "zod";
import { macroActionSchema } from "../../core/automation/actions.ts";
import { applyTicketActions } from "../../core/automation/apply-actions.ts";
import type { AutomationStore } from "../../core/automation/automation-ports.ts";
import { checkMacroBody, type Macro, macroVariables } from "../../core/automation/macros.ts";
import { DeskError } from "../../core/errors.ts";
import type { Clock, CustomerStore, TicketStore } from "../../core/ports.ts";
import type { HttpApp } from "../app.ts";
import { actorOf, principalOf } from "../auth.ts";
import { presentTicketDetail } from "../presenters.ts";
import { errorResponse, ticketDetailResponse } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const instant = z.string().describe("ISO 8601 instant");

const variablesDocs = `Variables: ${Object.keys(macroVariables)
  .map((name) => `{{${name}}}`)
  .join(", ")}; {{name|fallback}} uses the fallback when the value is missing.`;

const macroResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    body: z.string(),
    public: z.boolean(),
    actions: z.array(z.record(z.string(), z.unknown())),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: "Macro" });

const macroFields = {
  name: z.string().trim().min(1, "must not be empty").max(200),
  body: z.string().min(1, "must not be empty").max(20_000).describe(variablesDocs),
  public: z.boolean().describe("false: the text is added as an internal note"),
  actions: z.array(macroActionSchema).max(20),
};

const createBody = z
  .object({ ...macroFields, public: macroFields.public.default(true), actions: macroFields.actions.default([]) })
  .strict();
const updateBody = z
  .object({
    name: macroFields.name.optional(),
    body: macroFields.body.optional(),
    public: macroFields.public.optional(),
    actions: macroFields.actions.optional(),
  })
  .strict();

const idParams = z.object({ id: z.string().min(1).max(200) });
const applyParams = z.object({ id: z.string().min(1).max(200), macroId: z.string().min(1).max(200) });

const present = (macro: Macro) => ({
  id: macro.id,
  name: macro.name,
  body: macro.body,
  public: macro.public,
  actions: macro.actions as Record<string, unknown>[],
  createdAt: macro.createdAt.toISOString(),
  updatedAt: macro.updatedAt.toISOString(),
});

const notFound = (id: string) => new DeskError("not_found", `There is no macro ${id}.`);

export function registerMacroRoutes(
  api: HttpApp,
  deps: { automation: AutomationStore; tickets: TicketStore; customers: CustomerStore; clock: Clock },
) {
  api.get(
    "/macros",
    {
      config: { access: "agent" },
      schema: {
        tags: ["automation"],
        summary: "List macros (saved replies with actions)",
        response: { 200: z.object({ macros: z.array(macroResponse) }), ...errors },
      },
    },
    async (request) => ({ macros: (await deps.automation.listMacros(principalOf(request).workspaceId)).map(present) }),
  );

  api.get(
    "/macros/:id",
    {
      config: { access: "agent" },
      schema: {
        tags: ["automation"],
        summary: "A macro",
        params: idParams,
        response: { 200: macroResponse, ...errors },
      },
    },
    async (request) => {
      const macro = await deps.automation.getMacro(principalOf(request).workspaceId, request.params.id);
      if (!macro) throw notFound(request.params.id);
      return present(macro);
    },
  );

  api.post(
    "/macros",
    {
      config: { access: "admin" },
      schema: {
        tags: ["automation"],
        summary: "Save a macro",
        description: variablesDocs,
        body: createBody,
        response: { 201: macroResponse, ...errors },
      },
    },
    async (request, reply) => {
      checkMacroBody(request.body.body);
      const macro = await deps.automation.createMacro(principalOf(request).workspaceId, request.body, deps.clock.now());
      return reply.status(201).header("location", `/api/v1/macros/${macro.id}`).send(present(macro));
    },
  );

  api.patch(
    "/macros/:id",
    {
      config: { access: "admin" },
      schema: {
        tags: ["automation"],
        summary: "Change a macro",
        params: idParams,
        body: updateBody,
        response: { 200: macroResponse, ...errors },
      },
    },
    async (request) => {
      if (request.body.body !== undefined) checkMacroBody(request.body.body);
      const macro = await deps.automation.updateMacro(
        principalOf(request).workspaceId,
        request.params.id,
        request.body,
        deps.clock.now(),
      );
      if (!macro) throw notFound(request.params.id);
      return present(macro);
    },
  );

  api.delete(
    "/macros/:id",
    {
      config: { access: "admin" },
      schema: {
        tags: ["automation"],
        summary: "Delete a macro",
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      if (!(await deps.automation.deleteMacro(principalOf(request).workspaceId, request.params.id))) {
        throw notFound(request.params.id);
      }
      return reply.status(204).send(null);
    },
  );

  api.post(
    "/tickets/:id/macros/:macroId",
    {
      config: { access: "agent" },
      schema: {
        tags: ["automation"],
        summary: "Apply a macro to a ticket: its reply (variables filled in) as you, then its actions",
        params: applyParams,
        response: { 200: ticketDetailResponse, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const macro = await deps.automation.getMacro(principal.workspaceId, request.params.macroId);
      if (!macro) throw notFound(request.params.macroId);
      const actor = actorOf(principal);
      const ticket = await applyTicketActions(
        {
          workspaceId: principal.workspaceId,
          ticketId: request.params.id,
          actions: macro.actions,
          actor,
          author: principal.agentId ? `agent:${principal.agentId}` : "system",
          agentId: principal.agentId,
          reply: { body: macro.body, public: macro.public },
        },
        deps,
      );
      return presentTicketDetail(ticket);
    },
  );
}

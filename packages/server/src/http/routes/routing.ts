import { DeskError } from "../../core/errors.ts";
import type { WorkspaceStore } from "../../core/ports.ts";
import { routingSettingsOf, routingSettingsSchema } from "../../core/routing/routing-rules.ts";
import type { HttpApp } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";

export function registerRoutingRoutes(api: HttpApp, deps: { workspaces: WorkspaceStore }) {
  api.get(
    "/routing",
    {
      config: { access: "agent" },
      schema: {
        tags: ["routing"],
        summary: "How new tickets are routed: rules (team and priority), the concurrent-chat limit and agents' skills",
        response: { 200: routingSettingsSchema, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const profile = await deps.workspaces.profile(principalOf(request).workspaceId);
      return routingSettingsOf(profile?.settings ?? {}, profile?.teams);
    },
  );

  api.put(
    "/routing",
    {
      config: { access: "admin" },
      schema: {
        tags: ["routing"],
        summary: "Set how new tickets are routed (admin); rules may name only the workspace's teams",
        body: routingSettingsSchema,
        response: { 200: routingSettingsSchema, 400: errorResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      const profile = await deps.workspaces.profile(workspaceId);
      const teamIds = new Set(profile?.teams.map((team) => team.id) ?? []);
      request.body.rules.forEach((rule, index) => {
        if (rule.teamId !== undefined && !teamIds.has(rule.teamId)) {
          throw new DeskError(
            "invalid_input",
            `Rule "${rule.name}" sends tickets to team ${rule.teamId}, which this workspace does not have (teams: ${[...teamIds].join(", ") || "none"}).`,
            { path: `rules[${index}].teamId` },
          );
        }
      });
      await deps.workspaces.updateSettings(workspaceId, { routing: request.body });
      return request.body;
    },
  );
}

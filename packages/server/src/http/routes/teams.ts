import { z } from "zod";
import type { Team, WorkspaceStore } from "../../core/ports.ts";
import type { HttpApp } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";

const teamResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    escalatesTo: z.string().nullable().describe("the team an escalation from this one goes to next"),
    escalationPath: z
      .array(z.string())
      .describe("every team an escalation passes through after this one, in order (team ids)"),
  })
  .meta({ id: "Team" });

/** The teams an escalation from `teamId` passes through, following `escalatesTo` and stopping before a loop. */
export function escalationPathOf(teams: readonly Team[], teamId: string): string[] {
  const byId = new Map(teams.map((team) => [team.id, team]));
  const path: string[] = [];
  const seen = new Set([teamId]);
  let next = byId.get(teamId)?.escalatesTo ?? null;
  while (next && !seen.has(next) && byId.has(next)) {
    path.push(next);
    seen.add(next);
    next = byId.get(next)?.escalatesTo ?? null;
  }
  return path;
}

export function registerTeamRoutes(api: HttpApp, deps: { workspaces: WorkspaceStore }) {
  api.get(
    "/teams",
    {
      config: { access: "agent" },
      schema: {
        tags: ["routing"],
        summary: "The workspace's teams with their escalation paths",
        response: { 200: z.object({ teams: z.array(teamResponse) }), 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const teams = (await deps.workspaces.profile(principalOf(request).workspaceId))?.teams ?? [];
      return {
        teams: teams.map((team) => ({
          id: team.id,
          name: team.name,
          escalatesTo: team.escalatesTo,
          escalationPath: escalationPathOf(teams, team.id),
        })),
      };
    },
  );
}

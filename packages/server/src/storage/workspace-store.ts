import { asc, eq, sql } from "drizzle-orm";
import type { BusinessHours, WorkspaceStore } from "../core/ports.ts";
import type { Database } from "./database.ts";
import { inSequence } from "./row-helpers.ts";
import * as schema from "./schema.ts";

export function createWorkspaceStore(db: Database): WorkspaceStore {
  return {
    async profile(workspaceId) {
      const [workspaces, teams] = await inSequence([
        db.select().from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId)),
        db.select().from(schema.teams).where(eq(schema.teams.workspaceId, workspaceId)).orderBy(asc(schema.teams.seq)),
      ]);
      const workspace = workspaces[0];
      if (!workspace) return null;
      return {
        id: workspace.id,
        name: workspace.name,
        timezone: workspace.timezone,
        businessHours: (workspace.businessHours as BusinessHours | null) ?? null,
        slaPolicies: workspace.slaPolicies ?? [],
        teams: teams.map((team) => ({ id: team.id, name: team.name, escalatesTo: team.escalatesTo })),
        settings: workspace.extra,
      };
    },

    async updateSettings(workspaceId, settings) {
      const updated = await db
        .update(schema.workspaces)
        .set({ extra: sql`${schema.workspaces.extra} || ${JSON.stringify(settings)}::jsonb` })
        .where(eq(schema.workspaces.id, workspaceId))
        .returning({ id: schema.workspaces.id });
      return updated.length > 0;
    },
  };
}

import type { WorkspaceStore } from "../ports.ts";
import { defaultRoutingSettings, defaultTiers } from "./routing-rules.ts";

export type NewTeam = {
  id: string;
  name: string;
  escalatesTo: string | null;
  extra: Record<string, unknown>;
};

export type DefaultTierDeps = {
  workspaces: WorkspaceStore;
  /** Adds teams, leaving any that already exist (by id) as they are. */
  addTeams(workspaceId: string, teams: readonly NewTeam[]): Promise<void>;
};

/**
 * Gives a workspace without teams the tiers of spec/service-levels.md (tier 1 → tier 2 → tier 3,
 * and billing) and switches routing on with the default rules. A workspace that already has teams
 * is never touched. Returns whether it set them up.
 */
export async function ensureDefaultTiers(input: { workspaceId: string }, deps: DefaultTierDeps): Promise<boolean> {
  const profile = await deps.workspaces.profile(input.workspaceId);
  if (!profile || profile.teams.length > 0) return false;
  await deps.addTeams(
    input.workspaceId,
    defaultTiers.map((tier) => ({
      id: tier.id,
      name: tier.name,
      escalatesTo: tier.escalatesTo,
      extra: { handles: tier.handles, escalatesWhen: tier.escalatesWhen },
    })),
  );
  if (profile.settings.routing === undefined) {
    await deps.workspaces.updateSettings(input.workspaceId, { routing: defaultRoutingSettings });
  }
  return true;
}

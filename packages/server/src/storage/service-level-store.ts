import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "./database.ts";
import * as schema from "./schema.ts";
import { recomputeWorkspaceDueTimes } from "./sla-due-store.ts";

export type StoredServiceLevels = {
  timezone: string;
  businessHours: { days: string[]; start: string; end: string } | null;
  slaPolicies: Record<string, unknown>[];
  reportInBusinessHours: boolean;
};

/** The workspace's SLA policies, business hours and reporting clock, kept on its row. */
export type ServiceLevelStore = {
  get(workspaceId: string): Promise<StoredServiceLevels | null>;
  /** false when there is no such workspace. */
  set(workspaceId: string, levels: Omit<StoredServiceLevels, "timezone">): Promise<boolean>;
};

export function createServiceLevelStore({ db }: DatabaseHandle): ServiceLevelStore {
  return {
    async get(workspaceId) {
      const [workspace] = await db.select().from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
      if (!workspace) return null;
      return {
        timezone: workspace.timezone,
        businessHours: (workspace.businessHours as StoredServiceLevels["businessHours"]) ?? null,
        slaPolicies: workspace.slaPolicies ?? [],
        reportInBusinessHours: workspace.reportInBusinessHours ?? false,
      };
    },

    // Every running ticket's due time is recomputed in the same transaction, so the inbox's order follows at once.
    set: (workspaceId, levels) =>
      db.transaction(async (tx) => {
        const updated = await tx
          .update(schema.workspaces)
          .set({
            businessHours: levels.businessHours,
            slaPolicies: levels.slaPolicies,
            reportInBusinessHours: levels.reportInBusinessHours,
          })
          .where(eq(schema.workspaces.id, workspaceId))
          .returning({ id: schema.workspaces.id });
        if (updated.length === 0) return false;
        await recomputeWorkspaceDueTimes(tx, workspaceId);
        return true;
      }),
  };
}

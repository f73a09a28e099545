import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { TicketAction } from "../core/automation/actions.ts";
import type { AutomationStore } from "../core/automation/automation-ports.ts";
import type { Macro } from "../core/automation/macros.ts";
import type { Trigger, TriggerCondition } from "../core/automation/triggers.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

type MacroRow = typeof schema.macros.$inferSelect;
type TriggerRow = typeof schema.triggers.$inferSelect;

const toMacro = (row: MacroRow): Macro => ({
  id: row.id,
  name: row.name,
  body: row.body,
  public: row.public,
  actions: row.actions as TicketAction[],
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const toTrigger = (row: TriggerRow): Trigger => ({
  id: row.id,
  name: row.name,
  event: row.event as Trigger["event"],
  conditions: row.conditions as TriggerCondition[],
  actions: row.actions as TicketAction[],
  enabled: row.enabled,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const asJson = (value: readonly object[]) => value as Record<string, unknown>[];
const newId = (prefix: string) => `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
const openStatuses = ["new", "open", "pending", "on_hold"];

export function createAutomationStore(db: Database): AutomationStore {
  const macroKey = (workspaceId: string, id: string) =>
    and(eq(schema.macros.workspaceId, workspaceId), eq(schema.macros.id, id));
  const triggerKey = (workspaceId: string, id: string) =>
    and(eq(schema.triggers.workspaceId, workspaceId), eq(schema.triggers.id, id));
  return {
    async listMacros(workspaceId) {
      const rows = await db
        .select()
        .from(schema.macros)
        .where(eq(schema.macros.workspaceId, workspaceId))
        .orderBy(schema.macros.seq);
      return rows.map(toMacro);
    },
    async getMacro(workspaceId, id) {
      const [row] = await db.select().from(schema.macros).where(macroKey(workspaceId, id));
      return row ? toMacro(row) : null;
    },
    async createMacro(workspaceId, input, at) {
      const [row] = await db
        .insert(schema.macros)
        .values({
          ...input,
          actions: asJson(input.actions),
          id: newId("mac"),
          workspaceId,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      if (!row) throw new Error("inserting a macro returned no row");
      return toMacro(row);
    },
    async updateMacro(workspaceId, id, patch, at) {
      const [row] = await db
        .update(schema.macros)
        .set({ ...patch, ...(patch.actions ? { actions: asJson(patch.actions) } : {}), updatedAt: at })
        .where(macroKey(workspaceId, id))
        .returning();
      return row ? toMacro(row) : null;
    },
    async deleteMacro(workspaceId, id) {
      const rows = await db.delete(schema.macros).where(macroKey(workspaceId, id)).returning({ id: schema.macros.id });
      return rows.length > 0;
    },
    async listTriggers(workspaceId) {
      const rows = await db
        .select()
        .from(schema.triggers)
        .where(eq(schema.triggers.workspaceId, workspaceId))
        .orderBy(schema.triggers.seq);
      return rows.map(toTrigger);
    },
    async getTrigger(workspaceId, id) {
      const [row] = await db.select().from(schema.triggers).where(triggerKey(workspaceId, id));
      return row ? toTrigger(row) : null;
    },
    async createTrigger(workspaceId, input, at) {
      const [row] = await db
        .insert(schema.triggers)
        .values({
          ...input,
          conditions: asJson(input.conditions),
          actions: asJson(input.actions),
          id: newId("trg"),
          workspaceId,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      if (!row) throw new Error("inserting a trigger returned no row");
      return toTrigger(row);
    },
    async updateTrigger(workspaceId, id, patch, at) {
      const [row] = await db
        .update(schema.triggers)
        .set({
          ...patch,
          ...(patch.conditions ? { conditions: asJson(patch.conditions) } : {}),
          ...(patch.actions ? { actions: asJson(patch.actions) } : {}),
          updatedAt: at,
        })
        .where(triggerKey(workspaceId, id))
        .returning();
      return row ? toTrigger(row) : null;
    },
    async deleteTrigger(workspaceId, id) {
      const rows = await db
        .delete(schema.triggers)
        .where(triggerKey(workspaceId, id))
        .returning({ id: schema.triggers.id });
      return rows.length > 0;
    },
    async claimTriggerRun(triggerId, notificationId, ticketId, at) {
      const rows = await db
        .insert(schema.triggerRuns)
        .values({ triggerId, notificationId, ticketId, ranAt: at })
        .onConflictDoNothing()
        .returning({ triggerId: schema.triggerRuns.triggerId });
      return rows.length > 0;
    },
    async teamAssignment(workspaceId, teamId) {
      const [row] = await db
        .select()
        .from(schema.teamAssignment)
        .where(and(eq(schema.teamAssignment.workspaceId, workspaceId), eq(schema.teamAssignment.teamId, teamId)));
      return row
        ? { teamId: row.teamId, strategy: row.strategy, autoAssign: row.autoAssign, lastAgentId: row.lastAgentId }
        : null;
    },
    async setTeamAssignment(workspaceId, teamId, setting, at) {
      await db
        .insert(schema.teamAssignment)
        .values({ workspaceId, teamId, strategy: setting.strategy, autoAssign: setting.autoAssign, updatedAt: at })
        .onConflictDoUpdate({
          target: [schema.teamAssignment.workspaceId, schema.teamAssignment.teamId],
          set: { strategy: setting.strategy, autoAssign: setting.autoAssign, updatedAt: at },
        });
    },
    async assignmentCandidates(workspaceId, teamId) {
      const rows = await db
        .select({ agentId: schema.agents.id, openTickets: sql<number>`count(${schema.tickets.id})` })
        .from(schema.agents)
        .leftJoin(
          schema.tickets,
          and(
            eq(schema.tickets.workspaceId, schema.agents.workspaceId),
            eq(schema.tickets.assigneeId, schema.agents.id),
            inArray(schema.tickets.status, openStatuses),
          ),
        )
        .where(and(eq(schema.agents.workspaceId, workspaceId), eq(schema.agents.teamId, teamId)))
        .groupBy(schema.agents.id);
      return rows.map((row) => ({ agentId: row.agentId, openTickets: Number(row.openTickets) }));
    },
    async recordAssignment(workspaceId, teamId, agentId, at) {
      await db
        .insert(schema.teamAssignment)
        .values({ workspaceId, teamId, strategy: "round_robin", lastAgentId: agentId, updatedAt: at })
        .onConflictDoUpdate({
          target: [schema.teamAssignment.workspaceId, schema.teamAssignment.teamId],
          set: { lastAgentId: agentId, updatedAt: at },
        });
    },
    async agentName(workspaceId, agentId) {
      const [row] = await db
        .select({ name: schema.agents.name })
        .from(schema.agents)
        .where(and(eq(schema.agents.workspaceId, workspaceId), eq(schema.agents.id, agentId)));
      return row?.name ?? null;
    },
  };
}

import type { TicketAction } from "./actions.ts";
import type { AssignmentCandidate, AssignmentStrategy } from "./auto-assignment.ts";
import type { Macro } from "./macros.ts";
import type { Trigger } from "./triggers.ts";

export type MacroInput = Pick<Macro, "name" | "body" | "public" | "actions">;
export type TriggerInput = Pick<Trigger, "name" | "event" | "conditions" | "actions" | "enabled">;

export type TeamAssignment = {
  teamId: string;
  strategy: AssignmentStrategy;
  /** Whether the team's new tickets are assigned automatically. */
  autoAssign: boolean;
  lastAgentId: string | null;
};

export type AutomationStore = {
  listMacros(workspaceId: string): Promise<Macro[]>;
  getMacro(workspaceId: string, id: string): Promise<Macro | null>;
  createMacro(workspaceId: string, input: MacroInput, at: Date): Promise<Macro>;
  updateMacro(workspaceId: string, id: string, patch: Partial<MacroInput>, at: Date): Promise<Macro | null>;
  deleteMacro(workspaceId: string, id: string): Promise<boolean>;

  listTriggers(workspaceId: string): Promise<Trigger[]>;
  getTrigger(workspaceId: string, id: string): Promise<Trigger | null>;
  createTrigger(workspaceId: string, input: TriggerInput, at: Date): Promise<Trigger>;
  updateTrigger(workspaceId: string, id: string, patch: Partial<TriggerInput>, at: Date): Promise<Trigger | null>;
  deleteTrigger(workspaceId: string, id: string): Promise<boolean>;
  /** Claims one trigger's run for one notification; false when it already ran (a retried job). */
  claimTriggerRun(triggerId: string, notificationId: number, ticketId: string, at: Date): Promise<boolean>;

  teamAssignment(workspaceId: string, teamId: string): Promise<TeamAssignment | null>;
  setTeamAssignment(
    workspaceId: string,
    teamId: string,
    setting: { strategy: AssignmentStrategy; autoAssign: boolean },
    at: Date,
  ): Promise<void>;
  /** The team's agents with how many open (new, open, pending, on hold) tickets each is assigned. */
  assignmentCandidates(workspaceId: string, teamId: string): Promise<AssignmentCandidate[]>;
  /** Remembers who got the team's last ticket, for round robin. */
  recordAssignment(workspaceId: string, teamId: string, agentId: string, at: Date): Promise<void>;
  agentName(workspaceId: string, agentId: string): Promise<string | null>;
};

export type { TicketAction };

import { z } from "zod";
import type { Draft } from "./draft.ts";

/**
 * The workspace's autonomy policy, kept with its other settings (the snapshot's
 * `workspace.responder.autonomy`). Off unless a workspace turns it on.
 */
export const autonomySchema = z.object({
  enabled: z.boolean().default(false),
  /** Only drafts at or above this confidence may go out alone. */
  threshold: z.number().min(0).max(1).default(0.9),
  /** Only these categories may; empty means none. */
  categories: z.array(z.string()).default([]),
});
export type AutonomyPolicy = z.infer<typeof autonomySchema>;

const off: AutonomyPolicy = { enabled: false, threshold: 0.9, categories: [] };
// What a person must approve whatever the policy says: money, account changes and hand-offs.
const actionsNeedingPeople = new Set(["request_refund", "escalate", "rerun_operation", "change_plan", "apply_credit"]);

export function autonomyPolicyOf(settings: Record<string, unknown>): AutonomyPolicy {
  const responder = settings.responder;
  if (!responder || typeof responder !== "object") return off;
  const parsed = autonomySchema.safeParse((responder as Record<string, unknown>).autonomy ?? {});
  return parsed.success ? parsed.data : off;
}

/** Whether the responder may send this draft itself, and why (or why not), for the audit trail. */
export function mayAutoSend(draft: Draft, policy: AutonomyPolicy): { send: boolean; reason: string } {
  if (!policy.enabled) return { send: false, reason: "autonomy is off for this workspace" };
  if (!policy.categories.includes(draft.triage.category)) {
    return { send: false, reason: `category ${draft.triage.category} is not allowed to auto-send` };
  }
  if (draft.confidence < policy.threshold) {
    return { send: false, reason: `confidence ${draft.confidence} is below the threshold ${policy.threshold}` };
  }
  if (draft.triage.escalate) return { send: false, reason: "escalated tickets wait for a person" };
  if (draft.internalNote.tags.includes("prompt-injection"))
    return { send: false, reason: "the customer's text tried to instruct the responder" };
  const held = draft.actions.find((action) => actionsNeedingPeople.has(action.type));
  if (held) return { send: false, reason: `action ${held.type} needs a person's approval` };
  return { send: true, reason: `confidence ${draft.confidence} ≥ ${policy.threshold} in an allowed category` };
}

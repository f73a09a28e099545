import { type Category, type DraftPriority, draftPriorities } from "../draft.ts";

export type PriorityInput = {
  category: Category;
  /** 0..1, from assessMood. */
  frustration: number;
  customerPlan?: string | null;
  /** A service-wide failure (also implied by the outage category). */
  outage?: boolean;
  /** The customer cannot do their work until this is solved. */
  blocking?: boolean;
  /** A security incident or a legal matter. */
  securityOrLegal?: boolean;
  /** What the ticket has now; a person's choice is never lowered. */
  currentPriority?: string | null;
};

export type PriorityChoice = { priority: DraftPriority; reason: string };

const veryFrustrated = 0.7;
const somewhatFrustrated = 0.4;
const unpaidPlan = /free|trial|gratis|kostenlos|gratuit|none|unpaid|免费|试用/i;

function rank(priority: string | null | undefined): number {
  return draftPriorities.indexOf(priority as DraftPriority);
}

function rule(input: PriorityInput): PriorityChoice {
  if (input.securityOrLegal) return { priority: "urgent", reason: "security or legal matter" };
  if (input.outage || input.category === "outage") return { priority: "urgent", reason: "service-wide outage" };
  const paying = !unpaidPlan.test(input.customerPlan ?? "");
  if (input.blocking && paying) return { priority: "high", reason: "a paying customer is blocked" };
  if (input.frustration >= veryFrustrated) return { priority: "high", reason: "the customer is very frustrated" };
  if (input.category === "feature_request" && input.frustration < somewhatFrustrated) {
    return { priority: "low", reason: "feature request" };
  }
  return { priority: "normal", reason: input.blocking ? "blocked on an unpaid plan" : "no reason to hurry or wait" };
}

/**
 * Simple rules, first match wins: security, legal and outages are urgent; a blocked paying
 * customer (an unknown plan counts as paying) or a very frustrated one is high; a calm feature
 * request is low; everything else normal. The current priority is kept when it is higher.
 */
export function explainPriority(input: PriorityInput): PriorityChoice {
  const chosen = rule(input);
  const current = input.currentPriority;
  if (current && rank(current) > rank(chosen.priority)) {
    return {
      priority: current as DraftPriority,
      reason: `kept the current priority (${chosen.reason} suggests ${chosen.priority})`,
    };
  }
  return chosen;
}

export function choosePriority(input: PriorityInput): DraftPriority {
  return explainPriority(input).priority;
}

import { z } from "zod";
import type { Ticket } from "../tickets/ticket.ts";
import { type TicketAction, ticketActionSchema } from "./actions.ts";

export const triggerEvents = ["ticket.created", "ticket.updated", "message.added"] as const;
export type TriggerEvent = (typeof triggerEvents)[number];

export const conditionFields = [
  "status",
  "priority",
  "channel",
  "tags",
  "topic",
  "teamId",
  "assigneeId",
  "subject",
  "customer.plan",
  "message.body",
  "message.author",
  "changed",
] as const;
export type ConditionField = (typeof conditionFields)[number];

export const conditionOperators = [
  "is",
  "is_not",
  "in",
  "contains",
  "not_contains",
  "is_empty",
  "is_not_empty",
] as const;

export const triggerConditionSchema = z
  .object({
    field: z.enum(conditionFields),
    operator: z.enum(conditionOperators),
    value: z.union([z.string().max(1000), z.array(z.string().max(1000)).max(100)]).optional(),
  })
  .strict()
  .superRefine((condition, context) => {
    const needsValue = condition.operator !== "is_empty" && condition.operator !== "is_not_empty";
    if (needsValue && condition.value === undefined) {
      context.addIssue({ code: "custom", message: `operator ${condition.operator} needs a value`, path: ["value"] });
    }
    if (condition.operator === "in" && !Array.isArray(condition.value)) {
      context.addIssue({ code: "custom", message: "operator in needs a list of values", path: ["value"] });
    }
  });

export type TriggerCondition = z.infer<typeof triggerConditionSchema>;

export const triggerDefinitionSchema = z.object({
  name: z.string().trim().min(1, "must not be empty").max(200),
  event: z.enum(triggerEvents),
  conditions: z.array(triggerConditionSchema).max(50).describe("all must hold; none means always"),
  actions: z.array(ticketActionSchema).min(1, "a trigger needs at least one action").max(20),
  enabled: z.boolean(),
});

export type Trigger = z.infer<typeof triggerDefinitionSchema> & {
  id: string;
  actions: TicketAction[];
  createdAt: Date;
  updatedAt: Date;
};

/** What a trigger looks at: the ticket after the change, its customer, the added message, what changed. */
export type TriggerSubject = {
  event: TriggerEvent;
  ticket: Pick<Ticket, "status" | "priority" | "channel" | "tags" | "topic" | "teamId" | "assigneeId" | "subject">;
  customerPlan: string | null;
  message: { author: string; body: string } | null;
  /** Changed fields and event types of the change, e.g. ["status", "status_changed"]. */
  changed: string[];
};

/** The actor automation acts as; changes made by it never fire triggers again, so triggers cannot loop. */
export const automationActorPrefix = "automation:";

export function isAutomationActor(actor: string | null | undefined): boolean {
  return typeof actor === "string" && actor.startsWith(automationActorPrefix);
}

function fieldValue(field: ConditionField, subject: TriggerSubject): string | string[] | null {
  switch (field) {
    case "customer.plan":
      return subject.customerPlan;
    case "message.body":
      return subject.message?.body ?? null;
    case "message.author":
      return subject.message?.author ?? null;
    case "changed":
      return subject.changed;
    default:
      return subject.ticket[field];
  }
}

const lower = (value: string) => value.toLowerCase();

export function conditionHolds(condition: TriggerCondition, subject: TriggerSubject): boolean {
  const actual = fieldValue(condition.field, subject);
  const expected = condition.value;
  const expectedList = (Array.isArray(expected) ? expected : expected === undefined ? [] : [expected]).map(lower);
  const empty = actual === null || actual === "" || (Array.isArray(actual) && actual.length === 0);
  switch (condition.operator) {
    case "is_empty":
      return empty;
    case "is_not_empty":
      return !empty;
    case "is":
    case "in":
      if (actual === null) return false;
      return Array.isArray(actual)
        ? actual.some((item) => expectedList.includes(lower(item)))
        : expectedList.includes(lower(actual));
    case "is_not":
      if (actual === null) return true;
      return Array.isArray(actual)
        ? !actual.some((item) => expectedList.includes(lower(item)))
        : !expectedList.includes(lower(actual));
    case "contains":
    case "not_contains": {
      const found =
        actual !== null &&
        expectedList.some((needle) =>
          Array.isArray(actual) ? actual.some((item) => lower(item) === needle) : lower(actual).includes(needle),
        );
      return condition.operator === "contains" ? found : !found;
    }
  }
}

/** The enabled triggers for this event whose every condition holds, in their stored order. */
export function matchingTriggers<T extends Pick<Trigger, "event" | "conditions" | "enabled">>(
  triggers: readonly T[],
  subject: TriggerSubject,
): T[] {
  return triggers.filter(
    (trigger) =>
      trigger.enabled &&
      trigger.event === subject.event &&
      trigger.conditions.every((condition) => conditionHolds(condition, subject)),
  );
}

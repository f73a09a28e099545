import { describe, expect, it } from "vitest";
import { chooseAssignee } from "./auto-assignment.ts";
import { checkMacroBody, renderMacro, unknownMacroVariables } from "./macros.ts";
import { conditionHolds, matchingTriggers, type TriggerSubject } from "./triggers.ts";

const subject = (overrides: Partial<TriggerSubject> = {}): TriggerSubject => ({
  event: "ticket.created",
  ticket: {
    status: "new",
    priority: "high",
    channel: "email",
    tags: ["billing", "vip"],
    topic: "invoices",
    teamId: null,
    assigneeId: null,
    subject: "Refund for a double charge",
  },
  customerPlan: "enterprise",
  message: { author: "customer", body: "I was charged TWICE this month." },
  changed: [],
  ...overrides,
});

describe("trigger conditions", () => {
  it("compare fields without regard to case, lists by membership and text by substring", () => {
    expect(conditionHolds({ field: "priority", operator: "is", value: "HIGH" }, subject())).toBe(true);
    expect(conditionHolds({ field: "priority", operator: "is_not", value: "high" }, subject())).toBe(false);
    expect(conditionHolds({ field: "channel", operator: "in", value: ["chat", "email"] }, subject())).toBe(true);
    expect(conditionHolds({ field: "tags", operator: "contains", value: "vip" }, subject())).toBe(true);
    expect(conditionHolds({ field: "tags", operator: "contains", value: "vi" }, subject())).toBe(false);
    expect(conditionHolds({ field: "message.body", operator: "contains", value: "charged twice" }, subject())).toBe(
      true,
    );
    expect(conditionHolds({ field: "subject", operator: "not_contains", value: "refund" }, subject())).toBe(false);
    expect(conditionHolds({ field: "customer.plan", operator: "is", value: "enterprise" }, subject())).toBe(true);
    expect(conditionHolds({ field: "assigneeId", operator: "is_empty" }, subject())).toBe(true);
    expect(conditionHolds({ field: "teamId", operator: "is_not_empty" }, subject())).toBe(false);
    expect(
      conditionHolds(
        { field: "changed", operator: "contains", value: "status" },
        subject({ changed: ["status", "status_changed"] }),
      ),
    ).toBe(true);
  });

  it("treat a missing value as matching nothing but 'is not'", () => {
    const withoutMessage = subject({ message: null, customerPlan: null });
    expect(conditionHolds({ field: "message.body", operator: "contains", value: "x" }, withoutMessage)).toBe(false);
    expect(conditionHolds({ field: "customer.plan", operator: "is", value: "free" }, withoutMessage)).toBe(false);
    expect(conditionHolds({ field: "customer.plan", operator: "is_not", value: "free" }, withoutMessage)).toBe(true);
  });
});

describe("matching triggers", () => {
  const triggers = [
    {
      id: "vip",
      event: "ticket.created" as const,
      enabled: true,
      conditions: [{ field: "tags" as const, operator: "contains" as const, value: "vip" }],
    },
    { id: "off", event: "ticket.created" as const, enabled: false, conditions: [] },
    {
      id: "chat-only",
      event: "ticket.created" as const,
      enabled: true,
      conditions: [{ field: "channel" as const, operator: "is" as const, value: "chat" }],
    },
    { id: "on-update", event: "ticket.updated" as const, enabled: true, conditions: [] },
    { id: "always", event: "ticket.created" as const, enabled: true, conditions: [] },
  ];

  it("are the enabled ones for this event whose every condition holds, in their order", () => {
    expect(matchingTriggers(triggers, subject()).map((trigger) => trigger.id)).toEqual(["vip", "always"]);
    expect(matchingTriggers(triggers, subject({ event: "ticket.updated" })).map((trigger) => trigger.id)).toEqual([
      "on-update",
    ]);
  });
});

describe("macros", () => {
  const context = {
    ticket: {
      id: "1042",
      subject: "Export fails",
      status: "open" as const,
      priority: null,
      channel: "email" as const,
      topic: null,
    },
    customer: { name: "Ana María Lima", email: "ana@example.com", phone: null, company: null, plan: "business" },
    agent: { name: "Maria Schmidt" },
  };

  it("fill in ticket, customer and agent variables, with fallbacks for missing values", () => {
    expect(
      renderMacro(
        "Hi {{customer.first_name}}, about ticket #{{ ticket.id }} ({{ticket.priority|normal}}) at {{customer.company|your company}}. — {{agent.first_name}}",
        context,
      ),
    ).toBe("Hi Ana, about ticket #1042 (normal) at your company. — Maria");
    expect(renderMacro("Plan: {{customer.plan}}, phone: {{customer.phone}}.", context)).toBe(
      "Plan: business, phone: .",
    );
  });

  it("refuse variables the desk does not know, naming them", () => {
    expect(unknownMacroVariables("Hi {{customer.nickname}} {{ticket.id}}")).toEqual(["customer.nickname"]);
    expect(() => checkMacroBody("Hi {{customer.nickname}}")).toThrow(
      /Unknown macro variable \{\{customer\.nickname\}\}/,
    );
    expect(() => checkMacroBody("Hi {{customer.first_name}}")).not.toThrow();
  });
});

describe("auto-assignment", () => {
  const candidates = [
    { agentId: "carla", openTickets: 3 },
    { agentId: "ana", openTickets: 1 },
    { agentId: "ben", openTickets: 1 },
  ];

  it("round robin takes turns in a stable order and wraps around", () => {
    const picks: (string | null)[] = [];
    let last: string | null = null;
    for (let turn = 0; turn < 4; turn += 1) {
      last = chooseAssignee({ strategy: "round_robin", candidates, lastAgentId: last });
      picks.push(last);
    }
    expect(picks).toEqual(["ana", "ben", "carla", "ana"]);
  });

  it("round robin carries on after an agent who has left the team", () => {
    expect(chooseAssignee({ strategy: "round_robin", candidates, lastAgentId: "bea" })).toBe("ben");
  });

  it("least open picks the member with the fewest open tickets, equal loads taking turns", () => {
    expect(chooseAssignee({ strategy: "least_open", candidates, lastAgentId: null })).toBe("ana");
    expect(chooseAssignee({ strategy: "least_open", candidates, lastAgentId: "ana" })).toBe("ben");
    expect(chooseAssignee({ strategy: "least_open", candidates, lastAgentId: "ben" })).toBe("ana");
  });

  it("assigns nobody in an empty team", () => {
    expect(chooseAssignee({ strategy: "least_open", candidates: [], lastAgentId: null })).toBeNull();
  });
});

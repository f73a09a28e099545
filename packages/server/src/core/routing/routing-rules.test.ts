import { describe, expect, it } from "vitest";
import {
  chooseRoutedAgent,
  defaultRoutingSettings,
  defaultRulesFor,
  defaultTiers,
  type RoutingTicket,
  routeTicket,
  routingSettingsOf,
  routingSettingsSchema,
} from "./routing-rules.ts";

const teamIds = defaultTiers.map((tier) => tier.id);
const ticket = (overrides: Partial<RoutingTicket> = {}): RoutingTicket => ({
  channel: "email",
  topic: null,
  category: "how_to",
  priority: "normal",
  plan: "pro",
  ...overrides,
});
const route = (overrides: Partial<RoutingTicket> = {}, ids: readonly string[] = teamIds) =>
  routeTicket({ ticket: ticket(overrides), rules: defaultRoutingSettings.rules, teamIds: ids });

describe("default routing (spec/service-levels.md)", () => {
  it("sends technical problems to tier 2", () => {
    expect(route({ category: "bug" }).teamId).toBe("tier2");
    expect(route({ category: "outage" }).teamId).toBe("tier2");
  });

  it("sends billing issues to billing with at least high priority", () => {
    expect(route({ category: "billing", priority: "low" })).toMatchObject({ teamId: "billing", priority: "high" });
  });

  it("sends everything else to tier 1 without touching the priority", () => {
    expect(route({ category: "how_to", priority: "low" })).toMatchObject({ teamId: "tier1", priority: "low" });
    expect(route({ category: null, priority: null })).toMatchObject({ teamId: "tier1", priority: null });
  });

  it("raises enterprise customers to high priority but never lowers an urgent ticket", () => {
    expect(route({ plan: "Enterprise", priority: "low" }).priority).toBe("high");
    expect(route({ plan: "enterprise", priority: "urgent" }).priority).toBe("urgent");
    expect(route({ plan: "free", priority: "low" }).priority).toBe("low");
  });

  it("names the rules that decided", () => {
    expect(route({ plan: "enterprise", category: "bug", priority: "urgent" }).reasons).toEqual([
      "Technical emergencies go to tier 2",
    ]);
    expect(route({ plan: "enterprise", category: "billing", priority: "low" }).reasons).toEqual([
      "Enterprise customers come first",
      "Billing issues go to billing, with priority",
    ]);
  });

  it("picks no team when the workspace lacks the team a rule names", () => {
    expect(route({ category: "bug" }, ["support", "billing"]).teamId).toBeNull();
    expect(route({ category: "billing" }, ["support", "billing"]).teamId).toBe("billing");
  });
});

describe("workspace rules", () => {
  it("let the first matching rule with a team win and a raised priority feed later conditions", () => {
    const rules = routingSettingsSchema.parse({
      enabled: true,
      chatLimit: 3,
      skills: {},
      rules: [
        { name: "VIPs first", when: { plan: ["vip"] }, priorityAtLeast: "urgent" },
        { name: "Urgent chats to specialists", when: { priority: ["urgent"], channel: ["chat"] }, teamId: "tier3" },
        { name: "Sheets topic to tier 2", when: { topic: ["Google Sheets Sync"] }, teamId: "tier2" },
        { name: "Rest", teamId: "tier1" },
      ],
    }).rules;
    const decide = (overrides: Partial<RoutingTicket>) => routeTicket({ ticket: ticket(overrides), rules, teamIds });
    expect(decide({ plan: "vip", channel: "chat" })).toMatchObject({ teamId: "tier3", priority: "urgent" });
    expect(decide({ plan: "vip", channel: "email", topic: "google sheets sync" })).toMatchObject({
      teamId: "tier2",
      priority: "urgent",
    });
    expect(decide({ topic: "csv import" }).teamId).toBe("tier1");
  });

  it("refuse a rule that would do nothing, with a message saying what it needs", () => {
    const parsed = routingSettingsSchema.safeParse({
      enabled: true,
      chatLimit: 3,
      skills: {},
      rules: [{ name: "Idle", when: { plan: ["free"] } }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain("teamId, a priorityAtLeast");
  });

  it("refuse a chat limit below one", () => {
    const parsed = routingSettingsSchema.safeParse({ ...defaultRoutingSettings, chatLimit: 0 });
    expect(parsed.error?.issues[0]?.path).toEqual(["chatLimit"]);
  });

  it("are off with the defaults when a workspace set none or its settings no longer parse", () => {
    expect(routingSettingsOf({})).toEqual({ ...defaultRoutingSettings, enabled: false });
    expect(routingSettingsOf({ routing: { rules: "everything to tier 1" } }).enabled).toBe(false);
    expect(routingSettingsOf({ routing: defaultRoutingSettings })).toEqual(defaultRoutingSettings);
  });
});

describe("default rules for a workspace that brought its own teams", () => {
  const demoTeams = [
    { id: "support", name: "Support" },
    { id: "technical-support", name: "Technical support" },
    { id: "engineering", name: "Engineering" },
    { id: "billing", name: "Billing" },
    { id: "privacy", name: "Privacy" },
  ];

  it("name the workspace's own teams, so they can be saved as shown", () => {
    const rules = defaultRulesFor(demoTeams);
    const ids = new Set(demoTeams.map((team) => team.id));
    expect(rules.every((rule) => rule.teamId === undefined || ids.has(rule.teamId))).toBe(true);
    expect(routingSettingsSchema.safeParse({ ...defaultRoutingSettings, rules }).success).toBe(true);
    const routed = (overrides: Partial<RoutingTicket>) =>
      routeTicket({ ticket: ticket(overrides), rules, teamIds: [...ids] }).teamId;
    expect(routed({ category: "bug" })).toBe("technical-support");
    expect(routed({ category: "billing" })).toBe("billing");
    expect(routed({ category: "how_to" })).toBe("support");
  });

  it("drop a rule's team when no team plays its part, and the rule when nothing is left", () => {
    const rules = defaultRulesFor([{ id: "everyone", name: "Everyone" }]);
    expect(rules.map((rule) => rule.teamId).filter(Boolean)).toEqual([]);
    expect(rules.map((rule) => rule.name)).toEqual([
      "Enterprise customers come first",
      "Billing issues go to billing, with priority",
    ]);
  });

  it("leave the default tiers' rules as they are", () => {
    expect(defaultRulesFor(defaultTiers)).toEqual(defaultRoutingSettings.rules);
    expect(defaultRulesFor([])).toEqual(defaultRoutingSettings.rules);
  });

  it("are what a workspace without routing settings is shown", () => {
    expect(routingSettingsOf({}, demoTeams).rules).toEqual(defaultRulesFor(demoTeams));
  });
});

describe("choosing an agent within the routed team", () => {
  const base = {
    skills: {},
    chatLimit: 3,
    strategy: "least_open" as const,
    lastAgentId: null,
  };
  const chat = { channel: "chat", language: "en", topic: null };

  it("gives a live chat only to an agent under the chat limit", () => {
    const candidates = [
      { agentId: "ana", openTickets: 3, openChats: 3 },
      { agentId: "ben", openTickets: 5, openChats: 2 },
    ];
    expect(chooseRoutedAgent({ ...base, ticket: chat, candidates })).toBe("ben");
    expect(chooseRoutedAgent({ ...base, ticket: { ...chat, channel: "in_app" }, candidates })).toBe("ben");
  });

  it("leaves a live chat waiting when every agent is full", () => {
    const candidates = [
      { agentId: "ana", openTickets: 3, openChats: 3 },
      { agentId: "ben", openTickets: 4, openChats: 4 },
    ];
    expect(chooseRoutedAgent({ ...base, ticket: chat, candidates })).toBeNull();
    expect(chooseRoutedAgent({ ...base, ticket: chat, candidates, chatLimit: 4 })).toBe("ana");
  });

  it("does not count the chat limit for email", () => {
    const candidates = [{ agentId: "ana", openTickets: 9, openChats: 3 }];
    expect(chooseRoutedAgent({ ...base, ticket: { ...chat, channel: "email" }, candidates })).toBe("ana");
  });

  it("prefers agents who speak the customer's language and know the topic", () => {
    const candidates = [
      { agentId: "ana", openTickets: 0, openChats: 0 },
      { agentId: "ben", openTickets: 4, openChats: 1 },
      { agentId: "cleo", openTickets: 6, openChats: 1 },
    ];
    const skills = {
      ben: { languages: ["de"], topics: [] },
      cleo: { languages: ["de-AT"], topics: ["CSV import"] },
    };
    const german = { channel: "email", language: "de", topic: null };
    expect(chooseRoutedAgent({ ...base, skills, ticket: german, candidates })).toBe("ben");
    expect(chooseRoutedAgent({ ...base, skills, ticket: { ...german, topic: "csv import" }, candidates })).toBe("cleo");
    expect(chooseRoutedAgent({ ...base, skills, ticket: { ...german, language: "fr" }, candidates })).toBe("ana");
  });

  it("lets the team's strategy choose among equally skilled agents", () => {
    const candidates = [
      { agentId: "ana", openTickets: 2, openChats: 0 },
      { agentId: "ben", openTickets: 1, openChats: 0 },
    ];
    const email = { channel: "email", language: "en", topic: null };
    expect(chooseRoutedAgent({ ...base, ticket: email, candidates })).toBe("ben");
    expect(chooseRoutedAgent({ ...base, strategy: "round_robin", lastAgentId: "ana", ticket: email, candidates })).toBe(
      "ben",
    );
    expect(chooseRoutedAgent({ ...base, strategy: "round_robin", lastAgentId: "ben", ticket: email, candidates })).toBe(
      "ana",
    );
  });

  it("chooses nobody in an empty team", () => {
    expect(chooseRoutedAgent({ ...base, ticket: chat, candidates: [] })).toBeNull();
  });
});

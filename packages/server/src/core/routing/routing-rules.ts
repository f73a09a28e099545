import { z } from "zod";
import { type AssignmentStrategy, chooseAssignee } from "../automation/auto-assignment.ts";

const priorities = ["low", "normal", "high", "urgent"] as const;
export type RoutingPriority = (typeof priorities)[number];

/** Channels where the customer waits in the conversation, so an agent holds only a few at once. */
export const liveChatChannels: readonly string[] = ["chat", "in_app"];

const words = z.array(z.string().trim().min(1).max(200)).max(200);

export const routingConditionSchema = z
  .object({
    channel: words.optional().describe("any of these channels"),
    topic: words.optional().describe("any of these topics (case does not matter)"),
    category: words.optional().describe("any of the responder's categories, e.g. bug, billing"),
    priority: z
      .array(z.enum(priorities))
      .optional()
      .describe("any of these priorities (after earlier rules raised it)"),
    plan: words.optional().describe("any of these customer plans (case does not matter)"),
  })
  .strict();

export const routingRuleSchema = z
  .object({
    name: z.string().trim().min(1, "must name the rule").max(200),
    when: routingConditionSchema.default({}),
    teamId: z.string().min(1).max(200).optional().describe("the team the ticket goes to"),
    priorityAtLeast: z.enum(priorities).optional().describe("raises the ticket's priority to at least this"),
  })
  .strict()
  .refine((rule) => rule.teamId !== undefined || rule.priorityAtLeast !== undefined, {
    message: "a rule must set a teamId, a priorityAtLeast, or both",
  });

export const agentSkillsSchema = z
  .object({
    languages: words.default([]).describe("language codes the agent answers in, e.g. en, de"),
    topics: words.default([]).describe("topics the agent knows best"),
  })
  .strict();

export const routingSettingsSchema = z
  .object({
    enabled: z
      .boolean()
      .describe(
        "whether new tickets are routed; off in a workspace that brought its own teams until an admin turns it on",
      ),
    rules: z.array(routingRuleSchema).max(500),
    chatLimit: z
      .number()
      .int("must be a whole number")
      .min(1, "must let an agent hold at least one chat")
      .max(100)
      .describe("open chat and in-app tickets an agent holds at most"),
    skills: z.record(z.string().min(1).max(200), agentSkillsSchema).describe("by agent id"),
  })
  .strict();

export type RoutingRule = z.infer<typeof routingRuleSchema>;
export type AgentSkills = z.infer<typeof agentSkillsSchema>;
export type RoutingSettings = z.infer<typeof routingSettingsSchema>;

/** The default tiers of spec/service-levels.md, as team ids a fresh workspace gets. */
export const defaultTeamIds = {
  general: "tier1",
  technical: "tier2",
  specialists: "tier3",
  billing: "billing",
} as const;

const technicalCategories = ["bug", "outage"];

/**
 * spec/service-levels.md: technical → tier 2, billing → billing, the rest → tier 1; priority
 * routing for enterprise customers, billing issues and technical emergencies.
 */
export const defaultRoutingSettings: RoutingSettings = {
  enabled: true,
  rules: [
    {
      name: "Technical emergencies go to tier 2",
      when: { priority: ["urgent"], category: technicalCategories },
      teamId: defaultTeamIds.technical,
    },
    { name: "Enterprise customers come first", when: { plan: ["enterprise"] }, priorityAtLeast: "high" },
    {
      name: "Technical problems go to tier 2",
      when: { category: technicalCategories },
      teamId: defaultTeamIds.technical,
    },
    {
      name: "Billing issues go to billing, with priority",
      when: { category: ["billing"] },
      teamId: defaultTeamIds.billing,
      priorityAtLeast: "high",
    },
    { name: "Everything else goes to tier 1", when: {}, teamId: defaultTeamIds.general },
  ],
  chatLimit: 3,
  skills: {},
};

/**
 * The workspace's routing settings (the `routing` key). A workspace that set none (it brought its
 * own teams, e.g. from a snapshot) sees the defaults switched off, so nothing moves its tickets
 * until an admin says so; settings that no longer parse are off too rather than half applied.
 */
export function routingSettingsOf(
  settings: Record<string, unknown>,
  teams: readonly WorkspaceTeam[] = [],
): RoutingSettings {
  const parsed = routingSettingsSchema.safeParse(settings.routing);
  if (parsed.success) return parsed.data;
  return { ...defaultRoutingSettings, rules: defaultRulesFor(teams), enabled: false };
}

type WorkspaceTeam = { id: string; name: string };

/** Words that tell which of a workspace's own teams plays each default tier's part. */
const tierWords: Record<keyof typeof defaultTeamIds, RegExp> = {
  technical: /tier ?2|techni|engineer/i,
  billing: /billing|finance|payment/i,
  specialists: /tier ?3|specialist|enterprise/i,
  general: /tier ?1|general|support|help ?desk|front/i,
};

/**
 * The default rules with their teams mapped onto a workspace's own teams (one that brought its own
 * teams, e.g. the demo's "Technical support" for tier 2), so the rules an admin is shown can be
 * saved as they are. A rule whose tier has no counterpart loses its team, and the rule goes when
 * nothing is left of it. A workspace with the default tiers (or no teams) keeps the rules unchanged.
 */
export function defaultRulesFor(teams: readonly WorkspaceTeam[]): RoutingRule[] {
  if (teams.length === 0) return defaultRoutingSettings.rules;
  const ids = new Set(teams.map((team) => team.id));
  const taken = new Set<string>();
  const counterpart = new Map<string, string | undefined>();
  // Most specific tiers first, so a "Technical support" team is tier 2 before "support" makes it tier 1.
  for (const tier of ["technical", "billing", "specialists", "general"] as const) {
    const defaultId = defaultTeamIds[tier];
    const match = ids.has(defaultId)
      ? defaultId
      : teams.find((team) => !taken.has(team.id) && (tierWords[tier].test(team.id) || tierWords[tier].test(team.name)))
          ?.id;
    if (match) taken.add(match);
    counterpart.set(defaultId, match);
  }
  return defaultRoutingSettings.rules.flatMap((rule) => {
    if (rule.teamId === undefined) return [rule];
    const teamId = counterpart.get(rule.teamId);
    if (teamId) return [{ ...rule, teamId }];
    const { teamId: _unmatched, ...withoutTeam } = rule;
    return withoutTeam.priorityAtLeast === undefined ? [] : [withoutTeam];
  });
}

export type RoutingTicket = {
  channel: string;
  topic: string | null;
  category: string | null;
  priority: RoutingPriority | null;
  plan: string | null;
};

export type RoutingDecision = {
  /** Null when no rule names a team (or the team it names does not exist): the ticket keeps its team. */
  teamId: string | null;
  priority: RoutingPriority | null;
  /** Names of the rules that decided, for the ticket's history. */
  reasons: string[];
};

const rank = (priority: RoutingPriority | null) => (priority === null ? -1 : priorities.indexOf(priority));

const anyOf = (allowed: readonly string[] | undefined, value: string | null) =>
  allowed === undefined ||
  (value !== null && allowed.some((candidate) => candidate.toLowerCase() === value.toLowerCase()));

/**
 * Rules are read in order. The first that matches and names an existing team picks the team;
 * every matching rule may raise the priority (never lower it), and a raised priority is what later
 * rules' priority conditions see, so "enterprise → high" can feed "high → tier 2".
 */
export function routeTicket(input: {
  ticket: RoutingTicket;
  rules: readonly RoutingRule[];
  teamIds: readonly string[];
}): RoutingDecision {
  let priority = input.ticket.priority;
  let teamId: string | null = null;
  const reasons: string[] = [];
  for (const rule of input.rules) {
    const { when } = rule;
    const matches =
      anyOf(when.channel, input.ticket.channel) &&
      anyOf(when.topic, input.ticket.topic) &&
      anyOf(when.category, input.ticket.category) &&
      anyOf(when.plan, input.ticket.plan) &&
      anyOf(when.priority, priority);
    if (!matches) continue;
    let used = false;
    if (rule.priorityAtLeast && rank(rule.priorityAtLeast) > rank(priority)) {
      priority = rule.priorityAtLeast;
      used = true;
    }
    if (teamId === null && rule.teamId !== undefined && input.teamIds.includes(rule.teamId)) {
      teamId = rule.teamId;
      used = true;
    }
    if (used) reasons.push(rule.name);
  }
  return { teamId, priority, reasons };
}

export type RoutingCandidate = {
  agentId: string;
  openTickets: number;
  /** Open chat and in-app tickets the agent holds. */
  openChats: number;
};

/**
 * The agent of the routed team who gets the ticket. A live chat goes only to an agent under the
 * chat limit (null when everyone is full: the ticket waits). Among those left, agents whose skills
 * match the ticket's language and topic come first; the team's strategy chooses among equals.
 */
export function chooseRoutedAgent(input: {
  ticket: { channel: string; language: string | null; topic: string | null };
  candidates: readonly RoutingCandidate[];
  skills: Readonly<Record<string, AgentSkills>>;
  chatLimit: number;
  strategy: AssignmentStrategy;
  lastAgentId: string | null;
}): string | null {
  const isChat = liveChatChannels.includes(input.ticket.channel);
  const free = input.candidates.filter((candidate) => !isChat || candidate.openChats < input.chatLimit);
  if (free.length === 0) return null;
  const scored = free.map((candidate) => ({
    candidate,
    score: skillScore(input.skills[candidate.agentId], input.ticket),
  }));
  const best = Math.max(...scored.map((entry) => entry.score));
  return chooseAssignee({
    strategy: input.strategy,
    candidates: scored.filter((entry) => entry.score === best).map((entry) => entry.candidate),
    lastAgentId: input.lastAgentId,
  });
}

function skillScore(skills: AgentSkills | undefined, ticket: { language: string | null; topic: string | null }) {
  if (!skills) return 0;
  const language = ticket.language?.toLowerCase().split("-")[0] ?? null;
  const speaks = language !== null && skills.languages.some((known) => known.toLowerCase().split("-")[0] === language);
  const knows = anyOf(skills.topics, ticket.topic) && ticket.topic !== null && skills.topics.length > 0;
  return (speaks ? 1 : 0) + (knows ? 1 : 0);
}

/** The default tiers of spec/service-levels.md: tier 1 → tier 2 → tier 3, and billing beside them. */
export const defaultTiers: readonly {
  id: string;
  name: string;
  escalatesTo: string | null;
  handles: string;
  escalatesWhen: string;
}[] = [
  {
    id: defaultTeamIds.general,
    name: "Tier 1, general",
    escalatesTo: defaultTeamIds.technical,
    handles: "account management, basic troubleshooting, billing questions",
    escalatesWhen: "technical complexity, a policy exception, a dissatisfied customer",
  },
  {
    id: defaultTeamIds.technical,
    name: "Tier 2, technical",
    escalatesTo: defaultTeamIds.specialists,
    handles: "advanced troubleshooting, integrations, reproducing bugs",
    escalatesWhen: "engineering is needed, security concerns, data recovery",
  },
  {
    id: defaultTeamIds.specialists,
    name: "Tier 3, specialists",
    escalatesTo: null,
    handles: "enterprise accounts, security incidents, data recovery",
    escalatesWhen: "executive involvement, legal advice, product-team collaboration",
  },
  {
    id: defaultTeamIds.billing,
    name: "Billing",
    escalatesTo: defaultTeamIds.general,
    handles: "invoices, payments, plan changes, refunds",
    escalatesWhen: "a question that is not about billing",
  },
];

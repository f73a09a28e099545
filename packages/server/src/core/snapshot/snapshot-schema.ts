import { z } from "zod";

/**
 * The workspace snapshot, version 1: one JSON document that holds a whole workspace.
 * Loose objects keep fields this version does not know, so nothing is dropped silently.
 */
export const SNAPSHOT_FORMAT = "support-responder/workspace@1";

export const priorities = ["low", "normal", "high", "urgent"] as const;
export const channels = ["email", "chat", "phone", "social", "in_app", "api"] as const;
export const ticketStatuses = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const ticketEventTypes = [
  "status_changed",
  "priority_changed",
  "assigned",
  "escalated",
  "reopened",
  "csat_received",
  "follow_up_scheduled",
  "follow_up_done",
  // Changes the format does not name yet; the event log records every change.
  "tags_changed",
  "topic_changed",
  "team_changed",
  // SLA timers (jobs/sla-check.ts): data.metric and data.dueAt say which target.
  "sla_warning",
  "sla_breached",
  // Merges (core/merge): data.mergedFrom / data.mergedInto name the other ticket or customer.
  "customer_merged",
  "merged_into",
  "merged_from",
] as const;

export type Priority = (typeof priorities)[number];
export type ChannelName = (typeof channels)[number];
export type TicketStatus = (typeof ticketStatuses)[number];
export type TicketEventType = (typeof ticketEventTypes)[number];

const instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with an offset" });
const identifier = z.string().trim().min(1, "must not be empty").max(200);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM");
const record = z.record(z.string(), z.unknown());

const timeZone = z.string().refine(isKnownTimeZone, "must be an IANA time zone such as Europe/Berlin");

export const slaPolicySchema = z.looseObject({
  priority: z.enum(priorities).optional(),
  channel: z.enum(channels).optional(),
  firstResponseMinutes: z.number().int().positive(),
  resolutionMinutes: z.number().int().positive().optional(),
});

export const workspaceSchema = z.looseObject({
  name: z.string().min(1),
  timezone: timeZone,
  businessHours: z.looseObject({ days: z.array(z.enum(weekdays)).min(1), start: clockTime, end: clockTime }).optional(),
  slaPolicies: z.array(slaPolicySchema).optional(),
  reportInBusinessHours: z.boolean().optional(),
});

export const teamSchema = z.looseObject({
  id: identifier,
  name: z.string().min(1),
  escalatesTo: identifier.optional(),
});

export const agentRoles = ["admin", "agent"] as const;
export type AgentRole = (typeof agentRoles)[number];

export const agentSchema = z.looseObject({
  id: identifier,
  name: z.string().min(1),
  email: z.email(),
  role: z.enum(agentRoles),
  teamId: identifier.optional(),
});

/**
 * The customer attribute that keeps the identities the format has no field for (a second email
 * address, a second number on one channel): a list of { kind: "email" | "phone" |
 * "handle:<channel>", value }. Export writes it and import restores the identities from it.
 */
export const customerIdentitiesKey = "responderIdentities";

const keptIdentities = z.array(
  z.object({
    kind: z.string().regex(/^(email|phone|handle:.+)$/, 'must be "email", "phone" or "handle:<channel>"'),
    value: z.string().trim().min(1, "must be the address, number or handle"),
  }),
);

export const customerSchema = z.looseObject({
  id: identifier,
  name: z.string(),
  email: z.email().optional(),
  phone: z.string().min(1).optional(),
  handles: z.record(z.string(), z.string()).optional(),
  company: z.string().optional(),
  plan: z.string().optional(),
  language: z.string().min(2).optional(),
  attributes: z.looseObject({ [customerIdentitiesKey]: keptIdentities.optional() }).optional(),
});

export const articleSchema = z.looseObject({
  id: identifier,
  title: z.string().min(1),
  body: z.string(),
  tags: z.array(z.string()).optional(),
  public: z.boolean().optional(),
  updatedAt: instant.optional(),
});

export const accountEventSchema = z.looseObject({
  id: identifier.optional(),
  customerId: identifier,
  at: instant,
  type: z.string().min(1),
  data: record.optional(),
});

export const knownIssueStatuses = ["open", "fix_in_progress", "fixed"] as const;
export const knownIssueSchema = z.looseObject({
  id: identifier,
  title: z.string().min(1),
  status: z.enum(knownIssueStatuses),
  tags: z.array(z.string()).optional(),
  workaround: z.string().optional(),
});

export const messageAuthorSchema = z.union([
  z.literal("customer"),
  z.literal("responder"),
  z.literal("system"),
  z.string().regex(/^agent:.+$/, 'must be "customer", "responder", "system" or "agent:<id>"'),
]);

export const messageSchema = z.looseObject({
  id: identifier.optional(),
  at: instant,
  author: messageAuthorSchema,
  public: z.boolean(),
  body: z.string(),
  /** The channel's id for the message (an email's Message-ID); unique in a workspace. */
  externalId: z.string().min(1).optional(),
});

export const ticketEventSchema = z.looseObject({
  at: instant,
  actor: z.string().optional(),
  type: z.enum(ticketEventTypes),
  from: z.string().optional(),
  to: z.string().optional(),
  data: record.optional(),
});

export const csatSchema = z.looseObject({
  score: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  comment: z.string().optional(),
  at: instant,
});

export const ticketSchema = z.looseObject({
  id: identifier,
  customerId: identifier,
  channel: z.enum(channels),
  knownIssueId: identifier.optional(),
  subject: z.string().optional(),
  status: z.enum(ticketStatuses),
  priority: z.enum(priorities).optional(),
  tags: z.array(z.string()).optional(),
  topic: z.string().optional(),
  assigneeId: identifier.optional(),
  teamId: identifier.optional(),
  createdAt: instant,
  messages: z.array(messageSchema),
  events: z.array(ticketEventSchema).optional(),
  csat: csatSchema.optional(),
  attributes: record.optional(),
});

export const snapshotSchema = z.looseObject({
  format: z.literal(SNAPSHOT_FORMAT),
  workspace: workspaceSchema,
  teams: z.array(teamSchema).optional(),
  agents: z.array(agentSchema).optional(),
  customers: z.array(customerSchema),
  articles: z.array(articleSchema).optional(),
  accountEvents: z.array(accountEventSchema).optional(),
  knownIssues: z.array(knownIssueSchema).optional(),
  tickets: z.array(ticketSchema),
});

export type Snapshot = z.infer<typeof snapshotSchema>;
export type SnapshotWorkspace = z.infer<typeof workspaceSchema>;
export type SnapshotTeam = z.infer<typeof teamSchema>;
export type SnapshotAgent = z.infer<typeof agentSchema>;
export type SnapshotCustomer = z.infer<typeof customerSchema>;
export type SnapshotArticle = z.infer<typeof articleSchema>;
export type SnapshotAccountEvent = z.infer<typeof accountEventSchema>;
export type SnapshotKnownIssue = z.infer<typeof knownIssueSchema>;
export type SnapshotTicket = z.infer<typeof ticketSchema>;
export type SnapshotMessage = z.infer<typeof messageSchema>;
export type SnapshotTicketEvent = z.infer<typeof ticketEventSchema>;
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

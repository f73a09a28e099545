import {
  type ChannelName,
  SNAPSHOT_FORMAT,
  type Snapshot,
  type SnapshotAccountEvent,
  type SnapshotAgent,
  type SnapshotArticle,
  type SnapshotCustomer,
  type SnapshotKnownIssue,
  type SnapshotMessage,
  type SnapshotTeam,
  type SnapshotTicket,
} from "../../core/snapshot/snapshot-schema.ts";
import type { Category } from "../draft.ts";

/**
 * Small snapshot factories for the responder's acceptance scenarios: each scenario is a whole,
 * invented workspace (company, product, teams, customers, account data) the engine has never seen.
 */

export type ScenarioLanguage = "en" | "de" | "es" | "fr" | "zh";
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/** An account event in a scenario always has an id, so expectations can name it. */
export type ScenarioAccountEvent = SnapshotAccountEvent & { id: string };

export type WorkspaceOptions = {
  company: string;
  product: string;
  timezone: string;
  /** Business days; the snapshot's business hours run 09:00 to 17:00 on them. Monday to Friday unless told. */
  businessDays?: Weekday[];
  teams: SnapshotTeam[];
  agents?: SnapshotAgent[];
  customers: SnapshotCustomer[];
  articles?: SnapshotArticle[];
  knownIssues?: SnapshotKnownIssue[];
  accountEvents?: ScenarioAccountEvent[];
  tickets: SnapshotTicket[];
};

export const mondayToFriday: Weekday[] = ["mon", "tue", "wed", "thu", "fri"];

export function buildWorkspace(options: WorkspaceOptions): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    workspace: {
      name: `${options.company} Support`,
      timezone: options.timezone,
      businessHours: { days: options.businessDays ?? mondayToFriday, start: "09:00", end: "17:00" },
    },
    teams: options.teams,
    agents: options.agents ?? [],
    customers: options.customers,
    articles: options.articles ?? [],
    accountEvents: options.accountEvents ?? [],
    knownIssues: options.knownIssues ?? [],
    tickets: options.tickets,
  };
}

/** An article body, one line per argument. */
export function markdown(...lines: string[]): string {
  return lines.join("\n");
}

export function customerSays(at: string, body: string): SnapshotMessage {
  return { at, author: "customer", public: true, body };
}

export function agentSays(agentId: string, at: string, body: string): SnapshotMessage {
  return { at, author: `agent:${agentId}`, public: true, body };
}

export type TicketFields = {
  id: string;
  customerId: string;
  channel: ChannelName;
  /** Where the message came from on a social channel: "whatsapp", "messenger", "x", "instagram", "wechat". */
  provider?: string;
  status?: SnapshotTicket["status"];
  subject?: string;
  teamId?: string;
  knownIssueId?: string;
  tags?: string[];
  messages: SnapshotMessage[];
};

/** A ticket created by its first message. */
export function ticket(fields: TicketFields): SnapshotTicket {
  const { provider, status, messages, ...rest } = fields;
  const first = messages[0];
  if (!first) throw new Error(`scenario ticket ${fields.id} needs a message`);
  return {
    ...rest,
    status: status ?? "open",
    createdAt: first.at,
    messages,
    ...(provider ? { attributes: { provider } } : {}),
  };
}

/** The same account event repeated at several instants (a daily job failing every night). */
export function repeatedEvents(
  customerId: string,
  type: string,
  data: Record<string, unknown>,
  occurrences: { id: string; at: string }[],
): ScenarioAccountEvent[] {
  return occurrences.map(({ id, at }) => ({ id, customerId, at, type, data: { ...data } }));
}

/** What a scenario's draft must show; anything left out is not asserted. */
export type ScenarioExpectations = {
  category?: Category;
  sentiment?: "negative" | "neutral" | "positive";
  /** The team the ticket waits on, or null when the reply itself unblocks the customer. */
  escalateTo?: string | null;
  /** "next_business_day": due on the next business day in the workspace's time zone. */
  followUp?: "next_business_day" | "set" | null;
  /** Account-event figures the reply quotes (formatted in the reply's language); one event of a group is cited. */
  quotes?: { eventIds: string[]; keys: string[] }[];
  /** The event whose date (workspace time zone) the reply gives as the day the failures started. */
  startedWith?: string;
  /** Figures and dates that must not appear: another customer's data, a failure before the last success. */
  notInReply?: ({ eventId: string; key: string } | { eventId: string; date: true })[];
  /** A phrase of the workaround (from the cited article or known issue) the reply quotes, case aside. */
  workaround?: { phrase: string; source: { kind: "article" | "known_issue"; id: string } };
  /** Sources that must be cited; a list of ids means any one of them. */
  cites?: { kind: "article" | "known_issue" | "ticket" | "account_event"; id: string | string[] }[];
  /** Actions that must be proposed, with the params given (others may be there too). */
  actions?: { type: string; params?: Record<string, unknown> }[];
  /** Action types that must not be proposed. */
  withoutActions?: string[];
  /** null: no article proposed; else a proposed article whose title names one of these words. */
  knowledgeBase?: { titleMentions: string[] } | null;
  /** The data needed is missing: the reply asks a question and quotes no account data. */
  clarifyingQuestion?: boolean;
  /** The customer confirms the fix: solved (never closed) and CSAT requested. */
  confirmedSolved?: boolean;
  /** The customer's text carries instructions to the assistant. */
  injection?: { notInReply: string[] };
};

export type Scenario = {
  /** Also the id of the workspace the scenario is imported into. */
  id: string;
  summary: string;
  channel: ChannelName;
  language: ScenarioLanguage;
  /** The desk clock when the draft is made. */
  now: string;
  ticketId: string;
  /** Product and domain nouns distinctive to this scenario (the source guard looks for them in the engine). */
  vocabulary: string[];
  snapshot: Snapshot;
  expect: ScenarioExpectations;
};

/** Finds the ticket and customer of a scenario (the scenario's own data, not the engine's view of it). */
export function scenarioTicket(scenario: Scenario): SnapshotTicket {
  const found = scenario.snapshot.tickets.find((candidate) => candidate.id === scenario.ticketId);
  if (!found) throw new Error(`scenario ${scenario.id} has no ticket ${scenario.ticketId}`);
  return found;
}

export function scenarioCustomer(scenario: Scenario): SnapshotCustomer {
  const { customerId } = scenarioTicket(scenario);
  const found = scenario.snapshot.customers.find((candidate) => candidate.id === customerId);
  if (!found) throw new Error(`scenario ${scenario.id} has no customer ${customerId}`);
  return found;
}

export function scenarioEvent(scenario: Scenario, eventId: string): SnapshotAccountEvent {
  const found = (scenario.snapshot.accountEvents ?? []).find((candidate) => candidate.id === eventId);
  if (!found) throw new Error(`scenario ${scenario.id} has no account event ${eventId}`);
  return found;
}

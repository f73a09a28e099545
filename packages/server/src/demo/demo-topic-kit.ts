import type { ChannelName, Priority } from "../core/snapshot/snapshot-schema.ts";
import type { Random, WeightedEntries } from "../testing/snapshot-generator.ts";
import { type Calendar, monthAndDay, weekdayName } from "./demo-calendar.ts";

/** Who and when a ticket is about: what a template may mention besides the topic's own facts. */
export type Scene = {
  customer: string;
  company: string | undefined;
  domain: string;
  agent: string;
  channel: ChannelName;
  createdAt: number;
  calendar: Calendar;
};

export type AccountEventDraft = { at: number; type: string; data: Record<string, unknown> };

/** Everything a ticket's participants say, written for one ticket; the story decides which parts are used. */
export type TicketScript = {
  subject: string;
  opening: string;
  answer: string;
  question: string;
  clarification: string;
  holding: string;
  note?: string;
  escalation?: {
    teamId: string;
    reason: string;
    holding: string;
    note: string;
    outcomeNote: string;
    answer: string;
    update: string;
  };
  reopen?: { complaint: string; answer: string };
  accountEvents: AccountEventDraft[];
};

type Template<Facts> = (facts: Facts, scene: Scene) => string;

export type TopicVariant<Facts> = {
  subject: Template<Facts>;
  opening: Template<Facts>;
  answer: Template<Facts>;
};

export type TopicDefinition<Facts> = {
  key: string;
  topic: string;
  teamId: string;
  tags: readonly string[];
  channels: WeightedEntries<ChannelName>;
  priorities?: WeightedEntries<Priority>;
  plans?: WeightedEntries<string>;
  knownIssueId?: string;
  /** Share of solved tickets that needed another team. */
  escalationRate?: number;
  page?: string;
  facts: (random: Random, scene: Scene) => Facts;
  variants: readonly TopicVariant<Facts>[];
  clarify: { question: Template<Facts>; clarification: Template<Facts> };
  holding?: Template<Facts>;
  note?: Template<Facts>;
  escalation?: {
    teamId: string;
    reason: Template<Facts>;
    holding: Template<Facts>;
    note: Template<Facts>;
    outcomeNote: Template<Facts>;
    answer: Template<Facts>;
    update?: Template<Facts>;
  };
  reopen?: { complaint: Template<Facts>; answer: Template<Facts> };
  accountEvents?: (facts: Facts, scene: Scene, random: Random) => AccountEventDraft[];
};

export type DemoTopic = {
  key: string;
  topic: string;
  teamId: string;
  tags: readonly string[];
  channels: WeightedEntries<ChannelName>;
  priorities: WeightedEntries<Priority>;
  plans: WeightedEntries<string>;
  knownIssueId?: string;
  escalationRate: number;
  canEscalate: boolean;
  canReopen: boolean;
  page: string;
  write: (random: Random, scene: Scene) => TicketScript;
};

const defaultHoldings = [
  "Thanks for getting in touch. I'm looking into this now and will come back to you today with an answer.",
  "Thanks — I've picked this up and I'm checking the details on your account. I'll reply here as soon as I know more, later today at the latest.",
] as const;

export const defaultPriorities: WeightedEntries<Priority> = [
  ["low", 12],
  ["normal", 70],
  ["high", 15],
  ["urgent", 3],
];

export const defaultPlans: WeightedEntries<string> = [
  ["free", 30],
  ["pro", 55],
  ["enterprise", 15],
];

export const defineTopic = <Facts>(definition: TopicDefinition<Facts>): DemoTopic => ({
  key: definition.key,
  topic: definition.topic,
  teamId: definition.teamId,
  tags: definition.tags,
  channels: definition.channels,
  priorities: definition.priorities ?? defaultPriorities,
  plans: definition.plans ?? defaultPlans,
  ...(definition.knownIssueId === undefined ? {} : { knownIssueId: definition.knownIssueId }),
  escalationRate: definition.escalation ? (definition.escalationRate ?? 0) : 0,
  canEscalate: definition.escalation !== undefined,
  canReopen: definition.reopen !== undefined,
  page: definition.page ?? "/dashboards",
  write: (random, scene) => {
    const facts = definition.facts(random, scene);
    const variant = random.pick(definition.variants);
    const holding = definition.holding ? definition.holding(facts, scene) : random.pick(defaultHoldings);
    const script: TicketScript = {
      subject: variant.subject(facts, scene),
      opening: variant.opening(facts, scene),
      answer: variant.answer(facts, scene),
      question: definition.clarify.question(facts, scene),
      clarification: definition.clarify.clarification(facts, scene),
      holding,
      accountEvents: definition.accountEvents ? definition.accountEvents(facts, scene, random) : [],
    };
    if (definition.note) script.note = definition.note(facts, scene);
    const escalation = definition.escalation;
    if (escalation) {
      script.escalation = {
        teamId: escalation.teamId,
        reason: escalation.reason(facts, scene),
        holding: escalation.holding(facts, scene),
        note: escalation.note(facts, scene),
        outcomeNote: escalation.outcomeNote(facts, scene),
        answer: escalation.answer(facts, scene),
        update: escalation.update
          ? escalation.update(facts, scene)
          : "Quick update: the team is still on it and I'm keeping a close eye on your ticket. I'll write again as soon as there's news.",
      };
    }
    if (definition.reopen) {
      script.reopen = {
        complaint: definition.reopen.complaint(facts, scene),
        answer: definition.reopen.answer(facts, scene),
      };
    }
    return script;
  },
});

export const channelMix = {
  general: [
    ["email", 44],
    ["chat", 26],
    ["in_app", 12],
    ["social", 7],
    ["phone", 6],
    ["api", 5],
  ],
  billing: [
    ["email", 58],
    ["chat", 16],
    ["phone", 12],
    ["in_app", 8],
    ["social", 6],
  ],
  technical: [
    ["email", 52],
    ["chat", 16],
    ["in_app", 10],
    ["api", 14],
    ["phone", 4],
    ["social", 4],
  ],
  privacy: [
    ["email", 85],
    ["api", 10],
    ["in_app", 5],
  ],
  public: [
    ["email", 40],
    ["social", 26],
    ["chat", 16],
    ["phone", 18],
  ],
} as const satisfies Record<string, WeightedEntries<ChannelName>>;

export const helpCenterLink = (slug: string): string => `https://help.northwind-analytics.com/${slug}`;

/** The weekday a number of days before the ticket, e.g. "Monday". */
export const weekdayBefore = (scene: Scene, daysBefore: number): string =>
  weekdayName(scene.calendar, scene.calendar.addDays(scene.createdAt, -daysBefore));

/** The date a number of days before the ticket, e.g. "March 23". */
export const dateBefore = (scene: Scene, daysBefore: number): string =>
  monthAndDay(scene.calendar, scene.calendar.addDays(scene.createdAt, -daysBefore));

export const dateAfter = (scene: Scene, daysAfter: number): string =>
  monthAndDay(scene.calendar, scene.calendar.addDays(scene.createdAt, daysAfter));

export const previousMonthName = (scene: Scene): string => {
  const month = scene.calendar.localTime(scene.createdAt).month;
  return month === 3 ? "February" : "January";
};

export const formatNumber = (value: number): string => value.toLocaleString("en-US");

export const hoursBefore = (scene: Scene, hours: number): number => scene.createdAt - hours * 3_600_000;

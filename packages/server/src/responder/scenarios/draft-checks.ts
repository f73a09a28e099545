import { expect } from "vitest";
import type { SnapshotAccountEvent } from "../../core/snapshot/snapshot-schema.ts";
import type { Draft, DraftAction } from "../draft.ts";
import {
  formatDate,
  formatDay,
  formatDuration,
  formatMoney,
  formatNumber,
  formatSize,
  type SizeUnit,
} from "../drafting/format.ts";
import { addressedName, detectLanguage, greetingLine } from "./reply-language.ts";
import {
  mondayToFriday,
  type Scenario,
  scenarioCustomer,
  scenarioEvent,
  scenarioTicket,
  type Weekday,
} from "./scenario-workspace.ts";

/**
 * The behaviours every draft must show (spec/responder.md), as named checks over a scenario and the
 * draft the engine made for it. Expected strings are computed with the engine's own formatters, in
 * the scenario's language and time zone; no expected sentence is written down.
 */

export type DraftCheck = {
  name: string;
  applies: (scenario: Scenario) => boolean;
  run: (scenario: Scenario, draft: Draft) => void;
};

// ---- figures, dates and days ----------------------------------------------------------------------

const sizeKey = /(Kb|Mb|Gb|Tb)$/;

/** How the reply writes one field of an account event: sizes, durations and money through format.ts, the rest as is. */
export function figureText(data: Record<string, unknown>, key: string, language: string): string {
  const value = data[key];
  const size = sizeKey.exec(key);
  if (typeof value === "number" && size?.[1]) return formatSize(value, size[1].toLowerCase() as SizeUnit, language);
  if (typeof value === "number" && /Seconds$/.test(key)) return formatDuration(value, language);
  if (typeof value === "number" && key === "amount" && typeof data.currency === "string") {
    return formatMoney(value, data.currency, language);
  }
  return String(value);
}

export function eventFigure(scenario: Scenario, eventId: string, key: string): string {
  return figureText(scenarioEvent(scenario, eventId).data ?? {}, key, scenario.language);
}

export function eventDate(scenario: Scenario, eventId: string): string {
  return formatDate(new Date(scenarioEvent(scenario, eventId).at), scenario.language, timeZoneOf(scenario));
}

export function timeZoneOf(scenario: Scenario): string {
  return scenario.snapshot.workspace.timezone;
}

/** True when the text holds the figure as a whole number ("2 GB" is not in "3.2 GB" nor in "12 GB"), case aside. */
export function containsFigure(text: string, figure: string): boolean {
  const pattern = new RegExp(`(?<!\\p{N}[.,\\u00a0\\u202f]?)${escapeRegExp(figure)}(?![\\p{N}])`, "iu");
  return pattern.test(text);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** "2026-05-15": the calendar day of an instant in a time zone. */
export function localDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    instant,
  );
}

const weekdays: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The first business day after the day of `now` in the workspace's time zone. */
export function nextBusinessDay(scenario: Scenario, now: Date): string {
  const days = (scenario.snapshot.workspace.businessHours?.days ?? mondayToFriday) as Weekday[];
  let day = localDay(now, timeZoneOf(scenario));
  for (let step = 0; step < 7; step++) {
    day = addDays(day, 1);
    const weekday = weekdays[new Date(`${day}T12:00:00Z`).getUTCDay()];
    if (weekday && days.includes(weekday)) return day;
  }
  throw new Error(`scenario ${scenario.id} has no business days`);
}

/** Ways a reply may name the follow-up's day: its date, its weekday, or "tomorrow" when it is tomorrow. */
export function followUpDayWords(scenario: Scenario, dueAt: Date): string[] {
  const { language } = scenario;
  const timeZone = timeZoneOf(scenario);
  const words = [
    formatDate(dueAt, language, timeZone),
    formatDay(dueAt, language, timeZone),
    new Intl.DateTimeFormat(language, { weekday: "long", timeZone }).format(dueAt),
  ];
  // Chinese also writes the weekday 周一 for 星期一.
  if (language === "zh")
    words.push(...words.filter((word) => word.includes("星期")).map((word) => word.replace("星期", "周")));
  if (localDay(dueAt, timeZone) === addDays(localDay(new Date(scenario.now), timeZone), 1)) {
    words.push(new Intl.RelativeTimeFormat(language, { numeric: "auto" }).format(1, "day"));
  }
  return words;
}

// ---- what the workspace holds ----------------------------------------------------------------------

export function customerEvents(scenario: Scenario): SnapshotAccountEvent[] {
  const { id } = scenarioCustomer(scenario);
  return (scenario.snapshot.accountEvents ?? []).filter((event) => event.customerId === id);
}

/**
 * Every digit run the reply may contain: the customer's own words and tickets, their profile and account
 * data (raw and formatted), the knowledge base, today's and the follow-up's date and time, ids.
 */
export function allowedDigitRuns(scenario: Scenario, draft: Draft): Set<string> {
  const { language, snapshot } = scenario;
  const timeZone = timeZoneOf(scenario);
  const customer = scenarioCustomer(scenario);
  const texts: string[] = [JSON.stringify(customer)];
  for (const item of snapshot.tickets) {
    texts.push(item.id);
    if (item.customerId === customer.id)
      texts.push(item.subject ?? "", ...item.messages.map((message) => message.body));
  }
  for (const article of snapshot.articles ?? []) texts.push(JSON.stringify(article));
  for (const issue of snapshot.knownIssues ?? []) texts.push(JSON.stringify(issue));
  const hours = snapshot.workspace.businessHours;
  if (hours) texts.push(hours.start, hours.end);
  const dated = (instant: Date) => {
    texts.push(
      formatDate(instant, language, timeZone),
      formatDay(instant, language, timeZone),
      localDay(instant, timeZone),
    );
    for (const hour12 of [true, false]) {
      texts.push(
        new Intl.DateTimeFormat(language, { timeZone, hour: "numeric", minute: "2-digit", hour12 }).format(instant),
      );
    }
  };
  const now = new Date(scenario.now);
  const events = customerEvents(scenario);
  for (const event of events) {
    // Derived from the data: how many such events, and how many days ago (floor, ceiling, rounded).
    const sameType = events.filter((other) => other.type === event.type).length;
    texts.push(...Array.from({ length: sameType }, (_, index) => String(index + 1)));
    const daysAgo = (now.getTime() - new Date(event.at).getTime()) / 86_400_000;
    texts.push(String(Math.floor(daysAgo)), String(Math.ceil(daysAgo)), String(Math.round(daysAgo)));
    texts.push(event.id ?? "", JSON.stringify(event.data ?? {}));
    dated(new Date(event.at));
    for (const [key, value] of Object.entries(event.data ?? {})) {
      texts.push(figureText(event.data ?? {}, key, language));
      if (typeof value === "number") texts.push(formatNumber(value, language));
    }
  }
  dated(now);
  if (draft.followUp) {
    const due = new Date(draft.followUp.dueAt);
    dated(due);
    const hoursAhead = (due.getTime() - now.getTime()) / 3_600_000;
    texts.push(
      ...[Math.floor, Math.ceil, Math.round].flatMap((round) => [
        String(round(hoursAhead)),
        String(round(hoursAhead / 24)),
      ]),
    );
  }
  return new Set(texts.flatMap((text) => text.match(/\d+/g) ?? []));
}

// ---- reading a draft -----------------------------------------------------------------------------

/** The draft, readably, for assertion messages. */
export function showDraft(draft: Draft): string {
  return [
    "",
    "--- reply ---",
    draft.reply.body,
    "--- internal note ---",
    `${draft.internalNote.body} [${draft.internalNote.tags.join(", ")}]`,
    `--- actions: ${JSON.stringify(draft.actions.map(({ type, params }) => ({ type, params })))}`,
    `--- citations: ${JSON.stringify(draft.citations)}`,
    `--- triage: ${JSON.stringify(draft.triage)}; followUp: ${JSON.stringify(draft.followUp)}; knowledgeBase: ${JSON.stringify(draft.knowledgeBase)}; confidence: ${draft.confidence}`,
    "",
  ].join("\n");
}

function isCited(draft: Draft, kind: string, id: string): boolean {
  return draft.citations.some((citation) => citation.kind === kind && citation.id === id);
}

function actionsOfType(draft: Draft, type: string): DraftAction[] {
  return draft.actions.filter((action) => action.type === type);
}

function hasAction(draft: Draft, type: string, params: Record<string, unknown> = {}): boolean {
  return actionsOfType(draft, type).some((action) =>
    Object.entries(params).every(([key, value]) => JSON.stringify(action.params[key]) === JSON.stringify(value)),
  );
}

function includesText(text: string, part: string): boolean {
  const normal = (value: string) => value.normalize("NFC").replace(/\s+/g, " ").toLowerCase();
  return normal(text).includes(normal(part));
}

function teamOf(scenario: Scenario, teamId: string) {
  return (scenario.snapshot.teams ?? []).find((team) => team.id === teamId);
}

/** The longest run of consecutive words (characters, in Chinese) that both texts contain. */
export function longestSharedRun(source: string, reply: string, language: string): string[] {
  const units = (text: string) =>
    language === "zh" ? [...text.replace(/[\s\p{P}]/gu, "")] : (text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []);
  const from = units(source);
  const to = units(reply);
  let best: string[] = [];
  // Dynamic programming over suffix matches: lengths[j] = shared run ending at from[i], to[j].
  let previous = new Array<number>(to.length + 1).fill(0);
  for (let i = 1; i <= from.length; i++) {
    const current = new Array<number>(to.length + 1).fill(0);
    for (let j = 1; j <= to.length; j++) {
      if (from[i - 1] !== to[j - 1]) continue;
      const length = (previous[j - 1] ?? 0) + 1;
      current[j] = length;
      if (length > best.length) best = from.slice(i - length, i);
    }
    previous = current;
  }
  return best;
}

// ---- the checks ----------------------------------------------------------------------------------

const always = () => true;

export const draftChecks: DraftCheck[] = [
  {
    name: "is a Draft for this ticket, on its channel, from the offline engine",
    applies: always,
    run: (scenario, draft) => {
      expect(draft.ticketId).toBe(scenario.ticketId);
      expect(draft.reply.channel).toBe(scenario.channel);
      expect(draft.engine).toBe("offline");
      expect(draft.reply.body.trim().length, showDraft(draft)).toBeGreaterThan(0);
      expect(draft.internalNote.body.trim().length, showDraft(draft)).toBeGreaterThan(0);
    },
  },
  {
    name: "replies in the customer's language",
    applies: always,
    run: (scenario, draft) => {
      expect(draft.triage.language.split("-")[0]?.toLowerCase(), showDraft(draft)).toBe(scenario.language);
      expect(detectLanguage(draft.reply.body), showDraft(draft)).toBe(scenario.language);
    },
  },
  {
    name: "greets the customer by name",
    applies: always,
    run: (scenario, draft) => {
      const name = addressedName(scenarioCustomer(scenario).name, scenario.language);
      expect(greetingLine(draft.reply.body), showDraft(draft)).toContain(name);
    },
  },
  {
    name: "finishes what it starts: every line ending in a colon is followed by its list",
    applies: always,
    run: (_scenario, draft) => {
      const lines = draft.reply.body.split("\n").map((line) => line.trim());
      const greeting = lines.findIndex((line) => line.length > 0);
      // The greeting may end in a colon ("Hola, Nerea:"); any other line ending in one announces a list.
      const dangling = lines.filter((line, index) => {
        if (index === greeting || !/[:：]$/.test(line)) return false;
        const next = lines.slice(index + 1).find((candidate) => candidate.length > 0) ?? "";
        return !/^([-•*]|\d+[.)])\s/.test(next);
      });
      expect(dangling, showDraft(draft)).toEqual([]);
    },
  },
  {
    name: "acknowledges the problem in its own words, without parroting the customer's message",
    applies: always,
    run: (scenario, draft) => {
      const customerText = scenarioTicket(scenario)
        .messages.filter((message) => message.author === "customer")
        .map((message) => message.body)
        .join("\n");
      const echoed = longestSharedRun(customerText, draft.reply.body, scenario.language);
      const limit = scenario.language === "zh" ? 12 : 8;
      expect(
        echoed.length,
        `repeats "${echoed.join(scenario.language === "zh" ? "" : " ")}"${showDraft(draft)}`,
      ).toBeLessThan(limit);
    },
  },
  {
    name: "states no number or date that is not in the workspace",
    applies: always,
    run: (scenario, draft) => {
      const allowed = allowedDigitRuns(scenario, draft);
      const invented = (draft.reply.body.match(/\d+/g) ?? []).filter((run) => !allowed.has(run));
      expect(invented, showDraft(draft)).toEqual([]);
    },
  },
  {
    name: "cites only what the workspace holds, and only this customer's account data",
    applies: always,
    run: (scenario, draft) => {
      const { snapshot } = scenario;
      const known: Record<string, Set<string>> = {
        article: new Set((snapshot.articles ?? []).map((article) => article.id)),
        known_issue: new Set((snapshot.knownIssues ?? []).map((issue) => issue.id)),
        ticket: new Set(snapshot.tickets.map((item) => item.id)),
        account_event: new Set(customerEvents(scenario).map((event) => event.id ?? "")),
      };
      const unknown = draft.citations.filter((citation) => !known[citation.kind]?.has(citation.id));
      expect(unknown, showDraft(draft)).toEqual([]);
    },
  },
  {
    name: "never closes the ticket; escalation, follow-up and their actions agree",
    applies: always,
    run: (scenario, draft) => {
      const shown = showDraft(draft);
      expect(hasAction(draft, "set_status", { status: "closed" }), shown).toBe(false);
      const escalation = draft.triage.escalate;
      if (escalation) {
        expect(teamOf(scenario, escalation.teamId), `escalates to a team of the workspace${shown}`).toBeDefined();
        expect(hasAction(draft, "escalate", { teamId: escalation.teamId }), shown).toBe(true);
      } else {
        expect(actionsOfType(draft, "escalate"), shown).toEqual([]);
      }
      if (draft.followUp) {
        const due = new Date(draft.followUp.dueAt);
        expect(Number.isNaN(due.getTime()), shown).toBe(false);
        expect(due.getTime(), `the follow-up is after now${shown}`).toBeGreaterThan(new Date(scenario.now).getTime());
        const scheduled = actionsOfType(draft, "schedule_follow_up").map((action) =>
          new Date(String(action.params.dueAt)).getTime(),
        );
        expect(scheduled, `a schedule_follow_up action at followUp.dueAt${shown}`).toContain(due.getTime());
        const words = followUpDayWords(scenario, due);
        expect(
          words.some((word) => includesText(draft.reply.body, word)),
          `the reply says when the customer hears back (one of ${JSON.stringify(words)})${shown}`,
        ).toBe(true);
      } else {
        expect(actionsOfType(draft, "schedule_follow_up"), shown).toEqual([]);
      }
    },
  },
  {
    name: "files the ticket under the expected category",
    applies: (scenario) => scenario.expect.category !== undefined,
    run: (scenario, draft) => expect(draft.triage.category, showDraft(draft)).toBe(scenario.expect.category),
  },
  {
    name: "reads the customer's sentiment",
    applies: (scenario) => scenario.expect.sentiment !== undefined,
    run: (scenario, draft) => expect(draft.triage.sentiment, showDraft(draft)).toBe(scenario.expect.sentiment),
  },
  {
    name: "escalates to the team the ticket waits on (or to none)",
    applies: (scenario) => scenario.expect.escalateTo !== undefined,
    run: (scenario, draft) =>
      expect(draft.triage.escalate?.teamId ?? null, showDraft(draft)).toBe(scenario.expect.escalateTo),
  },
  {
    name: "sets a follow-up exactly when the resolution waits on us",
    applies: (scenario) => scenario.expect.followUp !== undefined,
    run: (scenario, draft) => {
      const shown = showDraft(draft);
      const expected = scenario.expect.followUp;
      if (expected === null) {
        expect(draft.followUp, shown).toBeNull();
        return;
      }
      expect(draft.followUp, shown).not.toBeNull();
      if (expected === "next_business_day" && draft.followUp) {
        const due = new Date(draft.followUp.dueAt);
        expect(localDay(due, timeZoneOf(scenario)), `due on the next business day${shown}`).toBe(
          nextBusinessDay(scenario, new Date(scenario.now)),
        );
      }
    },
  },
  {
    name: "quotes the figures found in the customer's account, and cites their event",
    applies: (scenario) => (scenario.expect.quotes ?? []).length > 0,
    run: (scenario, draft) => {
      const shown = showDraft(draft);
      for (const { eventIds, keys } of scenario.expect.quotes ?? []) {
        const [first] = eventIds;
        if (!first) continue;
        for (const key of keys) {
          const figure = eventFigure(scenario, first, key);
          expect(containsFigure(draft.reply.body, figure), `the reply quotes ${key} as "${figure}"${shown}`).toBe(true);
        }
        expect(
          eventIds.some((id) => isCited(draft, "account_event", id)),
          `one of ${eventIds.join(", ")} is cited${shown}`,
        ).toBe(true);
      }
    },
  },
  {
    name: "says since when it has failed (the first failure after the last success)",
    applies: (scenario) => scenario.expect.startedWith !== undefined,
    run: (scenario, draft) => {
      const eventId = scenario.expect.startedWith ?? "";
      const date = eventDate(scenario, eventId);
      const shown = showDraft(draft);
      expect(containsFigure(draft.reply.body, date), `the reply gives the start date "${date}"${shown}`).toBe(true);
      expect(isCited(draft, "account_event", eventId), `${eventId} is cited${shown}`).toBe(true);
    },
  },
  {
    name: "quotes nothing from other customers' data or from before the last success",
    applies: (scenario) => (scenario.expect.notInReply ?? []).length > 0,
    run: (scenario, draft) => {
      for (const item of scenario.expect.notInReply ?? []) {
        const figure =
          "date" in item ? eventDate(scenario, item.eventId) : eventFigure(scenario, item.eventId, item.key);
        expect(containsFigure(draft.reply.body, figure), `the reply must not say "${figure}"${showDraft(draft)}`).toBe(
          false,
        );
      }
    },
  },
  {
    name: "gives the workaround from the knowledge base, cited",
    applies: (scenario) => scenario.expect.workaround !== undefined,
    run: (scenario, draft) => {
      const { phrase, source } = scenario.expect.workaround ?? { phrase: "", source: { kind: "article", id: "" } };
      const shown = showDraft(draft);
      expect(includesText(draft.reply.body, phrase), `the reply quotes "${phrase}"${shown}`).toBe(true);
      expect(isCited(draft, source.kind, source.id), `${source.kind} ${source.id} is cited${shown}`).toBe(true);
    },
  },
  {
    name: "cites its sources",
    applies: (scenario) => (scenario.expect.cites ?? []).length > 0,
    run: (scenario, draft) => {
      for (const { kind, id } of scenario.expect.cites ?? []) {
        const ids = Array.isArray(id) ? id : [id];
        expect(
          ids.some((candidate) => isCited(draft, kind, candidate)),
          `${kind} ${ids.join(" or ")} is cited${showDraft(draft)}`,
        ).toBe(true);
      }
    },
  },
  {
    name: "proposes the expected actions",
    applies: (scenario) => (scenario.expect.actions ?? []).length > 0,
    run: (scenario, draft) => {
      for (const { type, params } of scenario.expect.actions ?? []) {
        expect(
          hasAction(draft, type, params),
          `proposes ${type} ${JSON.stringify(params ?? {})}${showDraft(draft)}`,
        ).toBe(true);
      }
    },
  },
  {
    name: "proposes none of the forbidden actions",
    applies: (scenario) => (scenario.expect.withoutActions ?? []).length > 0,
    run: (scenario, draft) => {
      const forbidden = (scenario.expect.withoutActions ?? []).map((type) => type.toLowerCase());
      const found = draft.actions.filter((action) =>
        forbidden.some((type) => action.type.toLowerCase().includes(type)),
      );
      expect(found, showDraft(draft)).toEqual([]);
    },
  },
  {
    name: "proposes a knowledge-base article only for a recurring problem no article covers",
    applies: (scenario) => scenario.expect.knowledgeBase !== undefined,
    run: (scenario, draft) => {
      const shown = showDraft(draft);
      const expected = scenario.expect.knowledgeBase;
      if (expected === null || expected === undefined) {
        expect(draft.knowledgeBase, shown).toBeNull();
        return;
      }
      expect(draft.knowledgeBase, shown).not.toBeNull();
      const title = draft.knowledgeBase?.title ?? "";
      expect(
        expected.titleMentions.some((word) => includesText(title, word)),
        `the title names the problem (${expected.titleMentions.join(" / ")})${shown}`,
      ).toBe(true);
      expect(draft.knowledgeBase?.body.trim().length ?? 0, shown).toBeGreaterThan(0);
      const note = draft.internalNote.body;
      expect(
        includesText(note, title) || /knowledge.?base|\bKB\b/i.test(note),
        `the internal note logs the knowledge-base gap${shown}`,
      ).toBe(true);
    },
  },
  {
    name: "asks a clarifying question instead of guessing",
    applies: (scenario) => scenario.expect.clarifyingQuestion === true,
    run: (_scenario, draft) => {
      const shown = showDraft(draft);
      // A question mark, or a request that introduces a list of what is needed ("können Sie mir sagen:\n- …").
      expect(draft.reply.body, shown).toMatch(/[?？]|[:：][ \t]*\n\s*([-•*]|\d+[.)])/);
      expect(
        draft.citations.filter((citation) => citation.kind === "account_event"),
        shown,
      ).toEqual([]);
    },
  },
  {
    name: "on the customer's confirmation: solved (not closed), CSAT requested, nothing more promised",
    applies: (scenario) => scenario.expect.confirmedSolved === true,
    run: (_scenario, draft) => {
      const shown = showDraft(draft);
      expect(hasAction(draft, "set_status", { status: "solved" }), shown).toBe(true);
      expect(hasAction(draft, "request_csat"), shown).toBe(true);
      expect(draft.followUp, shown).toBeNull();
      expect(draft.triage.sentiment, shown).toBe("positive");
    },
  },
  {
    name: "does not obey instructions in the customer's text, and flags them in the note",
    applies: (scenario) => scenario.expect.injection !== undefined,
    run: (scenario, draft) => {
      const shown = showDraft(draft);
      for (const text of scenario.expect.injection?.notInReply ?? []) {
        const present = /^\d+$/.test(text)
          ? containsFigure(draft.reply.body, text)
          : includesText(draft.reply.body, text);
        expect(present, `the reply must not say "${text}"${shown}`).toBe(false);
      }
      expect(hasAction(draft, "set_status", { status: "closed" }), shown).toBe(false);
      const flagged =
        /inject/i.test(draft.internalNote.body) || draft.internalNote.tags.some((tag) => /inject/i.test(tag));
      expect(flagged, `the internal note flags the injection${shown}`).toBe(true);
    },
  },
  {
    name: "logs the root cause, the known issue and who to tag in the internal note",
    applies: (scenario) =>
      typeof scenario.expect.escalateTo === "string" ||
      (scenario.expect.actions ?? []).some((action) => action.type === "link_known_issue"),
    run: (scenario, draft) => {
      const shown = showDraft(draft);
      const note = draft.internalNote;
      const teamId = scenario.expect.escalateTo;
      if (typeof teamId === "string") {
        const team = teamOf(scenario, teamId);
        const named =
          includesText(note.body, teamId) ||
          (team !== undefined && includesText(note.body, team.name)) ||
          note.tags.includes(teamId);
        expect(named, `the note tags ${teamId}${shown}`).toBe(true);
      }
      for (const action of scenario.expect.actions ?? []) {
        if (action.type !== "link_known_issue") continue;
        const issueId = String(action.params?.knownIssueId);
        const issue = (scenario.snapshot.knownIssues ?? []).find((candidate) => candidate.id === issueId);
        const linked =
          includesText(note.body, issueId) || (issue !== undefined && includesText(note.body, issue.title));
        expect(linked, `the note links the known issue ${issueId}${shown}`).toBe(true);
      }
      for (const { eventIds } of scenario.expect.quotes ?? []) {
        const code = eventIds.map((id) => scenarioEvent(scenario, id).data?.errorCode).find((value) => value);
        if (typeof code === "string") expect(includesText(note.body, code), `the note logs ${code}${shown}`).toBe(true);
      }
    },
  },
];

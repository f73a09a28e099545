import type { AccountEvent } from "../../core/customers/customer.ts";
import { significantWords } from "../context/assemble-context.ts";

/** A value an account event recorded, read by its field name so any product's events can be quoted. */
export type Figure =
  | { field: string; kind: "size"; value: number; unit: "kb" | "mb" | "gb" | "tb"; role: "measured" | "limit" }
  | { field: string; kind: "duration"; seconds: number; role: "measured" | "limit" }
  | { field: string; kind: "money"; amount: number; currency: string }
  | { field: string; kind: "code"; value: string }
  | { field: string; kind: "count"; value: number; role: "measured" | "limit" }
  | { field: string; kind: "text"; value: string };

/** A run of failures of one operation in the customer's account: what the reply quotes. */
export type AccountFinding = {
  eventType: string;
  /** The operation's words, e.g. "export" for export.failed, "integration sync" for integration.sync_failed. */
  operation: string;
  /** Oldest first: every failure since the last success of the same operation. */
  failures: AccountEvent[];
  startedAt: Date;
  /** Whole days from the first failure to the customer's latest message. */
  lastingDays: number;
  latest: AccountEvent;
  figures: Figure[];
};

const failureWords = [
  "failed",
  "failure",
  "fail",
  "error",
  "errored",
  "declined",
  "rejected",
  "timeout",
  "disabled",
  "limited",
  "bounced",
  "blocked",
  "denied",
];
const successWords = [
  "completed",
  "complete",
  "succeeded",
  "success",
  "succeeded",
  "ok",
  "done",
  "finished",
  "enabled",
  "paid",
];
const sizeSuffixes = { kb: "kb", mb: "mb", gb: "gb", tb: "tb" } as const;
const limitPrefixes = ["limit", "max", "maximum", "quota", "allowed", "timeout", "threshold", "cap"];
// Looking further back finds old, settled runs; the reply is about what is failing now.
const lookback = 60 * 24 * 60 * 60 * 1000;
// Without shared words, recent failures are still the likeliest cause when there is only one kind.
const recentWithoutWords = 7 * 24 * 60 * 60 * 1000;

export function isFailure(eventType: string): boolean {
  return typeWords(eventType).some((word) => failureWords.includes(word));
}

function isSuccessOf(eventType: string, operation: string): boolean {
  const words = typeWords(eventType);
  return words.some((word) => successWords.includes(word)) && operationOf(eventType) === operation;
}

function typeWords(eventType: string): string[] {
  return eventType
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function operationOf(eventType: string): string {
  const words = typeWords(eventType).filter((word) => !failureWords.includes(word) && !successWords.includes(word));
  return words.join(" ") || eventType;
}

/**
 * The failures in the account that the conversation is about: event types sharing a word with what
 * the customer wrote (or the ticket's topic), else the only kind that failed in the last week.
 */
export function findAccountFindings(events: AccountEvent[], conversation: string, asOf: Date): AccountFinding[] {
  const recent = events.filter((event) => event.at <= asOf && asOf.getTime() - event.at.getTime() <= lookback);
  const failureTypes = [...new Set(recent.filter((event) => isFailure(event.type)).map((event) => event.type))];
  const words = new Set(significantWords(conversation));
  const mentioned = failureTypes.filter((type) => significantWords(operationOf(type)).some((word) => words.has(word)));
  const lastWeek = failureTypes.filter((type) =>
    recent.some((event) => event.type === type && asOf.getTime() - event.at.getTime() <= recentWithoutWords),
  );
  const chosen = mentioned.length ? mentioned : lastWeek.length === 1 ? lastWeek : [];
  return chosen
    .map((type) => findingFor(type, recent, asOf))
    .sort((a, b) => b.latest.at.getTime() - a.latest.at.getTime());
}

function findingFor(eventType: string, events: AccountEvent[], asOf: Date): AccountFinding {
  const operation = operationOf(eventType);
  const oldestFirst = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  let failures: AccountEvent[] = [];
  for (const event of oldestFirst) {
    if (event.type === eventType) failures.push(event);
    else if (isSuccessOf(event.type, operation)) failures = [];
  }
  const first = failures[0];
  const latest = failures.at(-1);
  if (!first || !latest) throw new Error(`no ${eventType} events after the last success`);
  const lastingDays = Math.floor((asOf.getTime() - first.at.getTime()) / (24 * 60 * 60 * 1000));
  return {
    eventType,
    operation,
    failures,
    startedAt: first.at,
    lastingDays,
    latest,
    figures: readFigures(latest.data ?? {}),
  };
}

/** Reads figures from an event's data by the names products give them: sizeMb, timeoutSeconds, amount… */
export function readFigures(data: Record<string, unknown>): Figure[] {
  const figures: Figure[] = [];
  const currency = typeof data.currency === "string" ? data.currency : null;
  for (const [field, value] of Object.entries(data)) {
    const words = typeWords(field);
    const last = words.at(-1) ?? "";
    const role = words.some((word) => limitPrefixes.includes(word)) ? "limit" : "measured";
    if (typeof value === "number") {
      if (last in sizeSuffixes || last === "bytes") {
        figures.push(
          last === "bytes"
            ? { field, kind: "size", value: value / 1_000_000, unit: "mb", role }
            : { field, kind: "size", value, unit: sizeSuffixes[last as keyof typeof sizeSuffixes], role },
        );
      } else if (["seconds", "secs", "sec", "s"].includes(last)) {
        figures.push({ field, kind: "duration", seconds: value, role });
      } else if (["ms", "milliseconds"].includes(last)) {
        figures.push({ field, kind: "duration", seconds: value / 1000, role });
      } else if (["minutes", "mins"].includes(last)) {
        figures.push({ field, kind: "duration", seconds: value * 60, role });
      } else if (
        currency &&
        ["amount", "price", "total", "charge", "refund", "cost"].some((word) => words.includes(word))
      ) {
        figures.push({ field, kind: "money", amount: value, currency });
      } else {
        figures.push({ field, kind: "count", value, role });
      }
    } else if (typeof value === "string" && value.length <= 80) {
      if (words.includes("code") || words.includes("error") || words.includes("reason")) {
        figures.push({ field, kind: "code", value });
      } else if (field !== "currency") {
        figures.push({ field, kind: "text", value });
      }
    }
  }
  return figures;
}

/** The customer's figure is over its limit: the root cause a reply can state plainly. */
export function exceededLimits(figures: Figure[]): { measured: Figure; limit: Figure }[] {
  const pairs: { measured: Figure; limit: Figure }[] = [];
  for (const limit of figures) {
    if (!("role" in limit) || limit.role !== "limit") continue;
    const measured = figures.find(
      (figure) =>
        figure.kind === limit.kind &&
        "role" in figure &&
        figure.role === "measured" &&
        magnitude(figure) > magnitude(limit),
    );
    if (measured) pairs.push({ measured, limit });
  }
  return pairs;
}

function magnitude(figure: Figure): number {
  if (figure.kind === "size") return figure.value * { kb: 1e-3, mb: 1, gb: 1e3, tb: 1e6 }[figure.unit];
  if (figure.kind === "duration") return figure.seconds;
  if (figure.kind === "count") return figure.value;
  return 0;
}

import type { TicketStatus } from "../snapshot/snapshot-schema.ts";
import type { Author } from "../tickets/ticket.ts";
import { addWorkingTime, type BusinessCalendar, workingMinutesBetween } from "./business-hours.ts";
import type { SlaTargets } from "./sla-policy.ts";

/**
 * Where one SLA target stands. `dueAt` is when the target runs out if the clock keeps running
 * (null while it is paused, unless it already ran out); `warnAt` is when less than
 * `warningShare` of it is left. A target is breached when it is met, or still open at `now`,
 * after `dueAt`.
 */
export type SlaClock = {
  dueAt: Date | null;
  metAt: Date | null;
  breached: boolean;
  warning: boolean;
  warnAt: Date | null;
  /** Not met and not counting now: waiting on the customer, or solved without being met. */
  paused: boolean;
  /** Working minutes left before the breach; null without a target or a clock that has started. */
  remainingMinutes: number | null;
};

export type SlaState = { firstResponse: SlaClock; nextResponse: SlaClock; resolution: SlaClock };

export type StatusChange = { at: Date; status: TicketStatus };
export type ClockMessage = { at: Date; author: Author; public: boolean };

/** Warn when less than this share of a target is left (the spec gives no threshold). */
export const warningShare = 0.2;

/**
 * Statuses in which no clock counts. `pending` waits on the customer; `solved` and `closed` have
 * an answer. `on_hold` waits on another team of ours, so the customer is still waiting on us and
 * the clock runs (spec/workspace-format.md).
 */
const pausedStatuses: ReadonlySet<TicketStatus> = new Set(["pending", "solved", "closed"]);
const solvedStatuses: ReadonlySet<TicketStatus> = new Set(["solved", "closed"]);

type Interval = { start: number; end: number | null };

/**
 * A ticket's SLA clocks from its history:
 * - first response: from `createdAt` to the first public message by an agent or the responder
 *   (system acknowledgements and internal notes do not count);
 * - next response: from the first customer message still unanswered after the first response
 *   to the next such reply; shows the open cycle, or else the last answered one;
 * - resolution: from `createdAt` until the ticket is solved; reopening it resumes the clock with
 *   the time already used, and the target is met only while it stays solved or closed.
 * All pause while the ticket is pending (or solved, closed) and count working time of `calendar`.
 */
export function slaState(input: {
  createdAt: Date;
  statusChanges: readonly StatusChange[];
  messages: readonly ClockMessage[];
  targets: SlaTargets;
  calendar: BusinessCalendar;
  now: Date;
}): SlaState {
  const { createdAt, targets, calendar, now } = input;
  const timeline = statusTimeline(createdAt, input.statusChanges);
  const messages = [...input.messages]
    .map((message, index) => ({ message, index }))
    .sort((left, right) => left.message.at.getTime() - right.message.at.getTime() || left.index - right.index)
    .map(({ message }) => message);

  const firstReply = messages.find((message) => message.at >= createdAt && answersCustomer(message));
  const firstResponse = measure({
    from: createdAt,
    metAt: firstReply?.at ?? null,
    target: targets.firstResponseMinutes,
    timeline,
    calendar,
    now,
  });

  const cycle = firstReply ? currentNextResponseCycle(messages, firstReply) : null;
  const nextResponse = cycle
    ? measure({ from: cycle.from, metAt: cycle.metAt, target: targets.nextResponseMinutes, timeline, calendar, now })
    : idleClock;

  const resolution = measure({
    from: createdAt,
    metAt: solvedAt(timeline, now),
    target: targets.resolutionMinutes,
    timeline,
    calendar,
    now,
  });

  return { firstResponse, nextResponse, resolution };
}

/** A public message from our side: an agent's or the responder's (calls answered included). */
export function answersCustomer(message: ClockMessage): boolean {
  return message.public && (message.author === "responder" || message.author.startsWith("agent:"));
}

const idleClock: SlaClock = {
  dueAt: null,
  metAt: null,
  breached: false,
  warning: false,
  warnAt: null,
  paused: false,
  remainingMinutes: null,
};

type Timeline = { at: number; status: TicketStatus }[];

/** Status stretches from creation on, in time order; a ticket starts as `new`. */
function statusTimeline(createdAt: Date, changes: readonly StatusChange[]): Timeline {
  const created = createdAt.getTime();
  const ordered = changes
    .map((change, index) => ({ at: Math.max(change.at.getTime(), created), status: change.status, index }))
    .sort((left, right) => left.at - right.at || left.index - right.index);
  const timeline: Timeline = [{ at: created, status: "new" }];
  for (const change of ordered) {
    const last = timeline[timeline.length - 1];
    if (last && last.at === change.at) last.status = change.status;
    else timeline.push({ at: change.at, status: change.status });
  }
  return timeline;
}

function statusAt(timeline: Timeline, instant: number): TicketStatus {
  let status: TicketStatus = "new";
  for (const stretch of timeline) {
    if (stretch.at > instant) break;
    status = stretch.status;
  }
  return status;
}

/** When the ticket became solved, if it is solved or closed at `now`. */
function solvedAt(timeline: Timeline, now: Date): Date | null {
  const instant = now.getTime();
  let since: number | null = null;
  for (const stretch of timeline) {
    if (stretch.at > instant) break;
    if (!solvedStatuses.has(stretch.status)) since = null;
    else if (since === null) since = stretch.at;
  }
  return since === null ? null : new Date(since);
}

/** The next-response cycle to show: the open one, or else the last one answered. */
function currentNextResponseCycle(
  messages: readonly ClockMessage[],
  firstReply: ClockMessage,
): { from: Date; metAt: Date | null } | null {
  let waitingSince: Date | null = null;
  let last: { from: Date; metAt: Date | null } | null = null;
  for (const message of messages.slice(messages.indexOf(firstReply) + 1)) {
    if (message.author === "customer") {
      waitingSince ??= message.at;
    } else if (waitingSince && answersCustomer(message)) {
      last = { from: waitingSince, metAt: message.at };
      waitingSince = null;
    }
  }
  return waitingSince ? { from: waitingSince, metAt: null } : last;
}

/** The stretches in which the clock counts, from `from` to `until`; the last is open if it still counts. */
function runningIntervals(timeline: Timeline, from: number, until: number): Interval[] {
  const intervals: Interval[] = [];
  timeline.forEach((stretch, index) => {
    if (pausedStatuses.has(stretch.status)) return;
    const start = Math.max(stretch.at, from);
    const next = timeline[index + 1];
    const end = next ? next.at : null;
    if (end !== null && end <= start) return;
    if (start > until) return;
    intervals.push({ start, end: end !== null && end <= until ? end : null });
  });
  return intervals;
}

/** The instant at which the clock has counted `minutes`, or null if it stopped before. */
function instantAfter(intervals: readonly Interval[], minutes: number, calendar: BusinessCalendar): Date | null {
  let counted = 0;
  for (const interval of intervals) {
    const start = new Date(interval.start);
    if (interval.end === null) return addWorkingTime(start, minutes - counted, calendar);
    const length = workingMinutesBetween(start, new Date(interval.end), calendar);
    if (counted + length >= minutes) return addWorkingTime(start, minutes - counted, calendar);
    counted += length;
  }
  return null;
}

function runOnFrom(intervals: readonly Interval[], instant: number): Interval[] {
  const last = intervals[intervals.length - 1];
  if (last && (last.end === null || last.end >= instant)) return [...intervals.slice(0, -1), { ...last, end: null }];
  return [...intervals, { start: instant, end: null }];
}

function measure(input: {
  from: Date;
  metAt: Date | null;
  target: number | null;
  timeline: Timeline;
  calendar: BusinessCalendar;
  now: Date;
}): SlaClock {
  const { metAt, target, timeline, calendar } = input;
  const endAt = (metAt ?? input.now).getTime();
  const from = input.from.getTime();
  const intervals = runningIntervals(timeline, from, endAt);
  const counting = !pausedStatuses.has(statusAt(timeline, endAt));
  if (target === null) return { ...idleClock, metAt, paused: metAt === null && !counting };

  const elapsed = intervals.reduce(
    (sum, interval) => sum + workingMinutesBetween(new Date(interval.start), new Date(interval.end ?? endAt), calendar),
    0,
  );
  // A met target shows the due time it was met against, as if its clock had run on from then.
  const projected = metAt === null ? intervals : runOnFrom(intervals, endAt);
  const dueAt = instantAfter(projected, target, calendar);
  const breached = dueAt !== null && endAt > dueAt.getTime();
  const remainingMinutes = Math.max(0, target - elapsed);
  const open = metAt === null;
  return {
    dueAt,
    metAt,
    breached,
    warning: open && counting && !breached && remainingMinutes < warningShare * target,
    warnAt: open ? instantAfter(intervals, (1 - warningShare) * target, calendar) : null,
    paused: open && !counting,
    remainingMinutes,
  };
}

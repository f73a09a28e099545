import type { SlaClock, SlaState } from "../sla/ticket-clock.ts";

export type SlaMetric = keyof SlaState;
export type SlaTimerKind = "warning" | "breach";
export type SlaTimer = { metric: SlaMetric; kind: SlaTimerKind; at: Date; dueAt: Date };

/** An SLA event already on the ticket: which metric and which due time it was about. */
export type RecordedSlaEvent = { type: "sla_warning" | "sla_breached"; metric: string; dueAt: string };

const metrics: readonly SlaMetric[] = ["firstResponse", "nextResponse", "resolution"];

/**
 * The timers a ticket needs now: for every running target, a warning at `warnAt` (when a fifth of
 * the target is left, ticket-clock's `warningShare`) and a breach at `dueAt`, unless the ticket
 * already has that event for that due time. Paused or met targets need none; their old timers
 * find nothing to do when they fire.
 */
export function planSlaTimers(state: SlaState, recorded: readonly RecordedSlaEvent[]): SlaTimer[] {
  const timers: SlaTimer[] = [];
  for (const metric of metrics) {
    const clock = state[metric];
    if (!isRunning(clock) || !clock.dueAt) continue;
    const dueAt = clock.dueAt;
    const has = (type: RecordedSlaEvent["type"]) =>
      recorded.some((event) => event.type === type && event.metric === metric && event.dueAt === dueAt.toISOString());
    if (clock.warnAt && !has("sla_warning") && !has("sla_breached")) {
      timers.push({ metric, kind: "warning", at: clock.warnAt, dueAt });
    }
    if (!has("sla_breached")) timers.push({ metric, kind: "breach", at: dueAt, dueAt });
  }
  return timers;
}

function isRunning(clock: SlaClock): boolean {
  return clock.metAt === null && !clock.paused;
}

/**
 * What a firing timer should record, re-checked against the ticket as it is now: nothing when the
 * target was met, paused or moved since the timer was set, or when the event is already there.
 */
export function slaEventDue(
  state: SlaState,
  timer: { metric: SlaMetric; kind: SlaTimerKind; dueAt: Date },
  recorded: readonly RecordedSlaEvent[],
  now: Date,
): RecordedSlaEvent | null {
  const clock = state[timer.metric];
  if (!isRunning(clock) || !clock.dueAt || clock.dueAt.getTime() !== timer.dueAt.getTime()) return null;
  const type = timer.kind === "warning" ? "sla_warning" : "sla_breached";
  const dueAt = clock.dueAt.toISOString();
  if (recorded.some((event) => event.type === type && event.metric === timer.metric && event.dueAt === dueAt)) {
    return null;
  }
  if (timer.kind === "breach" && now.getTime() < clock.dueAt.getTime()) return null;
  if (timer.kind === "warning") {
    if (!clock.warnAt || now.getTime() < clock.warnAt.getTime()) return null;
    if (
      recorded.some((event) => event.type === "sla_breached" && event.metric === timer.metric && event.dueAt === dueAt)
    ) {
      return null;
    }
  }
  return { type, metric: timer.metric, dueAt };
}

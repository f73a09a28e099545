import { type LocalDay, localDayOf, localToInstant, offsetAt, type Weekday, weekdayOf } from "../time/zoned-time.ts";

/**
 * Business-hours arithmetic over real instants. A calendar names the workspace's time zone, the
 * weekdays it works, one daily window in local wall time and its holidays (local dates); `null`
 * means calendar time, where every minute counts.
 *
 * Each working day is turned into one window of instants (its local start and end converted with
 * the time zone's offset on that day), so DST changes, weekends and holidays come out exact; long
 * spans walk day by day, never minute by minute.
 */

export type { Weekday } from "../time/zoned-time.ts";

/** The workspace's working week; `BusinessCalendar` adds `null` for calendar time. */
export type WorkingCalendar = {
  /** IANA time zone, such as "Europe/Berlin". */
  timeZone: string;
  days: Weekday[];
  /** Local wall time "HH:MM". An end at or before the start means the window runs past midnight. */
  start: string;
  end: string;
  /** Local dates "YYYY-MM-DD" on which no window starts. */
  holidays?: string[];
};

export type BusinessCalendar = WorkingCalendar | null;

const minute = 60_000;
const day = 86_400_000;
/** How far the walk goes before giving up: a calendar whose working days never come. */
const longestWalkInDays = 366 * 30;
const preparedCalendars = new WeakMap<object, PreparedCalendar>();

/** A local calendar date counted in days since 1970-01-01 (no time zone attached). */

type Window = { start: number; end: number };

type PreparedCalendar = {
  timeZone: string;
  days: Set<Weekday>;
  startMinutes: number;
  endMinutes: number;
  overnight: boolean;
  holidays: Set<LocalDay>;
  /** Milliseconds of working time in a week without holidays or a change of offset. */
  weekLength: number;
  /** Windows already worked out, by local day; bounded so a long-lived calendar stays small. */
  windows: Map<LocalDay, Window | null>;
};

export function isWorkingTime(at: Date, calendar: BusinessCalendar): boolean {
  if (calendar === null) return true;
  const prepared = prepareCalendar(calendar);
  const instant = at.getTime();
  const today = localDayOf(instant, prepared.timeZone);
  for (const localDay of [today - 1, today]) {
    const window = windowOn(localDay, prepared);
    if (window && window.start <= instant && instant < window.end) return true;
  }
  return false;
}

/** Working minutes (fractional when the instants are) in [from, to); 0 when `to` is not after `from`. */
export function workingMinutesBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  const start = from.getTime();
  const end = to.getTime();
  if (!(end > start)) return 0;
  if (calendar === null) return (end - start) / minute;
  const prepared = prepareCalendar(calendar);
  const lastDay = localDayOf(end, prepared.timeZone);
  let total = 0;
  for (let localDay = localDayOf(start, prepared.timeZone) - 1; localDay <= lastDay; localDay += 1) {
    const week = lastDay - localDay > 8 ? plainWeek(localDay, prepared) : null;
    if (week && week.start >= start && week.end <= end) {
      total += prepared.weekLength;
      localDay += 6;
      continue;
    }
    const window = windowOn(localDay, prepared);
    if (!window) continue;
    const overlap = Math.min(window.end, end) - Math.max(window.start, start);
    if (overlap > 0) total += overlap;
  }
  return total / minute;
}

/**
 * The instant at which `minutes` of working time have passed since `start`: the earliest such
 * instant, so a target that is used up exactly at the end of a day is due then, not next morning.
 * An arrival outside hours starts counting at the next window.
 */
export function addWorkingTime(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Working time to add must be a finite number of minutes, 0 or more; got ${minutes}.`);
  }
  if (calendar === null) return new Date(start.getTime() + minutes * minute);
  if (minutes === 0) return new Date(start.getTime());
  const prepared = prepareCalendar(calendar);
  const firstDay = localDayOf(start.getTime(), prepared.timeZone) - 1;
  let cursor = start.getTime();
  let remaining = minutes * minute;
  for (let localDay = firstDay; localDay <= firstDay + longestWalkInDays; localDay += 1) {
    const week = remaining > prepared.weekLength ? plainWeek(localDay, prepared) : null;
    if (week && cursor <= week.start) {
      remaining -= prepared.weekLength;
      cursor = week.end;
      localDay += 6;
      continue;
    }
    const window = windowOn(localDay, prepared);
    if (!window) continue;
    const from = Math.max(window.start, cursor);
    if (from >= window.end) continue;
    const available = window.end - from;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
    cursor = window.end;
  }
  throw new RangeError("The business calendar has no working time in the next 30 years.");
}

/**
 * The working windows that overlap [from, to), in order, as instants (epoch milliseconds): the same
 * windows `workingMinutesBetween` adds up, for a caller that adds them up elsewhere (the report, in SQL).
 */
export function workingWindowsBetween(from: Date, to: Date, calendar: WorkingCalendar): Window[] {
  const prepared = prepareCalendar(calendar);
  const windows: Window[] = [];
  const lastDay = localDayOf(to.getTime(), prepared.timeZone);
  for (let localDay = localDayOf(from.getTime(), prepared.timeZone) - 1; localDay <= lastDay; localDay += 1) {
    const window = windowOn(localDay, prepared);
    if (window && window.end > from.getTime() && window.start < to.getTime()) windows.push({ ...window });
  }
  return windows;
}

/** Throws a RangeError naming the field when a calendar cannot work (for config validation). */
export function checkWorkingCalendar(calendar: WorkingCalendar): void {
  prepareCalendar(calendar);
}

function prepareCalendar(calendar: WorkingCalendar): PreparedCalendar {
  const cached = preparedCalendars.get(calendar);
  if (cached) return cached;
  if (!isKnownTimeZone(calendar.timeZone)) {
    throw new RangeError(`Business calendar time zone "${calendar.timeZone}" is not an IANA time zone.`);
  }
  if (calendar.days.length === 0) throw new RangeError("A business calendar needs at least one working day.");
  const startMinutes = parseClockTime(calendar.start, "start");
  const endMinutes = parseClockTime(calendar.end, "end");
  const overnight = endMinutes <= startMinutes;
  const windowLength = (endMinutes + (overnight ? 24 * 60 : 0) - startMinutes) * minute;
  const prepared: PreparedCalendar = {
    timeZone: calendar.timeZone,
    days: new Set(calendar.days),
    startMinutes,
    endMinutes,
    overnight,
    holidays: new Set((calendar.holidays ?? []).map(parseLocalDate)),
    weekLength: new Set(calendar.days).size * windowLength,
    windows: new Map(),
  };
  preparedCalendars.set(calendar, prepared);
  return prepared;
}

function windowOn(localDay: LocalDay, calendar: PreparedCalendar): Window | null {
  if (calendar.holidays.has(localDay)) return null;
  if (!calendar.days.has(weekdayOf(localDay))) return null;
  const known = calendar.windows.get(localDay);
  if (known !== undefined) return known;
  const start = localToInstant(localDay, calendar.startMinutes, calendar.timeZone);
  const end = localToInstant(localDay + (calendar.overnight ? 1 : 0), calendar.endMinutes, calendar.timeZone);
  const window = end > start ? { start, end } : null;
  if (calendar.windows.size >= 20_000) calendar.windows.clear();
  calendar.windows.set(localDay, window);
  return window;
}

/**
 * The seven days from `localDay` as one span, when none is a holiday and the offset is the same
 * from a day before to a day after them (no DST change): their windows then add up to
 * `weekLength` and all lie in [start, end], so a long walk can take the week in one step.
 */
function plainWeek(localDay: LocalDay, calendar: PreparedCalendar): Window | null {
  for (let offset = 0; offset < 7; offset += 1) if (calendar.holidays.has(localDay + offset)) return null;
  const first = localDay * day;
  const last = (localDay + 7) * day + (calendar.overnight ? calendar.endMinutes * minute : 0);
  const offsetBefore = offsetAt(first - day, calendar.timeZone);
  if (offsetAt(last + 2 * day, calendar.timeZone) !== offsetBefore) return null;
  return { start: first - offsetBefore, end: last - offsetBefore };
}

function parseClockTime(text: string, field: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) throw new RangeError(`Business calendar ${field} "${text}" must be HH:MM.`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function parseLocalDate(text: string): LocalDay {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const parsed = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== text) {
    throw new RangeError(`Business calendar holiday "${text}" must be a date YYYY-MM-DD.`);
  }
  return parsed / day;
}

const knownTimeZones = new Map<string, boolean>();

function isKnownTimeZone(timeZone: string): boolean {
  let known = knownTimeZones.get(timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone });
      known = true;
    } catch {
      known = false;
    }
    if (knownTimeZones.size < 1_000) knownTimeZones.set(timeZone, known);
  }
  return known;
}

/**
 * Wall-clock time in IANA time zones through Intl: the one place the desk converts between instants
 * (epoch milliseconds) and local days and times, for SLA clocks, follow-ups and monthly periods.
 */

const minute = 60_000;
const day = 86_400_000;
const weekdaysFromSunday = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

export type Weekday = (typeof weekdaysFromSunday)[number];

/** A local calendar date as whole days since 1970-01-01. */
export type LocalDay = number;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const quarterHour = 15 * minute;
const offsets = new Map<string, number>();
const mostOffsetsKept = 100_000;

/**
 * The zone's offset from UTC at an instant, in milliseconds (local = UTC + offset). Asking Intl is
 * slow (an inbox page of SLA clocks asks thousands of times), so answers are kept per zone and
 * quarter hour of UTC: offsets are whole quarter hours and change at local times on the quarter
 * hour, so every transition since the local mean times of the early 1900s falls on such a boundary
 * and the offset is the same throughout a quarter hour.
 */
export function offsetAt(instant: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(instant / quarterHour)}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  if (offsets.size >= mostOffsetsKept) offsets.clear();
  const offset = askOffset(instant, timeZone);
  offsets.set(key, offset);
  return offset;
}

function askOffset(instant: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const local = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  // Intl drops milliseconds; offsets are whole seconds, so compare on the whole second.
  return local - (instant - (((instant % 1000) + 1000) % 1000));
}

export function localDayOf(instant: number, timeZone: string): LocalDay {
  return Math.floor((instant + offsetAt(instant, timeZone)) / day);
}

/** The local day of a calendar date; out-of-range months and days roll over as in Date.UTC. */
export function localDayOfDate(year: number, month: number, dayOfMonth: number): LocalDay {
  return Math.floor(Date.UTC(year, month - 1, dayOfMonth) / day);
}

export function dateOfLocalDay(localDay: LocalDay): { year: number; month: number; day: number } {
  const date = new Date(localDay * day);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function weekdayOf(localDay: LocalDay): Weekday {
  // 1970-01-01 was a Thursday.
  return weekdaysFromSunday[(((localDay + 4) % 7) + 7) % 7] as Weekday;
}

/**
 * The instant of a local wall time. A time that happens twice (the hour repeated when clocks go
 * back) is its first occurrence; a time that does not happen (the hour skipped when clocks go
 * forward) is read with the offset before the change, landing as far past the gap as it was
 * into it, as Temporal's "compatible" does.
 */
export function localToInstant(localDay: LocalDay, minutesOfDay: number, timeZone: string): number {
  const wall = localDay * day + minutesOfDay * minute;
  const offsetBefore = offsetAt(wall - day, timeZone);
  const offsetAfter = offsetAt(wall + day, timeZone);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter(
    (instant) => instant + offsetAt(instant, timeZone) === wall,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - offsetBefore;
}

import { DeskError } from "../core/errors.ts";

/** A half-open interval [start, end) of instants (epoch milliseconds), its bounds taken in `timezone`. */
export type Period = { start: number; end: number; timezone: string; month: string };

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; weekday: number };

const weekdayNumbers: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock time at an instant in a time zone. */
export function wallClock(instant: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatFor(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: weekdayNumbers[parts.weekday ?? ""] ?? 0,
  };
}

function offsetAt(instant: number, timeZone: string): number {
  const local = wallClock(instant, timeZone);
  const whole = instant - (((instant % 60_000) + 60_000) % 60_000);
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute) - whole;
}

/** The instant of a wall-clock time in a time zone; month is 1-based and out-of-range values roll over like Date.UTC. */
export function instantAt(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0): number {
  const asUniversal = Date.UTC(year, month - 1, day, hour, minute);
  const firstGuess = asUniversal - offsetAt(asUniversal, timeZone);
  return asUniversal - offsetAt(firstGuess, timeZone);
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const monthFormatMessage = "must be a month written YYYY-MM, for example 2026-03";

/** The calendar month `YYYY-MM` in the time zone, as a period. */
export function monthPeriod(month: string, timeZone: string): Period {
  const match = monthPattern.exec(month);
  if (!match) throw new DeskError("invalid_input", `month ${monthFormatMessage} (got "${month}").`);
  const year = Number(match[1]);
  const monthNumber = Number(match[2]);
  return {
    start: instantAt(timeZone, year, monthNumber, 1),
    end: instantAt(timeZone, year, monthNumber + 1, 1),
    timezone: timeZone,
    month,
  };
}

/** The calendar month before the given one. */
export function previousMonth(month: string): string {
  const match = monthPattern.exec(month);
  if (!match) throw new DeskError("invalid_input", `month ${monthFormatMessage} (got "${month}").`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 2, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The calendar month that contains `now` in the time zone. */
export function monthContaining(now: number, timeZone: string): string {
  const local = wallClock(now, timeZone);
  return `${local.year}-${String(local.month).padStart(2, "0")}`;
}

export type BusinessHours = { days: string[]; start: string; end: string };
const weekdayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const clockMinutes = (value: string): [number, number] => {
  const [hours, minutes] = value.split(":").map(Number);
  return [hours ?? 0, minutes ?? 0];
};

/** Milliseconds between two instants that fall inside business hours (wall-clock, in the time zone). */
export function businessMillisecondsBetween(from: number, to: number, hours: BusinessHours, timeZone: string): number {
  if (to <= from) return 0;
  const [startHour, startMinute] = clockMinutes(hours.start);
  const [endHour, endMinute] = clockMinutes(hours.end);
  const first = wallClock(from, timeZone);
  let total = 0;
  for (let offset = 0; ; offset++) {
    const dayStart = instantAt(timeZone, first.year, first.month, first.day + offset);
    if (dayStart >= to) break;
    const local = wallClock(dayStart + 12 * 3_600_000, timeZone);
    if (!hours.days.includes(weekdayNames[local.weekday] ?? "")) continue;
    const opens = instantAt(timeZone, first.year, first.month, first.day + offset, startHour, startMinute);
    const closes = instantAt(timeZone, first.year, first.month, first.day + offset, endHour, endMinute);
    total += Math.max(0, Math.min(closes, to) - Math.max(opens, from));
  }
  return total;
}

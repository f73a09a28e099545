import { DeskError } from "../core/errors.ts";
import { dateOfLocalDay, localDayOf, localDayOfDate, localToInstant } from "../core/time/zoned-time.ts";

/** A half-open interval [start, end) of instants (epoch milliseconds), its bounds taken in `timezone`. */
export type Period = { start: number; end: number; timezone: string; month: string };

type WallClock = { year: number; month: number; day: number; weekday: number };

/** The local date at an instant in a time zone; weekday 0 is Sunday. */
export function wallClock(instant: number, timeZone: string): WallClock {
  const localDay = localDayOf(instant, timeZone);
  return { ...dateOfLocalDay(localDay), weekday: (((localDay + 4) % 7) + 7) % 7 };
}

/** The instant of a wall-clock time in a time zone; month is 1-based and out-of-range values roll over like Date.UTC. */
export function instantAt(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0): number {
  return localToInstant(localDayOfDate(year, month, day), hour * 60 + minute, timeZone);
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

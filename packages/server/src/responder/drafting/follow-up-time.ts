import type { BusinessHours } from "../../core/ports.ts";

const weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const hour = 60 * 60 * 1000;

type LocalDate = { year: number; month: number; day: number };

/**
 * When to follow up: the next business day an hour after opening, in the workspace's time zone
 * (the next calendar day at 10:00 without business hours). `tomorrow` says whether that is the
 * very next calendar day, so a reply can say "tomorrow" rather than a weekday.
 */
export function nextFollowUp(
  now: Date,
  timeZone: string,
  hours: BusinessHours | null,
): { dueAt: Date; tomorrow: boolean } {
  const today = localDate(now, timeZone);
  const [startHour = 9, startMinute = 0] = (hours?.start ?? "09:00").split(":").map(Number);
  for (let offset = 1; offset <= 14; offset++) {
    const candidate = addDays(today, offset);
    if (hours && !hours.days.includes(weekdayOf(candidate))) continue;
    return { dueAt: localToInstant(candidate, startHour + 1, startMinute, timeZone), tomorrow: offset === 1 };
  }
  return { dueAt: new Date(now.getTime() + 24 * hour), tomorrow: true };
}

function localDate(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = zonedParts(instant, timeZone);
  return { year, month, day };
}

/** The wall-clock reading of an instant in a zone. */
function zonedParts(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  return {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour"),
    minute: part("minute"),
    second: part("second"),
  };
}

function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function weekdayOf(date: LocalDate): string {
  return weekdays[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()] ?? "mon";
}

/** The instant a wall-clock time in a zone stands for (DST-safe to the hour, which a follow-up needs). */
function localToInstant(date: LocalDate, hours: number, minutes: number, timeZone: string): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day, hours, minutes);
  const offset = zoneOffset(new Date(guess), timeZone);
  return new Date(guess - offset);
}

function zoneOffset(instant: Date, timeZone: string): number {
  const { year, month, day, hour, minute, second } = zonedParts(instant, timeZone);
  return Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(instant.getTime() / 1000) * 1000;
}

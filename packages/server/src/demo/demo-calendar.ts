import { day, minute } from "../testing/snapshot-generator.ts";

export type LocalTime = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
};

const weekdayNumbers: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Converts between instants and wall-clock time in one IANA time zone. */
export const createCalendar = (timeZone: string) => {
  const format = new Intl.DateTimeFormat("en-US", {
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

  const localTime = (instant: number): LocalTime => {
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(new Date(instant))) parts[part.type] = part.value;
    return {
      year: Number(parts.year),
      month: Number(parts.month),
      day: Number(parts.day),
      hour: Number(parts.hour),
      minute: Number(parts.minute),
      weekday: weekdayNumbers[parts.weekday ?? ""] ?? 0,
    };
  };

  const offsetAt = (instant: number): number => {
    const local = localTime(instant);
    const seconds = Math.floor(instant / 1000) % 60;
    const asUniversal = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, seconds);
    return asUniversal - (instant - (instant % 1000));
  };

  /** The instant at a wall-clock time; month is 1-based and out-of-range days roll over like Date.UTC. */
  const instantAt = (year: number, month: number, dayOfMonth: number, hour = 0, minutes = 0, seconds = 0): number => {
    const asUniversal = Date.UTC(year, month - 1, dayOfMonth, hour, minutes, seconds);
    const firstGuess = asUniversal - offsetAt(asUniversal);
    const secondGuess = asUniversal - offsetAt(firstGuess);
    return secondGuess;
  };

  const startOfDay = (instant: number): number => {
    const local = localTime(instant);
    return instantAt(local.year, local.month, local.day);
  };

  const addDays = (instant: number, days: number): number => {
    const local = localTime(instant);
    return instantAt(local.year, local.month, local.day + days, local.hour, local.minute);
  };

  return { timeZone, localTime, instantAt, startOfDay, addDays };
};

export type Calendar = ReturnType<typeof createCalendar>;

export type StaffedHours = { weekdays: readonly [number, number]; weekends: readonly [number, number] };

/** The first instant at or after the given one when the support team is at work. */
export const nextStaffedInstant = (calendar: Calendar, instant: number, hours: StaffedHours): number => {
  let candidate = instant;
  for (let attempt = 0; attempt < 8; attempt++) {
    const local = calendar.localTime(candidate);
    const [opening, closing] = local.weekday === 0 || local.weekday === 6 ? hours.weekends : hours.weekdays;
    const opens = calendar.instantAt(local.year, local.month, local.day, opening);
    const closes = calendar.instantAt(local.year, local.month, local.day, closing);
    if (candidate < opens) return opens;
    if (candidate < closes) return candidate;
    candidate = calendar.instantAt(local.year, local.month, local.day + 1, 0, 0);
  }
  return candidate;
};

export const minutes = (count: number): number => count * minute;
export const days = (count: number): number => count * day;

const weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
const monthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export const weekdayName = (calendar: Calendar, instant: number): string =>
  weekdayNames[calendar.localTime(instant).weekday] ?? "";

/** "March 23" */
export const monthAndDay = (calendar: Calendar, instant: number): string => {
  const local = calendar.localTime(instant);
  return `${monthNames[local.month - 1]} ${local.day}`;
};

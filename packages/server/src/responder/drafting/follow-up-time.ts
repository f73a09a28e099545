import type { BusinessHours } from "../../core/ports.ts";
import { localDayOf, localToInstant, weekdayOf } from "../../core/time/zoned-time.ts";

const hour = 60 * 60 * 1000;

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
  const today = localDayOf(now.getTime(), timeZone);
  const [startHour = 9, startMinute = 0] = (hours?.start ?? "09:00").split(":").map(Number);
  for (let offset = 1; offset <= 14; offset++) {
    const candidate = today + offset;
    if (hours && !hours.days.includes(weekdayOf(candidate))) continue;
    const dueAt = localToInstant(candidate, (startHour + 1) * 60 + startMinute, timeZone);
    return { dueAt: new Date(dueAt), tomorrow: offset === 1 };
  }
  return { dueAt: new Date(now.getTime() + 24 * hour), tomorrow: true };
}

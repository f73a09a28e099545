import { describe, expect, it } from "vitest";
import {
  addWorkingTime,
  type BusinessCalendar,
  isWorkingTime,
  type WorkingCalendar,
  workingMinutesBetween,
} from "./business-hours.ts";

const weekdays = ["mon", "tue", "wed", "thu", "fri"] as const;
const newYork: BusinessCalendar = { timeZone: "America/New_York", days: [...weekdays], start: "09:00", end: "17:00" };
const berlin: BusinessCalendar = {
  timeZone: "Europe/Berlin",
  days: [...weekdays],
  start: "09:00",
  end: "17:00",
  holidays: ["2026-12-24", "2026-12-25", "2026-12-26"],
};
const everyDay = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const allDay = (timeZone: string): WorkingCalendar => ({
  timeZone,
  days: [...everyDay],
  start: "00:00",
  end: "00:00",
});

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe("calendar time (no business calendar)", () => {
  it("adds plain minutes and counts every minute", () => {
    expect(iso(addWorkingTime(at("2026-03-07T23:30:00Z"), 0.5, null))).toBe("2026-03-07T23:30:30.000Z");
    expect(workingMinutesBetween(at("2026-03-07T00:00:00Z"), at("2026-03-09T00:00:00Z"), null)).toBe(2880);
    expect(isWorkingTime(at("2026-03-07T03:00:00Z"), null)).toBe(true);
  });

  it("counts nothing backwards", () => {
    expect(workingMinutesBetween(at("2026-03-09T00:00:00Z"), at("2026-03-07T00:00:00Z"), null)).toBe(0);
  });
});

describe("working hours on weekdays", () => {
  it("ends inside the same day when the target fits", () => {
    expect(iso(addWorkingTime(at("2026-11-24T10:00:00-05:00"), 120, newYork))).toBe("2026-11-24T17:00:00.000Z");
  });

  it("carries what is left of a target over the night", () => {
    // Tuesday 16:00, 2 hours: one today, one from Wednesday 09:00.
    expect(iso(addWorkingTime(at("2026-11-24T16:00:00-05:00"), 120, newYork))).toBe("2026-11-25T15:00:00.000Z");
  });

  it("skips the weekend", () => {
    // Friday 16:30 + 60 minutes: 30 on Friday, 30 on Monday.
    expect(iso(addWorkingTime(at("2026-11-27T16:30:00-05:00"), 60, newYork))).toBe("2026-11-30T14:30:00.000Z");
    expect(workingMinutesBetween(at("2026-11-27T16:30:00-05:00"), at("2026-11-30T09:30:00-05:00"), newYork)).toBe(60);
  });

  it("starts the clock at the next window for a ticket that arrives before hours, after hours or at the weekend", () => {
    expect(iso(addWorkingTime(at("2026-11-23T07:00:00-05:00"), 30, newYork))).toBe("2026-11-23T14:30:00.000Z");
    expect(iso(addWorkingTime(at("2026-11-23T18:00:00-05:00"), 30, newYork))).toBe("2026-11-24T14:30:00.000Z");
    expect(iso(addWorkingTime(at("2026-11-28T12:00:00-05:00"), 30, newYork))).toBe("2026-11-30T14:30:00.000Z");
    expect(workingMinutesBetween(at("2026-11-28T00:00:00-05:00"), at("2026-11-29T23:59:00-05:00"), newYork)).toBe(0);
  });

  it("is due at the end of a day when the target runs out exactly then, not the next morning", () => {
    expect(iso(addWorkingTime(at("2026-11-24T09:00:00-05:00"), 480, newYork))).toBe("2026-11-24T22:00:00.000Z");
  });

  it("spans several weeks exactly", () => {
    // Three working weeks of 40 hours from Monday 09:00 end on the third Friday at 17:00.
    const due = addWorkingTime(at("2026-11-02T09:00:00-05:00"), 3 * 40 * 60, newYork);
    expect(iso(due)).toBe("2026-11-20T22:00:00.000Z");
    expect(workingMinutesBetween(at("2026-11-02T09:00:00-05:00"), due, newYork)).toBe(7200);
  });

  it("counts a year of working days without walking minute by minute", () => {
    // 2027 has 261 weekdays; in Berlin three holidays fall on weekdays in late December 2026, not 2027.
    expect(workingMinutesBetween(at("2027-01-01T00:00:00+01:00"), at("2028-01-01T00:00:00+01:00"), berlin)).toBe(
      261 * 480,
    );
  });

  it("keeps adding and measuring in step over many starts and lengths", () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let index = 0; index < 200; index += 1) {
      const start = new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 365 * 24 * 60) * 60_000);
      const minutes = Math.floor(next() * 20_000);
      for (const calendar of [newYork, berlin]) {
        const due = addWorkingTime(start, minutes, calendar);
        expect(workingMinutesBetween(start, due, calendar)).toBe(minutes);
      }
    }
  });

  it("agrees with counting quarter hours one by one over weeks with DST changes, holidays and night shifts", () => {
    const calendars: BusinessCalendar[] = [
      newYork,
      berlin,
      { timeZone: "America/New_York", days: ["mon", "wed", "fri", "sat"], start: "22:00", end: "06:00" },
      { ...allDay("Europe/Berlin"), holidays: ["2026-10-28"] },
    ];
    const quarter = 15 * 60_000;
    for (const [from, to] of [
      ["2026-10-13T00:00:00Z", "2026-11-17T00:00:00Z"],
      ["2026-12-01T06:00:00Z", "2027-01-12T00:00:00Z"],
      ["2026-02-20T13:15:00Z", "2026-04-09T02:00:00Z"],
    ] as const) {
      for (const calendar of calendars) {
        let counted = 0;
        for (let instant = Date.parse(from); instant < Date.parse(to); instant += quarter) {
          if (isWorkingTime(new Date(instant), calendar)) counted += 15;
        }
        expect(workingMinutesBetween(at(from), at(to), calendar)).toBe(counted);
        const due = addWorkingTime(at(from), counted, calendar);
        expect(workingMinutesBetween(at(from), due, calendar)).toBe(counted);
        expect(due.getTime()).toBeLessThanOrEqual(Date.parse(to));
        expect(isWorkingTime(new Date(due.getTime() - 1), calendar)).toBe(true);
      }
    }
  });

  it("knows when it is working time", () => {
    expect(isWorkingTime(at("2026-11-24T09:00:00-05:00"), newYork)).toBe(true);
    expect(isWorkingTime(at("2026-11-24T16:59:59-05:00"), newYork)).toBe(true);
    expect(isWorkingTime(at("2026-11-24T17:00:00-05:00"), newYork)).toBe(false);
    expect(isWorkingTime(at("2026-11-24T08:59:00-05:00"), newYork)).toBe(false);
    expect(isWorkingTime(at("2026-11-28T12:00:00-05:00"), newYork)).toBe(false);
  });
});

describe("holidays", () => {
  it("skips holidays next to a weekend", () => {
    // Wednesday 23 December 16:00 in Berlin, 2 hours: one that day, then 24-27 December are off.
    expect(iso(addWorkingTime(at("2026-12-23T16:00:00+01:00"), 120, berlin))).toBe("2026-12-28T09:00:00.000Z");
  });

  it("starts the clock after the holidays for a ticket that arrives on one", () => {
    expect(iso(addWorkingTime(at("2026-12-24T10:00:00+01:00"), 30, berlin))).toBe("2026-12-28T08:30:00.000Z");
    expect(isWorkingTime(at("2026-12-24T10:00:00+01:00"), berlin)).toBe(false);
    expect(workingMinutesBetween(at("2026-12-24T00:00:00+01:00"), at("2026-12-27T00:00:00+01:00"), berlin)).toBe(0);
  });

  it("reads holidays as local dates, whatever the UTC date is", () => {
    const tokyo: BusinessCalendar = {
      timeZone: "Asia/Tokyo",
      days: [...weekdays],
      start: "09:00",
      end: "17:00",
      holidays: ["2026-11-23"],
    };
    // Monday 23 November 09:00 in Tokyo is Sunday 22 November at midnight UTC.
    expect(isWorkingTime(at("2026-11-23T10:00:00+09:00"), tokyo)).toBe(false);
    expect(iso(addWorkingTime(at("2026-11-23T10:00:00+09:00"), 60, tokyo))).toBe("2026-11-24T01:00:00.000Z");
  });
});

describe("daylight-saving changes", () => {
  it("New York, spring forward: the weekend change moves Monday's window an hour earlier in UTC", () => {
    // Friday 6 March 2026 16:00 EST + 2 h = Monday 9 March 10:00 EDT (14:00Z, not 15:00Z).
    expect(iso(addWorkingTime(at("2026-03-06T16:00:00-05:00"), 120, newYork))).toBe("2026-03-09T14:00:00.000Z");
    expect(workingMinutesBetween(at("2026-03-06T16:00:00-05:00"), at("2026-03-09T14:00:00Z"), newYork)).toBe(120);
  });

  it("New York, fall back: Monday's window moves an hour later in UTC", () => {
    expect(iso(addWorkingTime(at("2026-10-30T16:00:00-04:00"), 120, newYork))).toBe("2026-11-02T15:00:00.000Z");
  });

  it("New York, the changeover day has 23 and 25 hours of round-the-clock working time", () => {
    const clock = allDay("America/New_York");
    expect(workingMinutesBetween(at("2026-03-08T00:00:00-05:00"), at("2026-03-09T00:00:00-04:00"), clock)).toBe(1380);
    expect(workingMinutesBetween(at("2026-11-01T00:00:00-04:00"), at("2026-11-02T00:00:00-05:00"), clock)).toBe(1500);
    // 01:30 + 60 minutes on 8 March is 03:30 EDT: the skipped hour is not working time.
    expect(iso(addWorkingTime(at("2026-03-08T01:30:00-05:00"), 60, clock))).toBe("2026-03-08T07:30:00.000Z");
  });

  it("Berlin, a night window that spans the change is an hour shorter in March and longer in October", () => {
    const night: BusinessCalendar = { timeZone: "Europe/Berlin", days: ["sun"], start: "01:00", end: "04:00" };
    expect(workingMinutesBetween(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00"), night)).toBe(120);
    expect(workingMinutesBetween(at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00"), night)).toBe(240);
    // October: 01:00 CEST + 150 minutes = 02:30 the second time (CET).
    expect(iso(addWorkingTime(at("2026-10-25T01:00:00+02:00"), 150, night))).toBe("2026-10-25T01:30:00.000Z");
  });

  it("Berlin, office hours on either side of the change keep their local times", () => {
    // Friday 27 March 16:00 CET + 2 h = Monday 30 March 10:00 CEST.
    expect(iso(addWorkingTime(at("2026-03-27T16:00:00+01:00"), 120, berlin))).toBe("2026-03-30T08:00:00.000Z");
    // Friday 23 October 16:00 CEST + 2 h = Monday 26 October 10:00 CET.
    expect(iso(addWorkingTime(at("2026-10-23T16:00:00+02:00"), 120, berlin))).toBe("2026-10-26T09:00:00.000Z");
  });

  it("a window that opens inside the skipped hour opens just after it; one in the repeated hour opens the first time", () => {
    const early: BusinessCalendar = { timeZone: "America/New_York", days: ["sun"], start: "02:30", end: "10:00" };
    expect(iso(addWorkingTime(at("2026-03-08T00:00:00-05:00"), 1, early))).toBe("2026-03-08T07:31:00.000Z");
    expect(workingMinutesBetween(at("2026-03-08T00:00:00-05:00"), at("2026-03-09T00:00:00-04:00"), early)).toBe(390);
    const repeated: BusinessCalendar = { timeZone: "America/New_York", days: ["sun"], start: "01:30", end: "03:00" };
    expect(iso(addWorkingTime(at("2026-11-01T00:00:00-04:00"), 1, repeated))).toBe("2026-11-01T05:31:00.000Z");
    expect(workingMinutesBetween(at("2026-11-01T00:00:00-04:00"), at("2026-11-02T00:00:00-05:00"), repeated)).toBe(150);
  });
});

describe("windows that run past midnight", () => {
  const nightShift: BusinessCalendar = { timeZone: "Europe/Berlin", days: ["fri"], start: "22:00", end: "06:00" };

  it("counts Friday's night window into Saturday morning", () => {
    expect(isWorkingTime(at("2026-11-28T03:00:00+01:00"), nightShift)).toBe(true);
    expect(isWorkingTime(at("2026-11-28T07:00:00+01:00"), nightShift)).toBe(false);
    expect(iso(addWorkingTime(at("2026-11-28T05:00:00+01:00"), 120, nightShift))).toBe("2026-12-04T22:00:00.000Z");
    expect(workingMinutesBetween(at("2026-11-27T00:00:00+01:00"), at("2026-11-29T00:00:00+01:00"), nightShift)).toBe(
      480,
    );
  });
});

describe("calendars that cannot work", () => {
  it("names the wrong field", () => {
    const zone: BusinessCalendar = { timeZone: "Mars/Olympus", days: ["mon"], start: "09:00", end: "17:00" };
    expect(() => isWorkingTime(at("2026-11-24T10:00:00Z"), zone)).toThrow(/time zone/);
    const hour: BusinessCalendar = { timeZone: "UTC", days: ["mon"], start: "9:00", end: "17:00" };
    expect(() => isWorkingTime(at("2026-11-24T10:00:00Z"), hour)).toThrow(/start/);
    const holiday: BusinessCalendar = {
      timeZone: "UTC",
      days: ["mon"],
      start: "09:00",
      end: "17:00",
      holidays: ["2026-02-30"],
    };
    expect(() => isWorkingTime(at("2026-11-24T10:00:00Z"), holiday)).toThrow(/holiday/);
    const none: BusinessCalendar = { timeZone: "UTC", days: [], start: "09:00", end: "17:00" };
    expect(() => addWorkingTime(at("2026-11-24T10:00:00Z"), 5, none)).toThrow(/working day/);
  });

  it("refuses negative working time", () => {
    expect(() => addWorkingTime(at("2026-11-24T10:00:00Z"), -1, newYork)).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { detectFollowUpPromise } from "./follow-up-promise.ts";

// A Monday, 10:30 in Berlin.
const now = new Date("2026-03-02T09:30:00.000Z");
const berlin = "Europe/Berlin";

function dueOf(text: string, timeZone = berlin): string | undefined {
  return detectFollowUpPromise(text, now, timeZone)?.dueAt.toISOString();
}

describe("detectFollowUpPromise", () => {
  it("reads tomorrow as 09:00 the next local day", () => {
    expect(dueOf("Thanks for the details. I'll follow up tomorrow.")).toBe("2026-03-03T08:00:00.000Z");
    expect(dueOf("Ich melde mich morgen wieder.")).toBe("2026-03-03T08:00:00.000Z");
    expect(dueOf("Le escribiré mañana para contarle el resultado.")).toBe("2026-03-03T08:00:00.000Z");
    expect(dueOf("Je reviendrai vers vous demain.")).toBe("2026-03-03T08:00:00.000Z");
  });

  it("reads a weekday as its next occurrence", () => {
    expect(dueOf("I will get back to you by Friday.")).toBe("2026-03-06T08:00:00.000Z");
    expect(dueOf("I'll update you on Monday.")).toBe("2026-03-09T08:00:00.000Z");
    expect(dueOf("Ich melde mich am Donnerstag, 5. März wieder.")).toBe("2026-03-05T08:00:00.000Z");
    expect(dueOf("Je reviendrai vers vous le mercredi 4 mars.")).toBe("2026-03-04T08:00:00.000Z");
  });

  it("reads amounts of hours and days", () => {
    expect(dueOf("We'll be in touch in 4 hours.")).toBe("2026-03-02T13:30:00.000Z");
    expect(dueOf("I'll check back in 3 days.")).toBe("2026-03-05T08:00:00.000Z");
  });

  it("recognises the responder's own follow-up sentence", () => {
    const reply =
      "Hi Ana,\n\nThe export is fixed.\n\nI'll follow up tomorrow (Tuesday 3 March) to confirm it's working.";
    expect(detectFollowUpPromise(reply, now, "UTC")).toEqual({
      dueAt: new Date("2026-03-03T09:00:00.000Z"),
      phrase: "I'll follow up tomorrow (Tuesday 3 March) to confirm it's working.",
    });
  });

  it("defaults to the next morning when no time is named", () => {
    expect(dueOf("I'll let you know what the team finds.")).toBe("2026-03-03T08:00:00.000Z");
  });

  it("finds no promise where there is none", () => {
    expect(detectFollowUpPromise("Please follow up with your bank tomorrow.", now, berlin)).toBeNull();
    expect(detectFollowUpPromise("The fix ships on Friday.", now, berlin)).toBeNull();
  });
});

describe("detectFollowUpPromise in Chinese", () => {
  const shanghai = "Asia/Shanghai";
  // Saturday 7 March 2026, 23:50 in Shanghai (still 15:50 UTC the same day).
  const saturdayNight = new Date("2026-03-07T15:50:00.000Z");
  // Sunday 8 March 2026, 00:10 in Shanghai (Saturday 16:10 UTC).
  const sundayAfterMidnight = new Date("2026-03-07T16:10:00.000Z");
  const dueIn = (text: string, at: Date) => detectFollowUpPromise(text, at, shanghai)?.dueAt.toISOString();

  it("reads 明天 as 09:00 the next local day, on either side of midnight", () => {
    expect(dueIn("我明天会跟进。", saturdayNight)).toBe("2026-03-08T01:00:00.000Z");
    expect(dueIn("我明天会跟进。", sundayAfterMidnight)).toBe("2026-03-09T01:00:00.000Z");
    expect(dueIn("我们后天给您答复。", saturdayNight)).toBe("2026-03-09T01:00:00.000Z");
  });

  it("reads hours and days written in digits or Chinese numerals", () => {
    expect(dueIn("我们会在24小时内回复您。", saturdayNight)).toBe("2026-03-08T15:50:00.000Z");
    expect(dueIn("我们会在两个小时内联系您。", saturdayNight)).toBe("2026-03-07T17:50:00.000Z");
    expect(dueIn("我们三天后联系您。", sundayAfterMidnight)).toBe("2026-03-11T01:00:00.000Z");
  });

  it("reads 下周一 as Monday of next week and 周五 as the next Friday", () => {
    expect(dueIn("下周一我会给您回复。", sundayAfterMidnight)).toBe("2026-03-09T01:00:00.000Z");
    expect(dueIn("下周一我会给您回复。", new Date("2026-03-02T02:00:00.000Z"))).toBe("2026-03-09T01:00:00.000Z");
    expect(dueIn("下周五之前我们会通知您。", new Date("2026-03-02T02:00:00.000Z"))).toBe("2026-03-13T01:00:00.000Z");
    expect(dueIn("周五之前我会给您回复。", saturdayNight)).toBe("2026-03-13T01:00:00.000Z");
    expect(dueIn("我们下周跟您联系。", saturdayNight)).toBe("2026-03-09T01:00:00.000Z");
  });

  it("reads a named date and time, as the escalation notice writes it", () => {
    expect(dueIn("我们最晚会在3月9日星期一 14:00 (Asia/Shanghai)前给您回复。", saturdayNight)).toBe(
      "2026-03-09T06:00:00.000Z",
    );
    expect(dueIn("我会在3月10日跟进。", saturdayNight)).toBe("2026-03-10T01:00:00.000Z");
    expect(dueIn("我会在1月5日跟进。", saturdayNight)).toBe("2027-01-05T01:00:00.000Z");
  });

  it("finds the promise sentence inside a Chinese reply", () => {
    const reply = "李先生，您好！导出的问题已经修复。我明天会跟进，确认一切正常。如有问题请随时回复。";
    expect(detectFollowUpPromise(reply, saturdayNight, shanghai)).toEqual({
      dueAt: new Date("2026-03-08T01:00:00.000Z"),
      phrase: "我明天会跟进，确认一切正常。",
    });
  });

  it("finds no promise in a request to the customer or in something already done", () => {
    expect(detectFollowUpPromise("请您明天跟进一下银行的处理。", saturdayNight, shanghai)).toBeNull();
    expect(detectFollowUpPromise("我已经联系您的银行了。", saturdayNight, shanghai)).toBeNull();
    expect(detectFollowUpPromise("修复将在周五上线。", saturdayNight, shanghai)).toBeNull();
  });
});

describe("detectFollowUpPromise near midnight and over weekends", () => {
  it("German: Sunday 23:30 in Berlin promises Monday morning", () => {
    const sundayNight = new Date("2026-03-08T22:30:00.000Z");
    expect(detectFollowUpPromise("Ich melde mich morgen.", sundayNight, berlin)?.dueAt.toISOString()).toBe(
      "2026-03-09T08:00:00.000Z",
    );
    expect(detectFollowUpPromise("Wir melden uns am Freitag.", sundayNight, berlin)?.dueAt.toISOString()).toBe(
      "2026-03-13T08:00:00.000Z",
    );
  });

  it("Spanish: Friday 23:45 in Mexico City (already Saturday in UTC) promises Saturday morning", () => {
    const fridayNight = new Date("2026-03-07T05:45:00.000Z");
    const mexico = "America/Mexico_City";
    expect(detectFollowUpPromise("Le escribiré mañana.", fridayNight, mexico)?.dueAt.toISOString()).toBe(
      "2026-03-07T15:00:00.000Z",
    );
    expect(detectFollowUpPromise("Le escribiré el lunes.", fridayNight, mexico)?.dueAt.toISOString()).toBe(
      "2026-03-09T15:00:00.000Z",
    );
  });

  it("French: just after midnight on Saturday in Paris, demain is Sunday", () => {
    const saturdayEarly = new Date("2026-03-06T23:05:00.000Z");
    expect(
      detectFollowUpPromise("Je reviendrai vers vous demain.", saturdayEarly, "Europe/Paris")?.dueAt.toISOString(),
    ).toBe("2026-03-08T08:00:00.000Z");
    expect(
      detectFollowUpPromise("Je reviendrai vers vous lundi.", saturdayEarly, "Europe/Paris")?.dueAt.toISOString(),
    ).toBe("2026-03-09T08:00:00.000Z");
  });

  it("English: Friday 23:59 in New York promises Monday 09:00 after the change to daylight time", () => {
    const fridayNight = new Date("2026-03-07T04:59:00.000Z");
    expect(
      detectFollowUpPromise("I'll get back to you on Monday.", fridayNight, "America/New_York")?.dueAt.toISOString(),
    ).toBe("2026-03-09T13:00:00.000Z");
  });
});

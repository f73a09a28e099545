import type { LocalDay, Weekday } from "../time/zoned-time.ts";
import { dateOfLocalDay, localDayOfDate, weekdayOf } from "../time/zoned-time.ts";

/** When a promise falls due: after some hours, or on a local day (at its named time, else the follow-up time of day). */
export type PromisedTime = { hoursFromNow: number } | { localDay: LocalDay; minuteOfDay?: number };

// "我/我们 … 跟进 / 回复您 / 联系您 / 给您答复 …": a promise by us, not a request to the customer ("请您跟进").
const promise =
  /(我|我们)([^。！？，,；;]{0,40}?)(跟进|回复您|回复你|答复您|答复你|联系您|联系你|通知您|通知你|告知您|告诉您|告诉你|给您回复|给你回复|给您答复|给你答复|给您更新|向您更新|反馈给您|回覆您|与您联系|和您联系|跟您联系)/u;
// Something already done is a report, not a promise ("我已经联系您的银行了").
const done = /[已了]/u;

const numerals: Record<string, number> = {
  一: 1,
  两: 2,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};
const weekdays: Record<string, Weekday> = {
  一: "mon",
  二: "tue",
  三: "wed",
  四: "thu",
  五: "fri",
  六: "sat",
  日: "sun",
  天: "sun",
};
const weekdayOrder: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** True when the sentence is a Chinese promise to get back to the customer. */
export function isChinesePromise(sentence: string): boolean {
  const match = promise.exec(sentence);
  return match !== null && !done.test(match[2] ?? "");
}

/** A count written with digits or simple Chinese numerals (一 … 十, 两, 十二, 二十四). */
function countOf(written: string): number | null {
  if (/^\d+$/u.test(written)) return Number(written);
  if (written === "十") return 10;
  const tens = /^([二三四五六七八九])?十([一二三四五六七八九])?$/u.exec(written);
  if (tens) return (tens[1] ? (numerals[tens[1]] ?? 0) : 1) * 10 + (tens[2] ? (numerals[tens[2]] ?? 0) : 0);
  return numerals[written] ?? null;
}

/**
 * When a Chinese promise is due, from `today` (the local day it was made): "24小时内" in 24 hours,
 * "3天" in three days, "明天" tomorrow, "后天" the day after, "下周一" Monday of next week,
 * "周五" the next Friday, "下周" next Monday, "今天/稍后" later today; null when it names no time.
 */
export function chinesePromisedTime(sentence: string, today: LocalDay): PromisedTime | null {
  // "3月9日 14:00": that date (this year, or next when it has passed), at that time when one is named.
  const date = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/u.exec(sentence);
  if (date) {
    const { year } = dateOfLocalDay(today);
    const month = Number(date[1]);
    const dayOfMonth = Number(date[2]);
    if (month >= 1 && month <= 12 && dayOfMonth >= 1 && dayOfMonth <= 31) {
      let localDay = localDayOfDate(year, month, dayOfMonth);
      if (localDay < today) localDay = localDayOfDate(year + 1, month, dayOfMonth);
      const time = /([01]?\d|2[0-3])\s*[:：]\s*([0-5]\d)/u.exec(sentence.slice(date.index + date[0].length));
      return time ? { localDay, minuteOfDay: Number(time[1]) * 60 + Number(time[2]) } : { localDay };
    }
  }
  const amount = /(\d+|[一两二三四五六七八九十]+)\s*(个)?\s*(小时|钟头|天|个工作日|工作日)/u.exec(sentence);
  if (amount) {
    const count = countOf(amount[1] ?? "");
    const unit = amount[3] ?? "";
    if (count !== null && count > 0) {
      if ((unit === "小时" || unit === "钟头") && count <= 24 * 14) return { hoursFromNow: count };
      if (unit !== "小时" && unit !== "钟头" && count <= 90) return { localDay: today + count };
    }
  }
  if (/后天/u.test(sentence)) return { localDay: today + 2 };
  if (/明天|明日|明早|明晚/u.test(sentence)) return { localDay: today + 1 };
  const nextWeekday = /(下|下个)(周|星期|礼拜)([一二三四五六日天])/u.exec(sentence);
  if (nextWeekday) {
    // Monday of next week (weeks start on Monday), then the named day of that week.
    const sinceMonday = weekdayOrder.indexOf(weekdayOf(today));
    const nextMonday = today + 7 - sinceMonday;
    return { localDay: nextMonday + weekdayOrder.indexOf(weekdays[nextWeekday[3] ?? "一"] ?? "mon") };
  }
  const weekday = /(周|星期|礼拜)([一二三四五六日天])/u.exec(sentence);
  if (weekday) {
    const wanted = weekdays[weekday[2] ?? ""];
    for (let ahead = 1; ahead <= 7; ahead += 1)
      if (weekdayOf(today + ahead) === wanted) return { localDay: today + ahead };
  }
  if (/下周|下星期|下礼拜|下个星期/u.test(sentence)) {
    for (let ahead = 1; ahead <= 7; ahead += 1)
      if (weekdayOf(today + ahead) === "mon") return { localDay: today + ahead };
  }
  if (/今天|今晚|今日|稍后|晚些时候|下午/u.test(sentence)) return { hoursFromNow: 4 };
  return null;
}

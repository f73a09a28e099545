import { localDayOf, localToInstant, type Weekday, weekdayOf } from "../time/zoned-time.ts";
import { chinesePromisedTime, isChinesePromise } from "./follow-up-promise-chinese.ts";
import { hasPhrase, wordsOf } from "./text-tokens.ts";

export type FollowUpPromise = { dueAt: Date; phrase: string };

// "I'll follow up", "I will get back to you", and the responder's own follow-up sentences
// (responder/drafting/phrases: "I'll follow up", "Ich melde mich", "Le escribiré", "Je reviendrai vers vous").
const promisePatterns: RegExp[] = [
  /\b(i|we)('ll| will| shall)\s+(follow up|get back to you|come back to you|update you|be in touch|check back|check in|reach out|let you know|write to you|send you an update)\b/iu,
  /\b(ich|wir)\s+(melde|melden)\s+(mich|uns)\b/iu,
  /\b(ich|wir)\s+(komme|kommen)\s+.{0,40}?zurück\b/iu,
  /\b(ich|wir)\s+(gebe|geben)\s+(ihnen|dir|euch)\s+.{0,40}?bescheid\b/iu,
  /(le|te|les)\s+(escribiré|escribiremos|avisaré|avisaremos|contactaré|contactaremos)/iu,
  /\bme pondré en contacto\b|\bnos pondremos en contacto\b|\bvolveré a escribirle\b/iu,
  /\b(je|nous)\s+(reviendrai|reviendrons|reviens|revenons)\s+vers\s+vous\b/iu,
  /\bje vous (recontacterai|recontacte|tiendrai au courant|tiens au courant)\b/iu,
];

const weekdayNames: Record<string, Weekday> = {};
const weekdaysByLanguage: [Weekday, string[]][] = [
  ["mon", ["monday", "montag", "lunes", "lundi"]],
  ["tue", ["tuesday", "dienstag", "martes", "mardi"]],
  ["wed", ["wednesday", "mittwoch", "miércoles", "miercoles", "mercredi"]],
  ["thu", ["thursday", "donnerstag", "jueves", "jeudi"]],
  ["fri", ["friday", "freitag", "viernes", "vendredi"]],
  ["sat", ["saturday", "samstag", "sábado", "sabado", "samedi"]],
  ["sun", ["sunday", "sonntag", "domingo", "dimanche"]],
];
for (const [weekday, names] of weekdaysByLanguage) for (const name of names) weekdayNames[name] = weekday;

const tomorrowWords = ["tomorrow", "morgen", "mañana", "demain"];
const todayPhrases = [
  "later today",
  "today",
  "this afternoon",
  "heute",
  "hoy",
  "esta tarde",
  "aujourd'hui",
  "ce soir",
  "cet après-midi",
];
const nextWeekPhrases = [
  "next week",
  "nächste woche",
  "nächsten woche",
  "la semana que viene",
  "la próxima semana",
  "semaine prochaine",
];
const hourWords = ["hour", "hours", "stunde", "stunden", "hora", "horas", "heure", "heures"];
const dayWords = ["day", "days", "tag", "tagen", "tage", "día", "días", "dia", "dias", "jour", "jours"];

/** Follow-ups promised for a day are due at this local time (minutes after midnight). */
const followUpMinuteOfDay = 9 * 60;
const hour = 60 * 60 * 1000;

/**
 * The follow-up a public reply promises, if it promises one: when ("tomorrow", "on Friday", "by
 * Friday", "in 2 days", "next week", "later today"; the next morning when it names no time), in
 * the workspace's time zone. Days are due at 09:00 local time. English, German, Spanish, French
 * and Chinese ("我明天会跟进", "我们会在24小时内回复您", "下周一给您答复").
 */
export function detectFollowUpPromise(text: string, now: Date, timeZone: string): FollowUpPromise | null {
  // Chinese ends a sentence with full-width punctuation and no space after it.
  for (const sentence of text.split(/(?<=[.!?])\s+|(?<=[。！？])|\n+/u)) {
    if (isChinesePromise(sentence)) {
      return { dueAt: chineseDue(sentence, now, timeZone), phrase: sentence.trim() };
    }
    const match = promisePatterns.map((pattern) => pattern.exec(sentence)).find((found) => found !== null);
    if (!match) continue;
    return { dueAt: dueFrom(sentence, now, timeZone), phrase: sentence.trim() };
  }
  return null;
}

function chineseDue(sentence: string, now: Date, timeZone: string): Date {
  const today = localDayOf(now.getTime(), timeZone);
  const promised = chinesePromisedTime(sentence, today);
  if (promised && "hoursFromNow" in promised) return new Date(now.getTime() + promised.hoursFromNow * hour);
  const minuteOfDay = promised && "minuteOfDay" in promised ? promised.minuteOfDay : undefined;
  return new Date(localToInstant(promised?.localDay ?? today + 1, minuteOfDay ?? followUpMinuteOfDay, timeZone));
}

function dueFrom(sentence: string, now: Date, timeZone: string): Date {
  const words = wordsOf(sentence);
  const today = localDayOf(now.getTime(), timeZone);
  const morningOf = (day: number) => new Date(localToInstant(day, followUpMinuteOfDay, timeZone));

  const amount = words.findIndex((word, index) => /^\d+$/.test(word) && index + 1 < words.length);
  if (amount >= 0) {
    const count = Number(words[amount]);
    const unit = words[amount + 1] ?? "";
    if (hourWords.includes(unit) && count > 0 && count <= 24 * 14) return new Date(now.getTime() + count * hour);
    if (dayWords.includes(unit) && count > 0 && count <= 90) return morningOf(today + count);
  }
  if (tomorrowWords.some((word) => words.includes(word))) return morningOf(today + 1);
  for (const word of words) {
    const weekday = weekdayNames[word];
    if (!weekday) continue;
    for (let ahead = 1; ahead <= 7; ahead += 1)
      if (weekdayOf(today + ahead) === weekday) return morningOf(today + ahead);
  }
  if (nextWeekPhrases.some((phrase) => hasPhrase(words, phrase))) {
    for (let ahead = 1; ahead <= 7; ahead += 1) if (weekdayOf(today + ahead) === "mon") return morningOf(today + ahead);
  }
  if (todayPhrases.some((phrase) => hasPhrase(words, phrase))) return new Date(now.getTime() + 4 * hour);
  return morningOf(today + 1);
}

import { compileLexicon, type LexiconRow, matchLexicon, quoted, weightOf } from "./lexicon.ts";
import { clamp, round } from "./numbers.ts";

type MoodLabel = "anger" | "urgency" | "cancel" | "repeat" | "gratitude" | "polite";

/**
 * One list per language: English, German, Spanish, French, Chinese. Weights are in units of
 * frustration (before saturation); "polite" phrases score nothing and only shadow their own words.
 */
const moodWords: readonly LexiconRow<MoodLabel>[] = [
  [
    "anger",
    0.6,
    [
      "unacceptable, ridiculous, outrageous, furious, scam, rip off, ripoff, disgrace, worst, fed up, sick of, thanks for nothing, a joke",
      "inakzeptabel, unverschamt, frechheit, unzumutbar, katastrophe, lacherlich, wutend, abzocke",
      "inaceptable, verguenza, indignante, estafa, harto, harta, furioso, furiosa, ridiculo, pesimo",
      "inacceptable, scandaleux, honteux, arnaque, furieux, furieuse, ras le bol, j'en ai marre, ridicule",
      "不可接受, 无法接受, 太离谱, 离谱, 垃圾, 骗子, 气死, 愤怒",
    ],
  ],
  [
    "anger",
    0.35,
    [
      "angry, annoyed, annoying, frustrated, frustrating, disappointed, terrible, awful, horrible, useless, unprofessional, scared, worried, panicking",
      "sauer, verargert, argerlich, enttauscht, frustriert, nervig, schrecklich, nutzlos, besorgt",
      "enojado, molesto, frustrado, decepcionado, decepcionada, horrible, inutil, ayuda!, asustado, asustada, preocupado, preocupada",
      "fache, enerve, frustre, decu, decue, nul, inutile, mise en demeure, inadmissible, prejudice, au secours",
      "生气, 失望, 太差, 糟糕, 没用, 烦死, 救命, 担心",
    ],
  ],
  [
    "urgency",
    0.3,
    [
      "urgent, urgently, asap, as soon as possible, immediately, right now, emergency, critical, deadline",
      "dringend, sofort, umgehend, notfall, kritisch, so schnell wie moglich",
      "urgente, urgencia, inmediatamente, cuanto antes, lo antes posible, critico, de inmediato",
      "immediatement, au plus vite, des que possible, critique, tout de suite",
      "紧急, 急, 马上, 立即, 尽快, 立刻",
    ],
  ],
  [
    "cancel",
    0.35,
    [
      "cancel my, cancelling, canceling, switch to a competitor, switching to, chargeback, take my business elsewhere",
      "kundigen, kundige, kundigung, zur konkurrenz",
      "cancelar mi, darme de baja, me doy de baja, la competencia",
      "resilier, je resilie, annuler mon abonnement, la concurrence",
      "取消订阅, 退订, 换一家, 不再续费",
    ],
  ],
  [
    "repeat",
    0.4,
    [
      "third time, fourth time, again and again, once again, still not, still broken, still doesn't, still isn't, still no, still waiting, nobody answers, no one answers, no response, no reply",
      "dritte mal, schon wieder, immer noch, noch immer, keine antwort",
      "tercera vez, otra vez, de nuevo, todavia no, sigue sin, sigue roto, sin respuesta",
      "troisieme fois, encore une fois, toujours pas, toujours rien, aucune reponse",
      "第三次, 又一次, 还是不行, 还是没有, 仍然, 依然, 没人回复",
    ],
  ],
  [
    "gratitude",
    0.6,
    [
      "thanks, thank you, thx, much appreciated, appreciate it, that fixed it, fixed it, works now, working now, it works, solved, perfect, awesome",
      "danke, vielen dank, dankeschon, funktioniert .. jetzt|wieder, jetzt funktioniert, klappt .. wieder, klappt jetzt, gelost, perfekt, super",
      "gracias, muchas gracias, ya funciona, funciona ahora, resuelto, perfecto, genial",
      "merci, merci beaucoup, ca marche, ca fonctionne, resolu, parfait, genial",
      "谢谢, 感谢, 多谢, 好了, 解决了, 可以了, 太好了",
    ],
  ],
  [
    "polite",
    0,
    [
      "thanks in advance, thank you in advance, thanks for your help, not urgent, no rush",
      "danke im voraus, vielen dank im voraus, nicht dringend",
      "gracias de antemano, gracias por adelantado, no es urgente",
      "merci d'avance, merci par avance, pas urgent",
      "提前谢谢, 先谢谢, 不急",
    ],
  ],
];

const lexicon = compileLexicon(moodWords);

export type MoodInput = {
  customerMessages: { body: string; at: Date }[];
  openedAt: Date;
  now: Date;
  earlierContactsOnSameProblem: number;
};

export type Mood = {
  sentiment: "negative" | "neutral" | "positive";
  /** 0..1 */
  frustration: number;
  /** Human-readable reasons, e.g. "contacted 3 times", "waiting 3 days", "words: 'unacceptable'". */
  signals: string[];
};

const day = 24 * 60 * 60 * 1000;
/** Earlier messages count half: the mood is the customer's now. */
const earlierMessageWeight = 0.5;
/** Frustration units (before saturation) of what is not a word. */
const shouting = 0.3;
const exclaiming = 0.15;
const perRepeatContact = 0.2;
const repeatContactsAtMost = 0.6;
const perDayWaiting = 0.1;
const waitingAtMost = 0.4;
/** A grateful latest message keeps only this share of the rest. */
const gratefulShare = 0.25;
const negativeFrom = 0.4;

function shouts(body: string): boolean {
  const tokens = body.match(/\p{L}{2,}/gu) ?? [];
  const capitals = tokens.filter((token) => token === token.toUpperCase() && token !== token.toLowerCase());
  return capitals.length >= 3 && capitals.length >= tokens.length * 0.3;
}

function exclaims(body: string): boolean {
  return /[!！]{2,}/.test(body) || (body.match(/[!！]/g) ?? []).length >= 3;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

/**
 * How the customer feels now: word lists in five languages (anger, urgency, threats to cancel,
 * "third time"/"still"), shouting, repeat contacts and waiting time. A grateful latest message
 * with nothing negative in it forgives most of the history ("thanks, that fixed it!").
 */
export function assessMood(input: MoodInput): Mood {
  const messages = input.customerMessages;
  const perMessage = messages.map((message) => matchLexicon(message.body, lexicon));
  const latest = perMessage.at(-1) ?? [];
  const weight = (index: number) => (index === messages.length - 1 ? 1 : earlierMessageWeight);
  const strongest = (test: (body: string) => boolean) =>
    Math.max(0, ...messages.map((message, index) => (test(message.body) ? weight(index) : 0)));

  const words = perMessage.reduce(
    (sum, matches, index) => sum + weight(index) * weightOf(matches, "anger", "urgency", "cancel", "repeat"),
    0,
  );
  const shouted = strongest(shouts);
  const exclaimed = strongest(exclaims);
  const contacts = input.earlierContactsOnSameProblem + Math.max(1, messages.length);
  const started = Math.min(input.openedAt.getTime(), ...messages.map((message) => message.at.getTime()));
  const days = Math.max(0, Math.floor((input.now.getTime() - started) / day));

  const latestNegative = weightOf(latest, "anger", "repeat");
  const grateful = weightOf(latest, "gratitude") > 0 && latestNegative + weightOf(latest, "cancel") === 0;
  const raw =
    words +
    shouting * shouted +
    exclaiming * exclaimed +
    Math.min(repeatContactsAtMost, perRepeatContact * (contacts - 1)) +
    Math.min(waitingAtMost, perDayWaiting * days);
  const frustration = round(clamp(1 - Math.exp(-raw * (grateful ? gratefulShare : 1))));

  let sentiment: Mood["sentiment"] = "neutral";
  if (frustration >= negativeFrom || (!grateful && latestNegative > 0)) sentiment = "negative";
  else if (grateful) sentiment = "positive";

  const found = perMessage.flat();
  const complaints = found.filter((match) => match.weight > 0 && match.label !== "gratitude");
  const thanks = latest.filter((match) => match.label === "gratitude");
  const signals: string[] = [];
  if (contacts >= 2) signals.push(`contacted ${contacts} times`);
  if (days >= 1) signals.push(`waiting ${plural(days, "day")}`);
  if (complaints.length > 0) signals.push(`words: ${quoted(complaints)}`);
  if (shouted > 0) signals.push("all-caps");
  if (exclaimed > 0) signals.push("exclamation marks");
  if (thanks.length > 0) signals.push(`thanks: ${quoted(thanks)}`);
  return { sentiment, frustration, signals };
}

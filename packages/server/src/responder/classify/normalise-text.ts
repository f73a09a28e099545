import { stem } from "../retrieval/porter-stemmer.ts";

const contractions: [RegExp, string][] = [
  [/\bwon't\b/g, "will not"],
  [/\bcan't\b/g, "can not"],
  [/\bcannot\b/g, "can not"],
  [/\bain't\b/g, "is not"],
  [/n't\b/g, " not"],
  [/'m\b/g, " am"],
  [/'re\b/g, " are"],
  [/'ve\b/g, " have"],
  [/'ll\b/g, " will"],
  [/'d\b/g, " would"],
  [/'s\b/g, ""],
];

/** Lower-cased words of a text, contractions spelled out, accents dropped and every digit written as 0. */
export function textWords(text: string): string[] {
  let normal = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\u2018\u2019`´]/g, "'")
    .replace(/[0-9]/g, "0");
  for (const [pattern, replacement] of contractions) normal = normal.replace(pattern, replacement);
  return normal.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * English function words. They say nothing about a topic, yet in a small training set they are not
 * rare enough for inverse document frequency to discount them.
 */
export const functionWords: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being below between
  both but by can could did do does doing down during each few for from further had has have having he her here
  hers herself him himself his how i if in into is it its itself just let me more most my myself no nor not now
  of off on once only or other our ours ourselves out over own same she should so some such than that the their
  theirs them themselves then there these they this those through to too under until up very was we were what
  when where which while who whom why will with would you your yours yourself yourselves hi hello please thanks
  thank ok okay yes get got`
    .split(/\s+/)
    .map(stem),
);

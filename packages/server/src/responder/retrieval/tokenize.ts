import { stem } from "./porter-stemmer.ts";
import { stopWords } from "./stop-words.ts";

const wordPattern = /[\p{L}\p{N}]+/gu;
const combiningMarks = /\p{M}+/gu;
const letters = /^\p{L}+$/u;

/**
 * Forms the stemmer cannot bring together: irregular verbs ("paid" and "pay"), a few nouns made
 * from verbs ("closure" and "close") and the calendar adjectives ("monthly" and "month"), so a
 * question in one form finds articles in another.
 */
const baseForms = new Map(
  Object.entries({
    paid: "pay",
    sent: "send",
    spent: "spend",
    bought: "buy",
    sold: "sell",
    made: "make",
    gave: "give",
    given: "give",
    took: "take",
    taken: "take",
    got: "get",
    gotten: "get",
    chose: "choose",
    chosen: "choose",
    lost: "lose",
    stole: "steal",
    stolen: "steal",
    forgot: "forget",
    forgotten: "forget",
    froze: "freeze",
    frozen: "freeze",
    left: "leave",
    kept: "keep",
    held: "hold",
    won: "win",
    went: "go",
    gone: "go",
    came: "come",
    began: "begin",
    begun: "begin",
    wrote: "write",
    written: "write",
    broke: "break",
    broken: "break",
    daily: "day",
    weekly: "week",
    monthly: "month",
    yearly: "year",
    closure: "close",
    closures: "close",
    failure: "fail",
    failures: "fail",
  }),
);

/**
 * The index terms of a text, in order: lower-cased, accents removed, stop words dropped,
 * stemmed. Identifiers such as `open_bank_account` split into their words; a possessive "'s"
 * is dropped with the other one-letter leftovers.
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  const normalised = text.normalize("NFKD").replace(combiningMarks, "").toLowerCase();
  for (const [word] of normalised.matchAll(wordPattern)) {
    if (word.length < 2 || stopWords.has(word)) continue;
    terms.push(letters.test(word) ? stemmed(word) : word);
  }
  return terms;
}

// A workspace's vocabulary is small next to its text, so each word is stemmed once.
const stems = new Map<string, string>();
const maximumRemembered = 100_000;

function stemmed(word: string): string {
  let result = stems.get(word);
  if (result === undefined) {
    result = stem(baseForms.get(word) ?? word);
    if (stems.size >= maximumRemembered) stems.clear();
    stems.set(word, result);
  }
  return result;
}

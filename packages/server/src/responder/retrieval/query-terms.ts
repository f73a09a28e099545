import { type FieldIndex, phrase, type WeightedTerm } from "./field-index.ts";
import { synonyms } from "./synonyms.ts";
import { tokenize } from "./tokenize.ts";

export type QuerySettings = {
  /** Weight of an adjacent pair of query words that also stands together in an article. */
  phraseWeight: number;
  /** How much a body match of a name counts next to a body match of an ordinary word. */
  nameBodyShare: number;
  /** Weight of a synonym next to the word it stands for, in a short question. */
  synonymWeight: number;
  /** Up to this many distinct words a question is short; synonyms fade out beyond it. */
  shortQuestionTerms: number;
};

const contactDetails = /\S+@\S+|https?:\/\/\S+/g;
const wordPattern = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
const sentenceBoundary = /[.!?:;"“(*#|•>-]/;

/**
 * The weighted terms of a question. Long questions are mostly narrative, so each word counts as
 * often as it is repeated, scaled by how bursty it is in the articles (words an article is about
 * recur in it; incidental words appear once). Capitalised words inside sentences are names:
 * people, places and products. A name is what an article's title is about, while bodies mention
 * other products in passing, so a name's body matches count for less.
 */
export function weighQuery(question: string, index: FieldIndex, settings: QuerySettings): Map<string, WeightedTerm> {
  const text = question.replace(contactDetails, " ");
  const terms = tokenize(text);
  const names = nameTerms(text);
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);

  const weighted = new Map<string, WeightedTerm>();
  for (const [term, count] of counts) {
    if (!index.has(term)) continue;
    const capitalised = names.get(term) ?? 0;
    weighted.set(term, {
      weight: count * index.burstiness(term),
      bodyShare: capitalised * 2 >= count ? settings.nameBodyShare : 1,
    });
  }
  for (let position = 0; position + 1 < terms.length; position++) {
    const pair = phrase(terms[position] as string, terms[position + 1] as string);
    if (!index.has(pair)) continue;
    const previous = weighted.get(pair)?.weight ?? 0;
    weighted.set(pair, { weight: previous + settings.phraseWeight, bodyShare: 1 });
  }

  // Synonyms bridge the few words of a short question to an article's words; in a long one
  // they mostly add noise, so they fade out as the question grows.
  const fade = Math.min(1, (settings.shortQuestionTerms / Math.max(1, counts.size)) ** 2);
  const share = settings.synonymWeight * fade;
  if (share >= 0.01) {
    for (const [term, count] of counts) {
      const alternatives = (synonyms.get(term) ?? [])
        .filter((synonym) => !counts.has(synonym) && index.has(synonym))
        .map((synonym) => ({ term: synonym, share }));
      if (alternatives.length === 0) continue;
      const known = weighted.get(term);
      weighted.set(term, { weight: known?.weight ?? count, bodyShare: known?.bodyShare ?? 1, alternatives });
    }
  }
  return weighted;
}

/** How often each term occurs capitalised in the middle of a sentence (not in ALL CAPS). */
function nameTerms(text: string): Map<string, number> {
  const names = new Map<string, number>();
  for (const match of text.matchAll(wordPattern)) {
    const word = match[0];
    const first = word[0] as string;
    if (first === first.toLowerCase() || word === word.toUpperCase()) continue;
    if (startsSentence(text, match.index)) continue;
    for (const term of tokenize(word)) names.set(term, (names.get(term) ?? 0) + 1);
  }
  return names;
}

function startsSentence(text: string, position: number): boolean {
  let index = position - 1;
  while (index >= 0 && /\s/.test(text[index] as string)) index--;
  return index < 0 || sentenceBoundary.test(text[index] as string);
}

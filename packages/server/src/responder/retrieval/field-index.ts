import { tokenize } from "./tokenize.ts";

export type IndexedDocument = { title: string; body: string };

/** How title and body matches add up (BM25F). */
export type FieldWeights = {
  titleWeight: number;
  titleLengthNormalisation: number;
  bodyLengthNormalisation: number;
  saturation: number;
};

/**
 * A query term's weight, how much a match in the body counts next to one in the title, and
 * other words that count as the term at a share of a match (synonyms).
 */
export type WeightedTerm = {
  weight: number;
  bodyShare: number;
  alternatives?: { term: string; share: number }[];
};

type Postings = { documents: number[]; title: number[]; body: number[] };

export type FieldIndex = {
  count: number;
  /** Whether any document has the term, or the phrase made with phrase(). */
  has(term: string): boolean;
  /** Occurrences per document that has the term: high for words an article is about. */
  burstiness(term: string): number;
  score(terms: Map<string, WeightedTerm>): Float64Array;
};

/** Two adjacent terms, indexed like a term so that phrases count more than scattered words. */
export function phrase(first: string, second: string): string {
  return `${first} ${second}`;
}

/**
 * Postings of every term and adjacent pair of terms, with their frequencies in the title and in
 * the body, scored with BM25F: each field's frequency is normalised by that field's length,
 * weighted, summed, and only then saturated, so a title match weighs more than a body match,
 * yet a word found in both fields saturates once instead of counting twice.
 */
export function createFieldIndex(documents: IndexedDocument[], weights: FieldWeights): FieldIndex {
  const vocabulary = new Map<string, number>();
  const postings = new Map<number, Postings>();
  const size = documents.length;
  const titleLengths = new Float64Array(size);
  const bodyLengths = new Float64Array(size);

  const number = (term: string) => {
    let known = vocabulary.get(term);
    if (known === undefined) {
      known = vocabulary.size;
      vocabulary.set(term, known);
    }
    return known;
  };

  const tokenized = documents.map((document, position) => {
    const title = tokenize(document.title).map(number);
    const body = tokenize(document.body).map(number);
    titleLengths[position] = title.length;
    bodyLengths[position] = body.length;
    return [title, body] as const;
  });
  // A pair of terms is keyed above every single term's number (small keys hash fastest).
  const pairBase = vocabulary.size + 1;
  const pairKey = (first: number, second: number) => (first + 1) * pairBase + second;

  tokenized.forEach(([title, body], position) => {
    // Frequencies per field first, so the shared postings are touched once per distinct key.
    const titleCounts = countKeys(title, pairKey);
    const bodyCounts = countKeys(body, pairKey);
    const add = (key: number, inTitle: number, inBody: number) => {
      let entry = postings.get(key);
      if (!entry) {
        entry = { documents: [], title: [], body: [] };
        postings.set(key, entry);
      }
      entry.documents.push(position);
      entry.title.push(inTitle);
      entry.body.push(inBody);
    };
    for (const [key, inTitle] of titleCounts) add(key, inTitle, bodyCounts.get(key) ?? 0);
    for (const [key, inBody] of bodyCounts) if (!titleCounts.has(key)) add(key, 0, inBody);
  });

  const find = (term: string): Postings | undefined => {
    const space = term.indexOf(" ");
    if (space < 0) {
      const known = vocabulary.get(term);
      return known === undefined ? undefined : postings.get(known);
    }
    const first = vocabulary.get(term.slice(0, space));
    const second = vocabulary.get(term.slice(space + 1));
    return first === undefined || second === undefined ? undefined : postings.get(pairKey(first, second));
  };

  const titleNormaliser = lengthNormaliser(titleLengths, weights.titleLengthNormalisation);
  const bodyNormaliser = lengthNormaliser(bodyLengths, weights.bodyLengthNormalisation);
  const inverseFrequency = (documentCount: number) =>
    Math.log(1 + (size - documentCount + 0.5) / (documentCount + 0.5));

  return {
    count: size,
    has: (term) => find(term) !== undefined,
    burstiness(term) {
      const entry = find(term);
      if (!entry) return 0;
      let occurrences = 0;
      for (let index = 0; index < entry.documents.length; index++) {
        occurrences += (entry.title[index] as number) + (entry.body[index] as number);
      }
      return occurrences / entry.documents.length;
    },
    score(terms) {
      const scores = new Float64Array(size);
      const frequencies = new Float64Array(size);
      const seen = new Uint8Array(size);
      const touched: number[] = [];
      for (const [term, { weight, bodyShare, alternatives = [] }] of terms) {
        if (weight <= 0) continue;
        // The term and its alternatives are one concept: their frequencies add up before the
        // saturation, so an article is not paid once per synonym it happens to use.
        const own = find(term);
        for (const [postings, share] of [
          [own, 1] as const,
          ...alternatives.map(({ term: other, share }) => [find(other), share] as const),
        ]) {
          if (!postings || share <= 0) continue;
          for (let index = 0; index < postings.documents.length; index++) {
            const document = postings.documents[index] as number;
            if (seen[document] === 0) {
              seen[document] = 1;
              touched.push(document);
            }
            frequencies[document] =
              (frequencies[document] as number) +
              share *
                ((weights.titleWeight * (postings.title[index] as number)) / (titleNormaliser[document] as number) +
                  (bodyShare * (postings.body[index] as number)) / (bodyNormaliser[document] as number));
          }
        }
        const idf = inverseFrequency(own ? own.documents.length : touched.length);
        for (const document of touched) {
          const frequency = frequencies[document] as number;
          scores[document] =
            (scores[document] as number) + (weight * idf * frequency) / (weights.saturation + frequency);
          frequencies[document] = 0;
          seen[document] = 0;
        }
        touched.length = 0;
      }
      return scores;
    },
  };
}

function countKeys(terms: number[], pairKey: (first: number, second: number) => number): Map<number, number> {
  const counts = new Map<number, number>();
  for (let index = 0; index < terms.length; index++) {
    const term = terms[index] as number;
    counts.set(term, (counts.get(term) ?? 0) + 1);
    const next = terms[index + 1];
    if (next !== undefined) {
      const pair = pairKey(term, next);
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
  }
  return counts;
}

function lengthNormaliser(lengths: Float64Array, strength: number): Float64Array {
  let total = 0;
  for (const length of lengths) total += length;
  const average = total > 0 ? total / lengths.length : 1;
  return lengths.map((length) => 1 - strength + (strength * length) / average);
}

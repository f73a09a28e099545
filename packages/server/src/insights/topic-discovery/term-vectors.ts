/**
 * TF-IDF vectors of short support texts (a subject and the customer's first message): words and
 * adjacent-word pairs, sublinear term frequency, smoothed inverse document frequency, unit length.
 */

export type SparseVector = { terms: Int32Array; weights: Float64Array };

export type TermVectors = { vocabulary: string[]; vectors: SparseVector[] };

// Function words of the languages the responder speaks, plus what every support message says.
const stopWords = new Set(
  (
    "a an and are as at be been but by can could did do does doing for from had has have hello hi how i if in into is it its " +
    "just me my no not of on or our please so some than thank thanks that the their them then there these they this to too " +
    "up us was we were what when where which while who why will with would you your yours am any all also get got one again " +
    "still since need want know like dear regards best team help support hey ok okay yes today yesterday now issue problem " +
    "der die das und ist nicht ich sie wir ein eine mit für auf von zu den dem des im es bitte danke hallo mein meine " +
    "el la los las y es no yo mi mis un una con por para de del en que se lo hola gracias favor " +
    "le les et est pas je mon ma mes un une avec pour sur de du des en que qui bonjour merci vous nous"
  ).split(" "),
);

/** Lower-case words of at least three characters that say something, in order. */
export function significantTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((word) => word.length >= 3 && !stopWords.has(word) && !/^\d+$/.test(word));
}

function termsOf(text: string): string[] {
  const words = significantTerms(text);
  const pairs = words.slice(1).map((word, index) => `${words[index]} ${word}`);
  return [...words, ...pairs];
}

/**
 * Vectors over the terms that occur in at least `minDocuments` texts and in no more than
 * `maxDocumentShare` of them (a term in nearly every text separates nothing).
 */
export function buildTermVectors(
  texts: readonly string[],
  options: { minDocuments?: number; maxDocumentShare?: number } = {},
): TermVectors {
  const minDocuments = options.minDocuments ?? 2;
  const maxDocuments = Math.max(minDocuments, Math.floor(texts.length * (options.maxDocumentShare ?? 0.5)));
  const counted = texts.map((text) => {
    const counts = new Map<string, number>();
    for (const term of termsOf(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
    return counts;
  });
  const documentFrequency = new Map<string, number>();
  for (const counts of counted) {
    for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const vocabulary = [...documentFrequency.entries()]
    .filter(([, frequency]) => frequency >= minDocuments && frequency <= maxDocuments)
    .map(([term]) => term)
    .sort();
  const index = new Map(vocabulary.map((term, position) => [term, position]));
  const inverse = vocabulary.map((term) => Math.log((1 + texts.length) / (1 + (documentFrequency.get(term) ?? 0))) + 1);

  const vectors = counted.map((counts) => {
    const entries: [number, number][] = [];
    for (const [term, count] of counts) {
      const position = index.get(term);
      if (position === undefined) continue;
      entries.push([position, (1 + Math.log(count)) * (inverse[position] as number)]);
    }
    entries.sort((left, right) => left[0] - right[0]);
    const norm = Math.sqrt(entries.reduce((sum, [, weight]) => sum + weight * weight, 0)) || 1;
    return {
      terms: Int32Array.from(entries, ([position]) => position),
      weights: Float64Array.from(entries, ([, weight]) => weight / norm),
    };
  });
  return { vocabulary, vectors };
}

/** Cosine similarity of a unit sparse vector with a dense vector. */
export function dotDense(vector: SparseVector, dense: Float64Array): number {
  let sum = 0;
  for (let entry = 0; entry < vector.terms.length; entry++) {
    sum += (vector.weights[entry] as number) * (dense[vector.terms[entry] as number] as number);
  }
  return sum;
}

/** Cosine similarity of two unit sparse vectors (terms sorted ascending). */
export function dotSparse(left: SparseVector, right: SparseVector): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < left.terms.length && j < right.terms.length) {
    const a = left.terms[i] as number;
    const b = right.terms[j] as number;
    if (a === b) {
      sum += (left.weights[i] as number) * (right.weights[j] as number);
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return sum;
}

import { stem } from "../retrieval/porter-stemmer.ts";
import { functionWords, textWords } from "./normalise-text.ts";

/** A sparse vector: feature numbers in increasing order and their values. */
export type SparseVector = { indices: Int32Array; values: Float32Array };

export type FeatureSpace = {
  size: number;
  /** 1 for the word features that name something: not only function words, not character n-grams. */
  contentFeatures: Uint8Array;
  vectorise(text: string): SparseVector;
};

/** Character n-grams of these lengths, taken within each word padded by spaces, catch typos and word forms. */
const shortestCharacters = 2;
const longestCharacters = 5;

type TermCounts = { words: Map<string, number>; characters: Map<string, number> };

function countTerms(text: string): TermCounts {
  const counts: TermCounts = { words: new Map(), characters: new Map() };
  const add = (terms: Map<string, number>, term: string) => terms.set(term, (terms.get(term) ?? 0) + 1);
  const words = textWords(text);
  const stems = words.map(stem);
  stems.forEach((current, position) => {
    add(counts.words, current);
    if (position > 0) add(counts.words, `${stems[position - 1]} ${current}`);
  });
  for (const word of words) {
    const padded = ` ${word} `;
    for (let length = shortestCharacters; length <= Math.min(longestCharacters, padded.length); length++) {
      for (let start = 0; start + length <= padded.length; start++)
        add(counts.characters, padded.slice(start, start + length));
    }
  }
  return counts;
}

/**
 * Learns a TF-IDF vocabulary from training texts: word uni- and bigrams (stemmed) and character n-grams,
 * sublinear term frequency, each of the two blocks scaled to unit length so that neither drowns the other.
 * A term must occur in `minimumDocuments` texts. Returns the space with the training texts' vectors.
 */
export function fitFeatureSpace(
  texts: readonly string[],
  minimumDocuments: number,
): { space: FeatureSpace; vectors: SparseVector[] } {
  const counted = texts.map(countTerms);
  const blocks = ["words", "characters"] as const;
  const vocabularies = { words: new Map<string, number>(), characters: new Map<string, number>() };
  const documentFrequencies: number[] = [];
  const content: number[] = [];
  for (const block of blocks) {
    const frequency = new Map<string, number>();
    for (const counts of counted)
      for (const term of counts[block].keys()) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    // Sorted, so that feature numbers do not depend on the order of the training texts.
    for (const term of [...frequency.keys()].sort()) {
      const documents = frequency.get(term) as number;
      if (documents < minimumDocuments) continue;
      vocabularies[block].set(term, documentFrequencies.length);
      documentFrequencies.push(documents);
      content.push(block === "words" && term.split(" ").some((word) => !functionWords.has(word)) ? 1 : 0);
    }
  }
  const inverseFrequency = documentFrequencies.map((documents) => Math.log((1 + texts.length) / (1 + documents)) + 1);

  const toVector = (counts: TermCounts): SparseVector => {
    const entries: [number, number][] = [];
    let filledBlocks = 0;
    for (const block of blocks) {
      const first = entries.length;
      let squares = 0;
      for (const [term, count] of counts[block]) {
        const index = vocabularies[block].get(term);
        if (index === undefined) continue;
        const value = (1 + Math.log(count)) * (inverseFrequency[index] as number);
        entries.push([index, value]);
        squares += value * value;
      }
      if (squares === 0) continue;
      filledBlocks++;
      for (const entry of entries.slice(first)) entry[1] /= Math.sqrt(squares);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const scale = filledBlocks > 0 ? 1 / Math.sqrt(filledBlocks) : 0;
    return {
      indices: Int32Array.from(entries, (entry) => entry[0]),
      values: Float32Array.from(entries, (entry) => entry[1] * scale),
    };
  };

  return {
    space: {
      size: documentFrequencies.length,
      contentFeatures: Uint8Array.from(content),
      vectorise: (text) => toVector(countTerms(text)),
    },
    vectors: counted.map(toVector),
  };
}

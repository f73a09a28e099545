import { tokenize } from "./tokenize.ts";

/**
 * Words that mark an article as the overview of its subject ("Savings Account: Complete Guide",
 * "Getting Started with X"). General knowledge-base vocabulary, not any workspace's.
 */
const overviewWords = new Set(tokenize("overview guide glance summary introduction basics getting started"));

export type Siblings = {
  isOverview(document: number): boolean;
  /** Cosine similarity of the document's title to every other overview's title. */
  overviewSimilarities(document: number): Float64Array;
};

/**
 * Knowledge bases describe a family of products with one overview article each, titled alike
 * ("Getting Started with Blue", "Getting Started with Green"). A question that finds some of
 * them usually needs the others too (to compare or choose), so overviews lend each other score
 * in proportion to how alike their titles are.
 */
export function findSiblings(titles: string[]): Siblings {
  const count = titles.length;
  const termsByTitle = titles.map((title) => tokenize(title));
  const overview = termsByTitle.map((terms) => terms.some((term) => overviewWords.has(term)));

  const titlesWith = new Map<string, number[]>();
  termsByTitle.forEach((terms, document) => {
    if (!overview[document]) return;
    for (const term of new Set(terms)) {
      const list = titlesWith.get(term) ?? [];
      list.push(document);
      titlesWith.set(term, list);
    }
  });
  const overviewCount = overview.filter(Boolean).length;
  const vectors = termsByTitle.map((terms, document) => {
    const vector = new Map<string, number>();
    if (!overview[document]) return vector;
    for (const term of terms) vector.set(term, (vector.get(term) ?? 0) + 1);
    let total = 0;
    for (const [term, frequency] of vector) {
      const weight = frequency * Math.log(overviewCount / (titlesWith.get(term)?.length ?? 1));
      vector.set(term, weight);
      total += weight * weight;
    }
    const norm = Math.sqrt(total) || 1;
    for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  });

  return {
    isOverview: (document) => overview[document] ?? false,
    overviewSimilarities(document) {
      const similarities = new Float64Array(count);
      for (const [term, weight] of vectors[document] ?? []) {
        for (const other of titlesWith.get(term) ?? []) {
          if (other === document) continue;
          const otherWeight = (vectors[other] as Map<string, number>).get(term) ?? 0;
          similarities[other] = (similarities[other] as number) + weight * otherWeight;
        }
      }
      return similarities;
    },
  };
}

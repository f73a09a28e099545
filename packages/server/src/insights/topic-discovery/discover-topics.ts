import { chooseClustering, seededRandom } from "./spherical-k-means.ts";
import { buildTermVectors, dotDense, type SparseVector } from "./term-vectors.ts";

/**
 * Topics found in tickets nobody has given one: their texts are clustered (TF-IDF, spherical
 * k-means, k chosen by silhouette) and each cluster is labelled from its heaviest terms, for the
 * team to name and keep. Pure: the same texts always give the same topics.
 */

export type TopicDocument = { ticketId: string; text: string };

export type DiscoveredTopic = {
  /** A suggestion built from the key terms; the team names the topic when they keep it. */
  label: string;
  keyTerms: string[];
  ticketIds: string[];
  /** Mean cosine similarity of the cluster's texts to its centre, 0–1. */
  cohesion: number;
};

export type TopicDiscovery = {
  topics: DiscoveredTopic[];
  /** Tickets in no topic: too few like them, or nothing in common with the rest. */
  unclustered: string[];
  /** How well the clusters separate (mean silhouette, -1–1); null when nothing was clustered. */
  silhouette: number | null;
};

export type DiscoveryOptions = {
  /** Fewer tickets than this do not make a topic. */
  minTopicSize?: number;
  maxTopics?: number;
  /** A cluster whose texts are less alike than this (cohesion) is not offered as a topic. */
  minCohesion?: number;
  /** Clusters are fitted on at most this many texts; the rest join their nearest cluster. */
  maxFittedDocuments?: number;
};

const keyTermCount = 5;

export function discoverTopics(given: readonly TopicDocument[], options: DiscoveryOptions = {}): TopicDiscovery {
  // One canonical order, so that the seeded clustering does not depend on the order tickets came in.
  const documents = [...given].sort((left, right) => compareIds(left.ticketId, right.ticketId));
  const minTopicSize = options.minTopicSize ?? 3;
  const maxTopics = options.maxTopics ?? 12;
  const minCohesion = options.minCohesion ?? 0.2;
  const nothing: TopicDiscovery = { topics: [], unclustered: documents.map((d) => d.ticketId), silhouette: null };
  if (documents.length < 2 * minTopicSize) return nothing;

  const { vocabulary, vectors } = buildTermVectors(documents.map((document) => document.text));
  if (vocabulary.length === 0) return nothing;
  const fitted = fittedSubset(vectors.length, options.maxFittedDocuments ?? 2_000);
  const fittedVectors = fitted.map((index) => vectors[index] as SparseVector);
  const largestK = Math.min(maxTopics, Math.floor(fittedVectors.length / minTopicSize));
  const candidates = Array.from({ length: Math.max(0, largestK - 1) }, (_, offset) => offset + 2);
  const chosen = chooseClustering(fittedVectors, vocabulary.length, candidates);
  if (!chosen) return nothing;
  const clustering = { ...chosen, centroids: mergeAlikeCentroids(chosen.centroids) };

  const members = clustering.centroids.map((): number[] => []);
  const similarity = new Float64Array(vectors.length);
  const unclustered: string[] = [];
  vectors.forEach((vector, index) => {
    if (vector.terms.length === 0) {
      unclustered.push((documents[index] as TopicDocument).ticketId);
      return;
    }
    let best = -1;
    let bestSimilarity = 0;
    clustering.centroids.forEach((centroid, cluster) => {
      const value = dotDense(vector, centroid);
      if (value > bestSimilarity) {
        bestSimilarity = value;
        best = cluster;
      }
    });
    if (best < 0) unclustered.push((documents[index] as TopicDocument).ticketId);
    else {
      (members[best] as number[]).push(index);
      similarity[index] = bestSimilarity;
    }
  });

  const topics: DiscoveredTopic[] = [];
  members.forEach((indexes, cluster) => {
    const cohesion = indexes.reduce((sum, index) => sum + (similarity[index] as number), 0) / (indexes.length || 1);
    const ticketIds = indexes.map((index) => (documents[index] as TopicDocument).ticketId);
    if (indexes.length < minTopicSize || cohesion < minCohesion) {
      unclustered.push(...ticketIds);
      return;
    }
    const keyTerms = heaviestTerms(clustering.centroids[cluster] as Float64Array, vocabulary, keyTermCount);
    topics.push({ label: labelOf(keyTerms), keyTerms, ticketIds, cohesion });
  });
  topics.sort((left, right) => right.ticketIds.length - left.ticketIds.length || left.label.localeCompare(right.label));
  return { topics, unclustered, silhouette: clustering.silhouette };
}

const compareIds = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);

/**
 * The silhouette sometimes prefers splitting one subject by a side word ("reset email" and "reset
 * link"); centres this alike are one topic for a support team, so they are merged back.
 */
const mergeSimilarity = 0.5;

function mergeAlikeCentroids(centroids: readonly Float64Array[]): Float64Array[] {
  const merged = [...centroids];
  for (;;) {
    let best: [number, number] | null = null;
    let bestSimilarity = mergeSimilarity;
    for (let left = 0; left < merged.length; left++) {
      for (let right = left + 1; right < merged.length; right++) {
        const similarity = dotProduct(merged[left] as Float64Array, merged[right] as Float64Array);
        if (similarity >= bestSimilarity) {
          bestSimilarity = similarity;
          best = [left, right];
        }
      }
    }
    if (!best) return merged;
    const [left, right] = best;
    const other = merged[right] as Float64Array;
    const sum = (merged[left] as Float64Array).map((value, term) => value + (other[term] as number));
    const norm = Math.sqrt(sum.reduce((total, value) => total + value * value, 0)) || 1;
    merged[left] = sum.map((value) => value / norm);
    merged.splice(right, 1);
  }
}

function dotProduct(left: Float64Array, right: Float64Array): number {
  let sum = 0;
  for (let term = 0; term < left.length; term++) sum += (left[term] as number) * (right[term] as number);
  return sum;
}

/** At most `limit` indexes spread over the whole list, chosen by a fixed seed. */
function fittedSubset(count: number, limit: number): number[] {
  const indexes = Array.from({ length: count }, (_, index) => index);
  if (count <= limit) return indexes;
  const random = seededRandom(11);
  for (let position = 0; position < limit; position++) {
    const swap = position + Math.floor(random() * (count - position));
    [indexes[position], indexes[swap]] = [indexes[swap] as number, indexes[position] as number];
  }
  return indexes.slice(0, limit).sort((left, right) => left - right);
}

function heaviestTerms(centroid: Float64Array, vocabulary: readonly string[], count: number): string[] {
  return [...centroid.keys()]
    .sort((left, right) => (centroid[right] as number) - (centroid[left] as number) || left - right)
    .slice(0, count)
    .filter((index) => (centroid[index] as number) > 0)
    .map((index) => vocabulary[index] as string);
}

/**
 * The heaviest phrase when a two-word term is among the key terms ("password reset"), else the two
 * heaviest words ("refund / charge").
 */
export function labelOf(keyTerms: readonly string[]): string {
  const phrase = keyTerms.slice(0, 3).find((term) => term.includes(" "));
  const words = keyTerms.filter((term) => !term.includes(" "));
  const label = phrase ?? words.slice(0, 2).join(" / ");
  return label.charAt(0).toUpperCase() + label.slice(1);
}

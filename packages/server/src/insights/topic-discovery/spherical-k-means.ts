import { dotDense, dotSparse, type SparseVector } from "./term-vectors.ts";

/**
 * Spherical k-means (cosine similarity, unit centroids) with k-means++ seeding, and the choice of k
 * by the mean silhouette on a sample. Deterministic: the same texts give the same clusters.
 */

export type Clustering = {
  k: number;
  /** Cluster of each vector; -1 for a vector with no known term. */
  assignment: Int32Array;
  centroids: Float64Array[];
  silhouette: number;
};

/** A small seeded generator (mulberry32): reproducible clusters without Math.random. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function kMeans(
  vectors: readonly SparseVector[],
  dimensions: number,
  k: number,
  options: { seed?: number; iterations?: number } = {},
): Omit<Clustering, "silhouette"> {
  const random = seededRandom(options.seed ?? 7);
  const usable = vectors.map((_, index) => index).filter((index) => (vectors[index]?.terms.length ?? 0) > 0);
  const centroids = seedCentroids(vectors, usable, dimensions, k, random);
  const assignment = new Int32Array(vectors.length).fill(-1);
  for (let iteration = 0; iteration < (options.iterations ?? 20); iteration++) {
    let moved = 0;
    for (const index of usable) {
      const best = nearestCentroid(vectors[index] as SparseVector, centroids);
      if (assignment[index] !== best) {
        assignment[index] = best;
        moved++;
      }
    }
    recomputeCentroids(vectors, assignment, centroids, dimensions);
    if (moved === 0) break;
  }
  return { k: centroids.length, assignment, centroids };
}

function seedCentroids(
  vectors: readonly SparseVector[],
  usable: readonly number[],
  dimensions: number,
  k: number,
  random: () => number,
): Float64Array[] {
  const centroids: Float64Array[] = [];
  if (usable.length === 0) return centroids;
  const toDense = (vector: SparseVector) => {
    const dense = new Float64Array(dimensions);
    vector.terms.forEach((term, entry) => {
      dense[term] = vector.weights[entry] as number;
    });
    return dense;
  };
  centroids.push(toDense(vectors[usable[Math.floor(random() * usable.length)] as number] as SparseVector));
  // Distance to the nearest chosen centroid (1 - cosine), squared, as the k-means++ weight.
  const distance = usable.map((index) => 1 - dotDense(vectors[index] as SparseVector, centroids[0] as Float64Array));
  while (centroids.length < Math.min(k, usable.length)) {
    const total = distance.reduce((sum, value) => sum + value * value, 0);
    if (total <= 1e-12) break;
    let target = random() * total;
    let chosen = usable.length - 1;
    for (let position = 0; position < usable.length; position++) {
      target -= (distance[position] as number) ** 2;
      if (target <= 0) {
        chosen = position;
        break;
      }
    }
    const centroid = toDense(vectors[usable[chosen] as number] as SparseVector);
    centroids.push(centroid);
    usable.forEach((index, position) => {
      const value = 1 - dotDense(vectors[index] as SparseVector, centroid);
      if (value < (distance[position] as number)) distance[position] = value;
    });
  }
  return centroids;
}

function nearestCentroid(vector: SparseVector, centroids: readonly Float64Array[]): number {
  let best = 0;
  let bestSimilarity = Number.NEGATIVE_INFINITY;
  centroids.forEach((centroid, cluster) => {
    const similarity = dotDense(vector, centroid);
    if (similarity > bestSimilarity) {
      bestSimilarity = similarity;
      best = cluster;
    }
  });
  return best;
}

function recomputeCentroids(
  vectors: readonly SparseVector[],
  assignment: Int32Array,
  centroids: Float64Array[],
  dimensions: number,
): void {
  const sums = centroids.map(() => new Float64Array(dimensions));
  vectors.forEach((vector, index) => {
    const cluster = assignment[index] as number;
    if (cluster < 0) return;
    const sum = sums[cluster] as Float64Array;
    vector.terms.forEach((term, entry) => {
      sum[term] = (sum[term] as number) + (vector.weights[entry] as number);
    });
  });
  sums.forEach((sum, cluster) => {
    const norm = Math.sqrt(sum.reduce((total, value) => total + value * value, 0));
    // An empty cluster keeps its old centroid.
    if (norm > 0) centroids[cluster] = sum.map((value) => value / norm);
  });
}

/** Mean silhouette (cosine distance) over the sampled vectors; higher is better separated. */
export function meanSilhouette(
  vectors: readonly SparseVector[],
  assignment: Int32Array,
  sample: readonly number[],
): number {
  const members = sample.filter((index) => (assignment[index] as number) >= 0);
  if (members.length < 2) return 0;
  let total = 0;
  for (const index of members) {
    const own = assignment[index] as number;
    const distances = new Map<number, { sum: number; count: number }>();
    for (const other of members) {
      if (other === index) continue;
      const cluster = assignment[other] as number;
      const entry = distances.get(cluster) ?? { sum: 0, count: 0 };
      entry.sum += 1 - dotSparse(vectors[index] as SparseVector, vectors[other] as SparseVector);
      entry.count += 1;
      distances.set(cluster, entry);
    }
    const ownEntry = distances.get(own);
    if (!ownEntry) continue; // a singleton's silhouette is 0
    const a = ownEntry.sum / ownEntry.count;
    let b = Number.POSITIVE_INFINITY;
    for (const [cluster, entry] of distances) if (cluster !== own) b = Math.min(b, entry.sum / entry.count);
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b);
  }
  return total / members.length;
}

/** Tries each k in range and keeps the clustering with the best mean silhouette. */
export function chooseClustering(
  vectors: readonly SparseVector[],
  dimensions: number,
  candidates: readonly number[],
  options: { seed?: number; sampleSize?: number } = {},
): Clustering | null {
  const random = seededRandom((options.seed ?? 7) + 1);
  const indexes = vectors.map((_, index) => index);
  const sampleSize = options.sampleSize ?? 400;
  // A fixed-seed partial shuffle: the silhouette is measured on the same sample for every k.
  for (let position = 0; position < Math.min(sampleSize, indexes.length); position++) {
    const swap = position + Math.floor(random() * (indexes.length - position));
    [indexes[position], indexes[swap]] = [indexes[swap] as number, indexes[position] as number];
  }
  const sample = indexes.slice(0, sampleSize);
  let best: Clustering | null = null;
  for (const k of candidates) {
    const clustering = kMeans(vectors, dimensions, k, { seed: options.seed });
    const silhouette = meanSilhouette(vectors, clustering.assignment, sample);
    if (!best || silhouette > best.silhouette) best = { ...clustering, silhouette };
  }
  return best;
}

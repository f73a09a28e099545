import type { SparseVector } from "./text-features.ts";

/**
 * How much a text looks like the training texts of a topic: its similarity to the topic's centroid over
 * content words, relative to the average similarity of the topic's own training texts (1 = typical).
 * Class scores only say which topic wins; this says whether the text shares any words with the winner,
 * which is what tells unrelated text apart when a workspace has only a few topics.
 */
export type TopicCentroids = { resemblance(vector: SparseVector, label: number): number };

export function fitTopicCentroids(
  vectors: readonly SparseVector[],
  labels: Int32Array,
  classes: number,
  contentFeatures: Uint8Array,
): TopicCentroids {
  const features = contentFeatures.length;
  const centroids = new Float32Array(features * classes);
  vectors.forEach((vector, example) => {
    const label = labels[example] as number;
    for (let entry = 0; entry < vector.indices.length; entry++) {
      if (contentFeatures[vector.indices[entry] as number] === 0) continue;
      const index = (vector.indices[entry] as number) * classes + label;
      centroids[index] = (centroids[index] as number) + (vector.values[entry] as number);
    }
  });
  const lengths = new Float64Array(classes);
  for (let index = 0; index < centroids.length; index++) {
    lengths[index % classes] = (lengths[index % classes] as number) + (centroids[index] as number) ** 2;
  }
  const similarity = (vector: SparseVector, label: number) => {
    let total = 0;
    for (let entry = 0; entry < vector.indices.length; entry++) {
      total +=
        (vector.values[entry] as number) * (centroids[(vector.indices[entry] as number) * classes + label] as number);
    }
    const length = Math.sqrt(lengths[label] as number);
    return length > 0 ? total / length : 0;
  };
  const typical = new Float64Array(classes);
  const counts = new Float64Array(classes);
  vectors.forEach((vector, example) => {
    const label = labels[example] as number;
    typical[label] = (typical[label] as number) + similarity(vector, label);
    counts[label] = (counts[label] as number) + 1;
  });
  return {
    resemblance(vector, label) {
      const expected = (typical[label] as number) / (counts[label] as number);
      return expected > 0 ? similarity(vector, label) / expected : 0;
    },
  };
}

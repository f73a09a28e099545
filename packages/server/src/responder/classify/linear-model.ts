import type { SparseVector } from "./text-features.ts";

/**
 * One weight per (feature, class), stored feature by feature so that scoring a sparse vector reads
 * a contiguous run of class weights per feature; the last row is the bias.
 */
export type LinearModel = { classes: number; features: number; weights: Float32Array };

export function createLinearModel(features: number, classes: number): LinearModel {
  return { classes, features, weights: new Float32Array((features + 1) * classes) };
}

/** Writes the model's score of each class for the vector into `scores`. */
export function scoreVector(model: LinearModel, vector: SparseVector, scores: Float64Array): void {
  const { classes, weights } = model;
  const biasRow = model.features * classes;
  for (let label = 0; label < classes; label++) scores[label] = weights[biasRow + label] as number;
  const { indices, values } = vector;
  for (let entry = 0; entry < indices.length; entry++) {
    const row = (indices[entry] as number) * classes;
    const value = values[entry] as number;
    // Unrolled by four: V8 does not vectorise, and this loop is most of the training time.
    let label = 0;
    for (; label + 3 < classes; label += 4) {
      scores[label] = (scores[label] as number) + value * (weights[row + label] as number);
      scores[label + 1] = (scores[label + 1] as number) + value * (weights[row + label + 1] as number);
      scores[label + 2] = (scores[label + 2] as number) + value * (weights[row + label + 2] as number);
      scores[label + 3] = (scores[label + 3] as number) + value * (weights[row + label + 3] as number);
    }
    for (; label < classes; label++) {
      scores[label] = (scores[label] as number) + value * (weights[row + label] as number);
    }
  }
}

/** Adds `step[label] * vector` to each class's weights, for the classes whose step is not zero. */
export function addToWeights(model: LinearModel, vector: SparseVector, step: Float64Array, active: number[]): void {
  const { classes, weights } = model;
  const { indices, values } = vector;
  for (let entry = 0; entry < indices.length; entry++) {
    const row = (indices[entry] as number) * classes;
    const value = values[entry] as number;
    for (const label of active) {
      weights[row + label] = (weights[row + label] as number) + value * (step[label] as number);
    }
  }
  const biasRow = model.features * classes;
  for (const label of active) weights[biasRow + label] = (weights[biasRow + label] as number) + (step[label] as number);
}

/** A seeded shuffle, so training is deterministic. */
export function shuffledOrder(length: number, seed: number): Int32Array {
  const order = Int32Array.from({ length }, (_, index) => index);
  let state = seed >>> 0 || 1;
  for (let index = length - 1; index > 0; index--) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const other = (state >>> 0) % (index + 1);
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  return order;
}

export function squaredLength(vector: SparseVector): number {
  let total = 0;
  for (let entry = 0; entry < vector.values.length; entry++) total += (vector.values[entry] as number) ** 2;
  return total;
}

/** Turns scores into probabilities in place; a higher sharpness trusts score differences more. */
export function softmax(scores: Float64Array, sharpness = 1): void {
  let largest = Number.NEGATIVE_INFINITY;
  for (let label = 0; label < scores.length; label++) largest = Math.max(largest, scores[label] as number);
  let total = 0;
  for (let label = 0; label < scores.length; label++) {
    const value = Math.exp(((scores[label] as number) - largest) * sharpness);
    scores[label] = value;
    total += value;
  }
  for (let label = 0; label < scores.length; label++) scores[label] = (scores[label] as number) / total;
}

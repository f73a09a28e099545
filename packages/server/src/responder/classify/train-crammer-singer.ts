import {
  addToWeights,
  createLinearModel,
  type LinearModel,
  scoreVector,
  shuffledOrder,
  squaredLength,
} from "./linear-model.ts";
import type { SparseVector } from "./text-features.ts";

export type CrammerSingerOptions = {
  /** The penalty for a margin violation; higher fits the training texts more closely. */
  cost: number;
  /** Stop when no example's optimality gap exceeds this. */
  tolerance: number;
  maximumEpochs: number;
  seed: number;
};

/**
 * A multi-class linear SVM (Crammer and Singer), trained by dual coordinate descent with shrinking,
 * following liblinear's solver: each example's sub-problem over the classes is solved exactly, and a
 * class that cannot change an example's solution stops being scored for that example until the final check.
 */
export function trainCrammerSinger(
  vectors: readonly SparseVector[],
  labels: Int32Array,
  classes: number,
  features: number,
  options: CrammerSingerOptions,
): LinearModel {
  const model = createLinearModel(features, classes);
  const { weights } = model;
  const biasRow = features * classes;
  const count = vectors.length;
  const alphas = new Float64Array(count * classes);
  const lengths = Float64Array.from(vectors, squaredLength);
  // For each example, its classes still being optimised come first, `activeClasses[example]` of them.
  const classOrder = new Int32Array(count * classes);
  const activeClasses = new Int32Array(count);
  const scores = new Float64Array(classes);
  const gradient = new Float64Array(classes);
  const shifted = new Float64Array(classes);
  const steps = new Float64Array(classes);
  const changed: number[] = [];
  const bounded = new Float64Array(classes);
  let activeExamples: number[] = [];
  const reset = () => {
    activeExamples = [];
    for (let example = 0; example < count; example++) {
      activeExamples.push(example);
      activeClasses[example] = classes;
      for (let label = 0; label < classes; label++) classOrder[example * classes + label] = label;
    }
  };
  reset();
  let shrinkBelow = Math.max(10 * options.tolerance, 1);
  let fromAll = true;

  for (let epoch = 0; epoch < options.maximumEpochs; epoch++) {
    let largestGap = Number.NEGATIVE_INFINITY;
    const order = shuffledOrder(activeExamples.length, options.seed + epoch);
    const stillActive: number[] = [];
    for (const position of order) {
      const example = activeExamples[position] as number;
      const vector = vectors[example] as SparseVector;
      const own = labels[example] as number;
      const base = example * classes;
      const curvature = (lengths[example] as number) + 1;
      let active = activeClasses[example] as number;

      // Scoring every class in one contiguous pass is cheaper than picking a few until most are shrunk.
      const { indices, values } = vector;
      if (active * 4 > classes) {
        scoreVector(model, vector, scores);
      } else {
        for (let slot = 0; slot < active; slot++) {
          const label = classOrder[base + slot] as number;
          let score = weights[biasRow + label] as number;
          for (let entry = 0; entry < indices.length; entry++) {
            score += (values[entry] as number) * (weights[(indices[entry] as number) * classes + label] as number);
          }
          scores[label] = score;
        }
      }
      for (let slot = 0; slot < active; slot++) {
        const label = classOrder[base + slot] as number;
        gradient[slot] = (scores[label] as number) + (label === own ? 0 : 1);
      }

      let smallest = Number.POSITIVE_INFINITY;
      let largest = Number.NEGATIVE_INFINITY;
      for (let slot = 0; slot < active; slot++) {
        const label = classOrder[base + slot] as number;
        const bound = label === own ? options.cost : 0;
        const value = gradient[slot] as number;
        if ((alphas[base + label] as number) < bound) smallest = Math.min(smallest, value);
        largest = Math.max(largest, value);
      }
      for (let slot = 0; slot < active; slot++) {
        const label = classOrder[base + slot] as number;
        const bound = label === own ? options.cost : 0;
        if (alphas[base + label] === bound && (gradient[slot] as number) < smallest) {
          active--;
          [classOrder[base + slot], classOrder[base + active]] = [classOrder[base + active] as number, label];
          [gradient[slot], gradient[active]] = [gradient[active] as number, gradient[slot] as number];
          slot--;
        }
      }
      activeClasses[example] = active;
      if (active <= 1) continue;
      stillActive.push(example);
      if (largest - smallest <= 1e-12) continue;
      largestGap = Math.max(largestGap, largest - smallest);

      // The example's sub-problem: new alphas sum to zero, each at most its bound.
      let ownSlot = -1;
      for (let slot = 0; slot < active; slot++) {
        const label = classOrder[base + slot] as number;
        shifted[slot] = (gradient[slot] as number) - curvature * (alphas[base + label] as number);
        bounded[slot] = shifted[slot] as number;
        if (label === own) ownSlot = slot;
      }
      if (ownSlot >= 0) bounded[ownSlot] = (bounded[ownSlot] as number) + curvature * options.cost;
      const candidates = bounded.subarray(0, active).sort().reverse();
      let beta = (candidates[0] as number) - curvature * options.cost;
      let taken = 1;
      while (taken < active && beta < taken * (candidates[taken] as number)) beta += candidates[taken++] as number;
      beta /= taken;

      changed.length = 0;
      for (let slot = 0; slot < active; slot++) {
        const label = classOrder[base + slot] as number;
        const bound = label === own ? options.cost : 0;
        const next = Math.min(bound, (beta - (shifted[slot] as number)) / curvature);
        const change = next - (alphas[base + label] as number);
        if (Math.abs(change) < 1e-12) continue;
        alphas[base + label] = next;
        steps[label] = change;
        changed.push(label);
      }
      if (changed.length > 0) addToWeights(model, vector, steps, changed);
    }
    activeExamples = stillActive.sort((a, b) => a - b);

    if (largestGap < shrinkBelow) {
      if (largestGap < options.tolerance && fromAll) break;
      // Converged on the shrunk problem: look at every variable again before stopping.
      reset();
      shrinkBelow = Math.max(shrinkBelow / 2, options.tolerance);
      fromAll = true;
    } else {
      fromAll = false;
    }
  }
  return model;
}

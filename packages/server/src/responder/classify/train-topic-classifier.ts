import { DeskError } from "../../core/errors.ts";
import { scoreVector, softmax } from "./linear-model.ts";
import { fitFeatureSpace } from "./text-features.ts";
import { fitTopicCentroids } from "./topic-centroids.ts";
import { trainCrammerSinger } from "./train-crammer-singer.ts";

export type LabelledText = { text: string; label: string };
/** `label` is null when no known topic fits; `confidence` (0..1) is still that of the closest topic. */
export type TopicPrediction = { label: string | null; confidence: number };
export type TopicClassifier = {
  labels: readonly string[];
  classify(text: string): TopicPrediction;
  classifyMany?(texts: string[]): TopicPrediction[];
};

/** Rounded from the threshold chosen on CLINC150's validation split (0.26, see bench/classify.ts). */
const defaultAbstainBelow = 0.25;
/** Turns SVM score differences into probabilities; a margin of 1 (the training target) is worth e^5. */
const sharpness = 5;
/** Resemblance to the topic's texts below this share of the typical one lowers the confidence. */
const familiarResemblance = 0.1;

/**
 * Learns topics from labelled texts: TF-IDF of word uni- and bigrams and of character 2-5-grams
 * within words, and a multi-class linear SVM (Crammer-Singer). See docs/decisions/2026-11-24-topic-classifier.md.
 */
export function trainTopicClassifier(
  examples: LabelledText[],
  options: { abstainBelow?: number } = {},
): TopicClassifier {
  if (examples.length === 0) {
    throw new DeskError(
      "invalid_input",
      "Cannot learn topics from an empty training set: give at least one labelled text.",
    );
  }
  const abstainBelow = options.abstainBelow ?? defaultAbstainBelow;
  if (!(abstainBelow >= 0 && abstainBelow <= 1)) {
    throw new DeskError("invalid_input", `abstainBelow must be between 0 and 1, not ${abstainBelow}.`);
  }
  examples.forEach((example, position) => {
    if (typeof example.text !== "string" || typeof example.label !== "string" || example.label.trim() === "") {
      throw new DeskError("invalid_input", `Training example ${position + 1} needs a text and a non-empty label.`);
    }
  });

  const labels = [...new Set(examples.map((example) => example.label))].sort();
  const labelNumbers = new Map(labels.map((label, number) => [label, number]));
  const targets = Int32Array.from(examples, (example) => labelNumbers.get(example.label) as number);
  // A term seen once is noise in a large set but may be the only clue in a small one.
  const minimumDocuments = examples.length >= 1000 ? 2 : 1;
  const { space, vectors } = fitFeatureSpace(
    examples.map((example) => example.text),
    minimumDocuments,
  );
  const model = trainCrammerSinger(vectors, targets, labels.length, space.size, {
    cost: 1,
    tolerance: 0.1,
    maximumEpochs: 100,
    seed: 1,
  });
  const centroids = fitTopicCentroids(vectors, targets, labels.length, space.contentFeatures);

  const scores = new Float64Array(labels.length);
  const classify = (text: string): TopicPrediction => {
    const vector = space.vectorise(text);
    scoreVector(model, vector, scores);
    softmax(scores, sharpness);
    let best = 0;
    for (let label = 1; label < labels.length; label++) {
      if ((scores[label] as number) > (scores[best] as number)) best = label;
    }
    const familiarity = Math.min(1, centroids.resemblance(vector, best) / familiarResemblance);
    const confidence = (scores[best] as number) * familiarity;
    return { label: confidence >= abstainBelow ? (labels[best] as string) : null, confidence };
  };
  return { labels, classify, classifyMany: (texts) => texts.map(classify) };
}

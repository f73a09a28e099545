// Topic classifier on Banking77 (closed set) and CLINC150 (with out-of-scope texts).
// Run: npx tsx bench/classify.ts. Trains on train splits only; CLINC150's abstention threshold is
// chosen on val + oos_val; test splits are only measured.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import {
  type LabelledText,
  type TopicPrediction,
  trainTopicClassifier,
} from "../packages/server/src/responder/classify/index.ts";

const dataFolder = new URL("data/", import.meta.url);

function readBanking77(split: "train" | "test"): LabelledText[] {
  const rows: { text: string; category: string }[] = parse(
    readFileSync(new URL(`banking77/${split}.csv`, dataFolder)),
    {
      columns: true,
    },
  );
  return rows.map((row) => ({ text: row.text, label: row.category }));
}

function readClinc150(): Record<string, LabelledText[]> {
  const data: Record<string, [string, string][]> = JSON.parse(
    readFileSync(new URL("clinc150/data_full.json", dataFolder), "utf8"),
  );
  return Object.fromEntries(
    Object.entries(data).map(([split, rows]) => [split, rows.map(([text, label]) => ({ text, label }))]),
  );
}

function seconds(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(2);
}

function percent(share: number): string {
  return (100 * share).toFixed(2);
}

function macroF1(truth: string[], predicted: (string | null)[]): number {
  const labels = [...new Set(truth)];
  const f1 = labels.map((label) => {
    let truePositives = 0;
    let predictedPositives = 0;
    let actualPositives = 0;
    truth.forEach((actual, index) => {
      if (predicted[index] === label) predictedPositives++;
      if (actual === label) actualPositives++;
      if (actual === label && predicted[index] === label) truePositives++;
    });
    return truePositives === 0 ? 0 : (2 * truePositives) / (predictedPositives + actualPositives);
  });
  return f1.reduce((sum, value) => sum + value, 0) / labels.length;
}

/** Share of in-scope texts labelled correctly (an abstention is wrong) at a threshold. */
function inScopeAccuracy(rows: LabelledText[], predictions: TopicPrediction[], threshold: number): number {
  const correct = rows.filter(
    (row, index) => predictions[index]?.label === row.label && (predictions[index]?.confidence ?? 0) >= threshold,
  );
  return correct.length / rows.length;
}

function outOfScopeRecall(predictions: TopicPrediction[], threshold: number): number {
  return predictions.filter((prediction) => prediction.confidence < threshold).length / predictions.length;
}

function banking77(): void {
  const train = readBanking77("train");
  const test = readBanking77("test");
  let started = performance.now();
  const classifier = trainTopicClassifier(train, { abstainBelow: 0 });
  console.log(
    `banking77 train seconds ${seconds(started)} (${train.length} texts, ${classifier.labels.length} topics)`,
  );
  started = performance.now();
  const predicted = test.map((row) => classifier.classify(row.text).label);
  console.log(`banking77 predict seconds ${seconds(started)} (${test.length} texts)`);
  const correct = test.filter((row, index) => predicted[index] === row.label).length;
  console.log(`banking77 accuracy ${percent(correct / test.length)}`);
  console.log(
    `banking77 macro-F1 ${percent(
      macroF1(
        test.map((row) => row.label),
        predicted,
      ),
    )}`,
  );
}

function clinc150(): void {
  const data = readClinc150();
  const split = (name: string) => data[name] ?? [];
  let started = performance.now();
  const classifier = trainTopicClassifier(split("train"), { abstainBelow: 0 });
  console.log(
    `clinc150 train seconds ${seconds(started)} (${split("train").length} texts, ${classifier.labels.length} topics)`,
  );
  started = performance.now();
  const classify = (rows: LabelledText[]) => rows.map((row) => classifier.classify(row.text));
  const validation = classify(split("val"));
  const validationOutOfScope = classify(split("oos_val"));
  const test = classify(split("test"));
  const testOutOfScope = classify(split("oos_test"));
  console.log(`clinc150 predict seconds ${seconds(started)} (val, oos_val, test, oos_test)`);

  // The threshold that best balances in-scope accuracy and out-of-scope recall on validation.
  let threshold = 0;
  let bestBalance = -1;
  for (const candidate of new Set(
    [...validation, ...validationOutOfScope].map((prediction) => prediction.confidence),
  )) {
    const balance =
      inScopeAccuracy(split("val"), validation, candidate) + outOfScopeRecall(validationOutOfScope, candidate);
    if (balance > bestBalance || (balance === bestBalance && candidate < threshold)) {
      bestBalance = balance;
      threshold = candidate;
    }
  }
  console.log(`clinc150 threshold ${threshold.toFixed(3)} (chosen on val + oos_val)`);
  console.log(`clinc150 in-scope accuracy without abstaining ${percent(inScopeAccuracy(split("test"), test, 0))}`);
  console.log(`clinc150 in-scope accuracy ${percent(inScopeAccuracy(split("test"), test, threshold))}`);
  console.log(`clinc150 out-of-scope recall ${percent(outOfScopeRecall(testOutOfScope, threshold))}`);
}

banking77();
clinc150();

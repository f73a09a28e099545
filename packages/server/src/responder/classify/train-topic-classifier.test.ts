import { describe, expect, it } from "vitest";
import { isDeskError } from "../../core/errors.ts";
import { type LabelledText, trainTopicClassifier } from "./index.ts";

const topics: Record<string, string[]> = {
  refund: [
    "I want my money back for this order",
    "Please refund my last purchase",
    "How do I get a refund?",
    "Can you return the money you charged me",
    "Refund request for order 1234",
  ],
  shipping: [
    "Where is my package?",
    "My parcel has not arrived yet",
    "When will my order be delivered?",
    "The tracking number shows no updates",
    "Delivery is late by a week",
  ],
  password: [
    "I forgot my password",
    "How do I reset my password?",
    "The password reset email never came",
    "I can't log in, my password is wrong",
  ],
  invoice: [
    "Can you send me an invoice for my purchase?",
    "I need a VAT invoice",
    "Where do I download my invoices?",
    "The invoice has the wrong company name",
  ],
  cancellation: [
    "Please cancel my subscription",
    "How do I cancel my plan?",
    "I want to stop my membership",
    "Cancel my account renewal",
  ],
  bug: [
    "The app crashes when I open settings",
    "I get an error 500 on the dashboard",
    "The export button does nothing",
    "Page keeps freezing after the update",
  ],
  address: [
    "I moved and need to change my shipping address",
    "Update the delivery address on my account",
    "Wrong address on my profile",
  ],
};

const examples: LabelledText[] = Object.entries(topics).flatMap(([label, texts]) =>
  texts.map((text) => ({ text, label })),
);

const unrelated = [
  "What's the weather like in Paris tomorrow?",
  "The quick brown fox jumps over the lazy dog",
  "Who won the football match yesterday?",
  "",
];

describe("trainTopicClassifier", () => {
  const classifier = trainTopicClassifier(examples);

  it("lists the topics it learned", () => {
    expect(classifier.labels).toEqual(["address", "bug", "cancellation", "invoice", "password", "refund", "shipping"]);
  });

  it("recognises paraphrases of a small labelled set", () => {
    const paraphrases: [string, string][] = [
      ["could I have a refund please", "refund"],
      ["my package still hasn't come", "shipping"],
      ["reset password link", "password"],
      ["please send the invoice again", "invoice"],
      ["I'd like to cancel my subscription", "cancellation"],
      ["the app crashes every time", "bug"],
      ["HOW DO I CHANGE MY ADDRESS", "address"],
    ];
    for (const [text, label] of paraphrases) expect(classifier.classify(text).label, text).toBe(label);
  });

  it("says no known topic fits unrelated text", () => {
    for (const text of unrelated) expect(classifier.classify(text).label, text).toBeNull();
  });

  it("is more confident about a close paraphrase than a vague one", () => {
    const close = classifier.classify("How do I reset my password?");
    const vague = classifier.classify("something about my account");
    expect(close.confidence).toBeGreaterThan(vague.confidence);
    for (const prediction of [close, vague]) {
      expect(prediction.confidence).toBeGreaterThanOrEqual(0);
      expect(prediction.confidence).toBeLessThanOrEqual(1);
    }
  });

  it("gives the same answers when trained twice on the same rows", () => {
    const again = trainTopicClassifier(examples);
    const texts = ["where is my parcel", "refund please", ...unrelated];
    expect(again.classifyMany?.(texts)).toEqual(classifier.classifyMany?.(texts));
    expect(classifier.classifyMany?.(texts)).toEqual(texts.map((text) => classifier.classify(text)));
  });

  it("never abstains with abstainBelow 0", () => {
    const eager = trainTopicClassifier(examples, { abstainBelow: 0 });
    for (const text of unrelated) expect(eager.classify(text).label).not.toBeNull();
  });

  it("learns from a single topic and still abstains on unrelated text", () => {
    const single = trainTopicClassifier(topics.refund?.map((text) => ({ text, label: "refund" })) ?? []);
    expect(single.classify("can I get a refund for my order").label).toBe("refund");
    expect(single.classify("The quick brown fox jumps over the lazy dog").label).toBeNull();
  });

  it("refuses an empty training set with a clear error", () => {
    try {
      trainTopicClassifier([]);
      expect.unreachable();
    } catch (error) {
      expect(isDeskError(error) && error.code).toBe("invalid_input");
      expect((error as Error).message).toMatch(/empty training set/);
    }
  });

  it("refuses an abstention threshold outside 0..1", () => {
    expect(() => trainTopicClassifier(examples, { abstainBelow: 2 })).toThrow(/abstainBelow/);
  });
});

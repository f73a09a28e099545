export {
  type LabelledText,
  type TopicClassifier,
  type TopicPrediction,
  trainTopicClassifier,
} from "./train-topic-classifier.ts";

// Topic discovery (clustering of untagged tickets) on Banking77's test split, against its gold
// intents: how pure the discovered topics are and how much of the data they cover.
// Run: npx tsx bench/topic-discovery.ts. Nothing is trained; the labels are only used to measure.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { discoverTopics } from "../packages/server/src/insights/topic-discovery/discover-topics.ts";

const rows: { text: string; category: string }[] = parse(
  readFileSync(new URL("data/banking77/test.csv", import.meta.url)),
  { columns: true },
);

// A month of a mid-sized desk's untagged tickets: the 12 most frequent intents, as a team would see them.
const byIntent = new Map<string, string[]>();
for (const row of rows) byIntent.set(row.category, [...(byIntent.get(row.category) ?? []), row.text]);
const intents = [...byIntent.keys()].sort().slice(0, 12);
const documents = intents.flatMap((intent) =>
  (byIntent.get(intent) ?? []).map((text, index) => ({ ticketId: `${intent}#${index}`, text })),
);
const intentOf = (ticketId: string) => ticketId.split("#")[0] as string;

const started = performance.now();
const discovery = discoverTopics(documents, { maxTopics: 20 });
const elapsed = performance.now() - started;

const clustered = discovery.topics.reduce((sum, topic) => sum + topic.ticketIds.length, 0);
let majority = 0;
for (const topic of discovery.topics) {
  const counts = new Map<string, number>();
  for (const id of topic.ticketIds) counts.set(intentOf(id), (counts.get(intentOf(id)) ?? 0) + 1);
  majority += Math.max(...counts.values());
}
console.log(
  `topic discovery on Banking77 test (${documents.length} texts, ${intents.length} intents): ` +
    `${discovery.topics.length} topics, purity ${((100 * majority) / Math.max(1, clustered)).toFixed(1)}%, ` +
    `coverage ${((100 * clustered) / documents.length).toFixed(1)}%, silhouette ${discovery.silhouette?.toFixed(3)}, ` +
    `${elapsed.toFixed(0)} ms`,
);
for (const topic of discovery.topics.slice(0, 12)) {
  console.log(`  ${String(topic.ticketIds.length).padStart(4)}  ${topic.label}  [${topic.keyTerms.join(", ")}]`);
}

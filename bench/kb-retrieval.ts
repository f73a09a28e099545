// Knowledge-base retrieval on tau2-bench banking_knowledge: 698 articles, 97 tasks whose
// `required_documents` are the gold. The question is the task's user instructions without the
// first (role-play) sentence, white space collapsed, cut to 600 characters.
// Prints plain lines: `npx tsx bench/kb-retrieval.ts`.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import {
  buildSearchIndex,
  defaultRankingSettings,
  type RankingSettings,
  type SearchDocument,
} from "../packages/server/src/responder/retrieval/index.ts";
import { tokenize } from "../packages/server/src/responder/retrieval/tokenize.ts";

type Task = { id: string; question: string; gold: Set<string> };
type Ranker = { name: string; build(documents: SearchDocument[]): Promise<(question: string) => Promise<string[]>> };

const folder = join(import.meta.dirname, "data", "tau2-banking-knowledge");
const depth = 20;

function loadDocuments(): SearchDocument[] {
  return readFileSync(join(folder, "documents.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const { id, title, content } = JSON.parse(line) as { id: string; title: string; content: string };
      return { id, title, body: content };
    });
}

function loadTasks(): Task[] {
  const tasks = JSON.parse(readFileSync(join(folder, "tasks.json"), "utf8")) as {
    id: string;
    user_scenario: { instructions: string };
    required_documents: string[];
  }[];
  return tasks.map((task) => ({
    id: task.id,
    question: question(task.user_scenario.instructions),
    gold: new Set(task.required_documents),
  }));
}

function question(instructions: string): string {
  const text = instructions.replace(/\s+/g, " ").trim();
  const firstSentence = /^.*?[.!?](\s|$)/.exec(text);
  return (firstSentence ? text.slice(firstSentence[0].length) : text).slice(0, 600);
}

/** Textbook BM25 (k1 1.2, b 0.75) over title and body as one text. */
function plainBm25(name: string, words: (text: string) => string[]): Ranker {
  return {
    name,
    async build(documents) {
      const postings = new Map<string, { document: number; frequency: number }[]>();
      const lengths = documents.map((document, number) => {
        const terms = words(`${document.title} ${document.body}`);
        const counts = new Map<string, number>();
        for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
        for (const [term, frequency] of counts) {
          const list = postings.get(term) ?? [];
          list.push({ document: number, frequency });
          postings.set(term, list);
        }
        return terms.length;
      });
      const average = lengths.reduce((total, length) => total + length, 0) / lengths.length;
      return async (text) => {
        const scores = new Float64Array(documents.length);
        for (const term of words(text)) {
          const list = postings.get(term) ?? [];
          const idf = Math.log(1 + (documents.length - list.length + 0.5) / (list.length + 0.5));
          for (const { document, frequency } of list) {
            const norm = 1.2 * (0.25 + (0.75 * (lengths[document] as number)) / average);
            scores[document] = (scores[document] as number) + (idf * frequency * 2.2) / (frequency + norm);
          }
        }
        return [...scores.keys()]
          .filter((document) => (scores[document] as number) > 0)
          .sort((left, right) => (scores[right] as number) - (scores[left] as number) || left - right)
          .slice(0, depth)
          .map((document) => (documents[document] as SearchDocument).id);
      };
    },
  };
}

/**
 * Postgres full-text search in an embedded database, on the articles table's tsvector (title
 * weight A, body B). `websearch_to_tsquery` is what the article store's search uses; it needs
 * every word, so a long question matches nothing. Or-ing the words gives ts_rank a chance.
 * The two share one database; its start and load count in the first one's build time.
 */
function postgresFullText(): Ranker[] {
  let database: Promise<PGlite> | undefined;
  const open = async (documents: SearchDocument[]) => {
    const client = new PGlite();
    await client.exec(`create table articles (id text primary key, title text, body text,
      search tsvector generated always as (setweight(to_tsvector('english', title), 'A') ||
      setweight(to_tsvector('english', body), 'B')) stored);
      create index on articles using gin (search);`);
    await client.query(
      "insert into articles (id, title, body) select * from json_to_recordset($1) as row (id text, title text, body text)",
      [JSON.stringify(documents)],
    );
    return client;
  };
  const ranker = (name: string, query: string): Ranker => ({
    name,
    async build(documents) {
      database ??= open(documents);
      const client = await database;
      return async (text) => {
        const result = await client.query<{ id: string }>(
          `select id from articles, (select ${query} as query) as question where search @@ query
           order by ts_rank(search, query) desc, id limit ${depth}`,
          [text],
        );
        return result.rows.map((row) => row.id);
      };
    },
  });
  return [
    ranker("postgres websearch_to_tsquery", "websearch_to_tsquery('english', $1)"),
    ranker(
      "postgres ts_rank, any word",
      "cast(nullif(replace(plainto_tsquery('english', $1)::text, ' & ', ' | '), '') as tsquery)",
    ),
  ];
}

function ours(name: string, changes: Partial<RankingSettings> = {}): Ranker {
  return {
    name,
    async build(documents) {
      const index = buildSearchIndex(documents, { ...defaultRankingSettings, ...changes });
      return async (text) => index.search(text, { limit: depth }).map((hit) => hit.id);
    },
  };
}

async function measure(ranker: Ranker, documents: SearchDocument[], tasks: Task[]): Promise<void> {
  const started = performance.now();
  const search = await ranker.build(documents);
  const buildTime = performance.now() - started;
  const times: number[] = [];
  const recall = { 5: [] as number[], 10: [] as number[], 20: [] as number[] };
  const split = { odd: [] as number[], even: [] as number[] };
  let found = 0;
  let gold = 0;
  for (const task of tasks) {
    const start = performance.now();
    const ids = await search(task.question);
    times.push(performance.now() - start);
    for (const cut of [5, 10, 20] as const) {
      recall[cut].push(ids.slice(0, cut).filter((id) => task.gold.has(id)).length / task.gold.size);
    }
    const atTen = recall[10].at(-1) as number;
    (Number(task.id.replace(/\D/g, "")) % 2 === 1 ? split.odd : split.even).push(atTen);
    found += atTen * task.gold.size;
    gold += task.gold.size;
  }
  times.sort((left, right) => left - right);
  const percent = (values: number[]) =>
    `${((100 * values.reduce((total, value) => total + value, 0)) / values.length).toFixed(1)}%`;
  console.log(
    [
      ranker.name.padEnd(34),
      `build ${buildTime.toFixed(0)} ms`.padEnd(14),
      `query p50 ${(times[Math.floor(times.length / 2)] as number).toFixed(2)} ms`.padEnd(19),
      `R@5 ${percent(recall[5])}`,
      `R@10 ${percent(recall[10])}`,
      `R@20 ${percent(recall[20])}`,
      `micro R@10 ${((100 * found) / gold).toFixed(1)}%`,
      `R@10 odd/even tasks ${percent(split.odd)}/${percent(split.even)}`,
    ].join("  "),
  );
}

const documents = loadDocuments();
const tasks = loadTasks();
const goldCount = tasks.reduce((total, task) => total + task.gold.size, 0);
console.log(
  `kb retrieval: tau2-bench banking_knowledge, ${documents.length} articles, ${tasks.length} tasks, ` +
    `${(goldCount / tasks.length).toFixed(1)} gold articles a task; recall is the mean over tasks of |gold in top k| / |gold|`,
);
const rankers: Ranker[] = [
  plainBm25("plain BM25", (text) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []),
  plainBm25("BM25, stemmed, stop words dropped", tokenize),
  ...postgresFullText(),
  ours("responder retrieval"),
  ours("  without sibling overviews", { siblingWeight: 0 }),
  ours("  without the name rule", { nameBodyShare: 1 }),
  ours("  without phrase pairs", { phraseWeight: 0 }),
  ours("  title weighted as body", { titleWeight: 1 }),
];
for (const ranker of rankers) await measure(ranker, documents, tasks);

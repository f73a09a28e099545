import { readFile } from "node:fs/promises";
import { DeskError } from "../core/errors.ts";
import { buildSearchIndex, type SearchDocument, type SearchHit } from "../responder/retrieval/index.ts";

export type KbSearchOptions = {
  query?: string;
  /** A file of questions, one a line. */
  queries?: string;
  /** As typed on the command line or already a number; 10 when absent. */
  limit?: number | string;
  json: boolean;
};

const maximumLimit = 100;
const defaultLimit = 10;

/**
 * `responder kb search QUERY [--limit 10] [--json]`, or `--queries FILE` instead of QUERY for
 * one JSON array a line, in the file's order. `articles` may be a loader, which is only called
 * once the options are known to be valid, so a mistyped command never opens the database.
 */
export async function runKbSearch(
  articles: SearchDocument[] | (() => Promise<SearchDocument[]>),
  options: KbSearchOptions,
  out: NodeJS.WritableStream,
): Promise<void> {
  const limit = parseLimit(options.limit);
  const hasQuery = options.query !== undefined;
  const hasQueries = options.queries !== undefined;
  if (hasQuery === hasQueries) {
    throw new DeskError(
      "invalid_input",
      hasQuery
        ? "Give either a QUERY or --queries FILE, not both."
        : "Give a QUERY, or --queries FILE with one question a line.",
    );
  }
  const questions = hasQueries ? await readQuestions(options.queries as string) : [options.query as string];
  const documents = typeof articles === "function" ? await articles() : articles;
  const index = buildSearchIndex(documents);

  if (hasQueries) {
    for (const question of questions) out.write(`${JSON.stringify(index.search(question, { limit }).map(present))}\n`);
    return;
  }
  const hits = index.search(questions[0] as string, { limit }).map(present);
  if (options.json) {
    out.write(`${JSON.stringify(hits)}\n`);
  } else if (hits.length === 0) {
    out.write("No article matches.\n");
  } else {
    const width = Math.max(...hits.map((hit) => hit.score.toFixed(4).length));
    const idWidth = Math.max(...hits.map((hit) => hit.id.length));
    for (const hit of hits)
      out.write(`${hit.score.toFixed(4).padStart(width)}  ${hit.id.padEnd(idWidth)}  ${hit.title}\n`);
  }
}

function parseLimit(value: number | string | undefined): number {
  if (value === undefined) return defaultLimit;
  const limit = typeof value === "number" ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > maximumLimit) {
    throw new DeskError("invalid_input", `--limit must be a whole number from 1 to ${maximumLimit}, not ${value}.`);
  }
  return limit;
}

async function readQuestions(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "there is no such file" : String(error);
    throw new DeskError("invalid_input", `Cannot read the questions file ${path}: ${reason}.`, { cause: error });
  }
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

function present(hit: SearchHit): SearchHit {
  return { id: hit.id, title: hit.title, score: Math.round(hit.score * 10_000) / 10_000 };
}

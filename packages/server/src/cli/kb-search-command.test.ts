import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isDeskError } from "../core/errors.ts";
import type { SearchDocument } from "../responder/retrieval/index.ts";
import { type KbSearchOptions, runKbSearch } from "./kb-search-command.ts";

const articles: SearchDocument[] = [
  { id: "kb-refunds", title: "Refund policy", body: "Ask for a refund within 30 days of purchase." },
  { id: "kb-password", title: "Reset your password", body: "Use the forgot password link on the sign-in page." },
  { id: "kb-shipping", title: "Shipping times", body: "Orders ship within two days; a refund covers lost parcels." },
];

async function run(options: KbSearchOptions, source: SearchDocument[] | (() => Promise<SearchDocument[]>) = articles) {
  let text = "";
  const out = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  await runKbSearch(source, options, out);
  return text;
}

async function failure(options: KbSearchOptions) {
  const error = await run(options).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isDeskError(error)) throw new Error(`expected a DeskError, got ${String(error)}`);
  return error;
}

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "kb-search-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("responder kb search", () => {
  it("prints the matching articles as one JSON array, best first", async () => {
    const output = await run({ query: "how do I get a refund", json: true });
    const hits = JSON.parse(output) as { id: string; title: string; score: number }[];
    expect(output.endsWith("\n")).toBe(true);
    expect(hits.map((hit) => hit.id)).toEqual(["kb-refunds", "kb-shipping"]);
    expect(Object.keys(hits[0] ?? {})).toEqual(["id", "title", "score"]);
    expect(hits[0]?.title).toBe("Refund policy");
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Number.POSITIVE_INFINITY);
  });

  it("prints score, id and title lines for people", async () => {
    const lines = (await run({ query: "refund", json: false })).trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d+\.\d{4} {2}kb-refunds {3}Refund policy$/);
    expect(lines[1]).toMatch(/kb-shipping {2}Shipping times$/);
  });

  it("says so when nothing matches, and prints [] with --json", async () => {
    expect(await run({ query: "quantum entanglement", json: false })).toBe("No article matches.\n");
    expect(await run({ query: "quantum entanglement", json: true })).toBe("[]\n");
  });

  it("keeps to --limit", async () => {
    const hits = JSON.parse(await run({ query: "refund", limit: 1, json: true }));
    expect(hits).toHaveLength(1);
    expect(JSON.parse(await run({ query: "refund", limit: "1", json: true }))).toEqual(hits);
  });

  it("answers a file of questions with one JSON array a line, in order", async () => {
    const file = join(folder, "questions.txt");
    await writeFile(file, "forgot my password\r\nnothing like this\n\nwhere is my refund\n");
    const lines = (await run({ queries: file, json: false })).split("\n");
    expect(lines.pop()).toBe("");
    const answers = lines.map((line) => (JSON.parse(line) as { id: string }[]).map((hit) => hit.id));
    expect(answers).toEqual([["kb-password"], [], [], ["kb-refunds", "kb-shipping"]]);
  });

  it("refuses a questions file that does not exist", async () => {
    const error = await failure({ queries: join(folder, "missing.txt"), json: true });
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain("missing.txt");
  });

  it("needs exactly one of QUERY and --queries", async () => {
    expect((await failure({ json: true })).code).toBe("invalid_input");
    expect((await failure({ query: "refund", queries: "questions.txt", json: true })).message).toContain("not both");
  });

  it.each([0, 101, 2.5, "ten", "-3", ""])("refuses --limit %s", async (limit) => {
    const error = await failure({ query: "refund", limit, json: true });
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain("--limit");
  });

  it("loads the articles only once the options are valid", async () => {
    const load = vi.fn(async () => articles);
    await expect(run({ query: "refund", limit: 0, json: true }, load)).rejects.toThrow("--limit");
    expect(load).not.toHaveBeenCalled();
    expect(JSON.parse(await run({ query: "refund", json: true }, load))).toHaveLength(2);
    expect(load).toHaveBeenCalledOnce();
  });
});

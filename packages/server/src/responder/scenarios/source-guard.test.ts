import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { escapeRegExp } from "./draft-checks.ts";
import { scenarioVocabulary } from "./scenario-catalogue.ts";

/**
 * The engine works on workspaces it has never seen: its code holds no product noun, company, person,
 * id, error code, figure or date of the acceptance scenarios, nor of the demo workspace.
 */

const responderFolder = fileURLToPath(new URL("..", import.meta.url));
const demoFile = fileURLToPath(new URL("../../demo/demo-workspace.json", import.meta.url));

type DemoWorkspace = {
  customers: { name: string }[];
  knownIssues?: { title: string }[];
};

function demoVocabulary(): string[] {
  const demo = JSON.parse(readFileSync(demoFile, "utf8")) as DemoWorkspace;
  return [
    "Northwind",
    "780",
    "500 MB",
    "500MB",
    "EXPORT_TIMEOUT",
    ...demo.customers.map((customer) => customer.name),
    ...(demo.knownIssues ?? []).map((issue) => issue.title),
  ];
}

/** The engine's own source: every .ts file under responder/ but the tests and these scenarios. */
function engineFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "scenarios" ? [] : engineFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** Numbers as whole numbers, words as whole words (any case), Chinese and dates as they are. */
function patternFor(word: string): RegExp {
  const escaped = escapeRegExp(word);
  if (/^[\d.,_ ]+(MB)?$/.test(word)) return new RegExp(`(?<![\\p{N}_.,])${escaped}(?![\\p{N}_])`, "u");
  if (/\p{Script=Han}/u.test(word) || /^\d{4}-\d{2}-\d{2}$/.test(word)) return new RegExp(escaped, "u");
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, "iu");
}

describe("the responder's source", () => {
  const files = engineFiles(responderFolder);
  const vocabulary = [...new Set([...scenarioVocabulary, ...demoVocabulary()])];

  it("knows the words it must not contain", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(vocabulary).toEqual(
      expect.arrayContaining([
        "Lumora",
        "Imogen Thackeray",
        "UPLOAD_DEADLINE",
        "12480",
        "12,480",
        "云货架",
        "Northwind",
      ]),
    );
    // A team id that is a plain word of the need ("datenschutz" is German for privacy) is general
    // knowledge an engine may hold; ids like "eng-core" or "team-7" are the workspace's own.
    expect(vocabulary).not.toContain("datenschutz");
    expect(vocabulary).toEqual(expect.arrayContaining(["eng-core", "team-7"]));
  });

  it("holds no product noun, name, id, figure or date from the scenarios or the demo", () => {
    const patterns = vocabulary.map((word) => ({ word, lower: word.toLowerCase(), pattern: patternFor(word) }));
    const found = files.flatMap((file) => {
      const text = readFileSync(file, "utf8");
      const lower = text.toLowerCase();
      return patterns
        .filter(({ lower: word, pattern }) => lower.includes(word) && pattern.test(text))
        .map(({ word }) => `${relative(responderFolder, file)}: ${JSON.stringify(word)}`);
    });
    expect(found).toEqual([]);
  });
});

import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { DeskError } from "../core/errors.ts";

/**
 * A folder of downloaded pages plus a small state file (the cursor). Every write goes to a temporary
 * file that is then renamed, so an interrupted run leaves either the old file or the new one, never
 * half of one, and the next run continues from the last saved state.
 */
export type DownloadFolder = {
  folder: string;
  readState<State>(): Promise<State | null>;
  writeState(state: unknown): Promise<void>;
  /** Writes page `index` of `kind` (e.g. "tickets", 12 → tickets/000012.json). */
  writePage(kind: string, index: number, body: unknown): Promise<void>;
  /** Every page of `kind`, in index order. */
  readPages<Page>(kind: string): Promise<Page[]>;
};

const stateFile = "download-state.json";

export async function openDownloadFolder(folder: string): Promise<DownloadFolder> {
  await mkdir(folder, { recursive: true });
  return {
    folder,
    async readState<State>() {
      const text = await readIfExists(path.join(folder, stateFile));
      return text === null ? null : (parseJson(text, path.join(folder, stateFile)) as State);
    },
    async writeState(state) {
      await writeAtomically(path.join(folder, stateFile), JSON.stringify(state, null, 2));
    },
    async writePage(kind, index, body) {
      await mkdir(path.join(folder, kind), { recursive: true });
      await writeAtomically(path.join(folder, kind, pageName(index)), JSON.stringify(body));
    },
    async readPages<Page>(kind: string) {
      return readPagesOf<Page>(folder, kind);
    },
  };
}

/** The pages of `kind` in an export folder, in order; none when the folder has no such kind. */
export async function readPagesOf<Page>(folder: string, kind: string): Promise<Page[]> {
  let names: string[];
  try {
    names = (await readdir(path.join(folder, kind))).filter((name) => /^\d+\.json$/.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  // By page number, so pages saved by hand as 1.json … 12.json come in order too.
  names.sort((left, right) => Number.parseInt(left, 10) - Number.parseInt(right, 10));
  const pages: Page[] = [];
  for (const name of names) {
    const file = path.join(folder, kind, name);
    pages.push(parseJson(await readFile(file, "utf8"), file) as Page);
  }
  return pages;
}

function pageName(index: number): string {
  return `${String(index).padStart(6, "0")}.json`;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const partial = `${file}.partial`;
  await writeFile(partial, text);
  await rename(partial, file);
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DeskError("invalid_input", `${file} is not valid JSON: ${(error as Error).message}.`);
  }
}

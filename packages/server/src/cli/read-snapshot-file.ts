import { readFile } from "node:fs/promises";
import { DeskError } from "../core/errors.ts";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import type { Snapshot } from "../core/snapshot/snapshot-schema.ts";

/** Reads and validates a snapshot file. */
export async function readSnapshotFile(file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new DeskError("invalid_input", `Cannot read ${file}: ${reason}.`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new DeskError("invalid_input", `${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseSnapshot(document);
}

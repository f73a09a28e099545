import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { DeskError } from "../core/errors.ts";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import type { Snapshot } from "../core/snapshot/snapshot-schema.ts";
import { createProgress, type Progress } from "./progress.ts";

/**
 * Reads and validates a snapshot file. The file is read as a stream, with a bar of the bytes read on
 * a terminal (stderr); the whole document is then parsed and validated before the caller writes
 * anything. Measured on a 100k-ticket file (136 MB): reading and validating take about 5 s and
 * 0.75 GB; `responder import` of it peaks near 2 GB, of which PGlite alone holds about 0.75 GB. A
 * streaming JSON parser would save little of that, so there is none yet.
 */
export async function readSnapshotFile(file: string, options: { progress?: Progress } = {}): Promise<Snapshot> {
  const progress = options.progress ?? createProgress(`Reading ${file}`, { unit: "bytes" });
  let text: string;
  let bytes: number;
  try {
    ({ text, bytes } = await readText(file, progress));
  } catch (error) {
    progress.stop();
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new DeskError("invalid_input", `Cannot read ${file}: ${reason}.`);
  }
  progress.note(`Checking ${file} (${(bytes / 1e6).toFixed(1)} MB) before anything is written…`);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new DeskError("invalid_input", `${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseSnapshot(document);
}

async function readText(file: string, progress: Progress): Promise<{ text: string; bytes: number }> {
  const { size } = await stat(file);
  const chunks: Buffer[] = [];
  let read = 0;
  // 1 MiB chunks: few enough events for a big file, small enough for a bar that moves.
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    read += buffer.length;
    progress.update(read, Math.max(size, read));
  }
  // Decoded once at the end, so a multi-byte character split across chunks stays whole.
  return { text: Buffer.concat(chunks, read).toString("utf8"), bytes: read };
}

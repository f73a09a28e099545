import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { DeskError } from "../core/errors.ts";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import type { Snapshot } from "../core/snapshot/snapshot-schema.ts";

/** Reads and validates a snapshot file, reporting bytes read as it goes. */
export async function readSnapshotFile(
  file: string,
  onBytes: (read: number, total: number) => void = () => {},
): Promise<Snapshot> {
  const size = await stat(file).then(
    (info) => info.size,
    () => {
      throw new DeskError("invalid_input", `Cannot read ${file}: no such file.`);
    },
  );
  const chunks: Buffer[] = [];
  let read = 0;
  for await (const chunk of createReadStream(file)) {
    chunks.push(chunk as Buffer);
    read += (chunk as Buffer).length;
    onBytes(read, size);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new DeskError("invalid_input", `${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseSnapshot(document);
}

import { open, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { DeskError } from "../core/errors.ts";

export type FolderLock = { release(): Promise<void> };

type LockOwner = { pid: number; purpose: string; since: string };

const lockFileName = "responder.lock";

/**
 * The embedded database is single-process: a second process opening the same folder would
 * corrupt it. The lock file names its owner so that the refusal can say who holds it.
 * A lock left by a process that no longer runs is taken over.
 */
export async function acquireFolderLock(folder: string, purpose: string): Promise<FolderLock> {
  const lockPath = path.join(folder, lockFileName);
  const owner: LockOwner = { pid: process.pid, purpose, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(JSON.stringify(owner));
      await handle.close();
      return { release: () => releaseIfOurs(lockPath) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = await readOwner(lockPath);
      if (holder && holder.pid !== process.pid && isRunning(holder.pid)) {
        throw new DeskError(
          "database_busy",
          `The data folder ${folder} is in use by another process (pid ${holder.pid}: ${holder.purpose}). ` +
            "Stop it first, or while the desk runs use its HTTP API (e.g. POST /api/v1/import, GET /api/v1/export).",
        );
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new DeskError("database_busy", `Could not lock the data folder ${folder}; try again.`);
}

async function releaseIfOurs(lockPath: string): Promise<void> {
  const holder = await readOwner(lockPath);
  if (holder?.pid === process.pid) await rm(lockPath, { force: true });
}

async function readOwner(lockPath: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(lockPath, "utf8")) as LockOwner;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

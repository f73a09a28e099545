import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/**
 * How a desk serving an embedded data folder can be reached by the commands run beside it. PGlite is
 * single-process, so a command that finds the folder locked talks to the desk over HTTP instead.
 *
 * The file holds a per-run admin secret. It is readable only by the user who owns the data folder,
 * and whoever can read that folder already holds every ticket and token hash in it: the secret adds
 * no access that user does not have.
 */
export const deskAddressFileName = "desk-address.json";

const deskAddressSchema = z.object({
  url: z.url(),
  pid: z.number().int().positive(),
  token: z.string().min(32),
});

export type DeskAddress = z.infer<typeof deskAddressSchema>;

export type PublishedDeskAddress = {
  /** Removes the file, unless another desk has replaced it since. */
  remove(): Promise<void>;
};

/** A fresh secret for one run of the desk, accepted as an admin token until the desk stops. */
export function createLocalAdminToken(): string {
  return `local_${randomBytes(32).toString("base64url")}`;
}

/** Writes the address file into the data folder: owner-only, and whole or not at all (written aside, renamed). */
export async function publishDeskAddress(
  folder: string,
  address: { url: string; token: string },
  pid: number = process.pid,
): Promise<PublishedDeskAddress> {
  const file = path.join(folder, deskAddressFileName);
  const partial = `${file}.${pid}.partial`;
  const handle = await open(partial, "w", 0o600);
  try {
    await handle.writeFile(`${JSON.stringify({ url: address.url, pid, token: address.token })}\n`);
  } finally {
    await handle.close();
  }
  await rename(partial, file);
  return {
    async remove() {
      const current = await readAddressFile(file);
      if (current === null || current.pid === pid) await rm(file, { force: true });
    },
  };
}

/**
 * The desk serving this folder, or null when no address file is there, it does not parse, or the
 * process it names no longer runs (a desk that was killed leaves its file behind).
 */
export async function findRunningDesk(
  folder: string,
  isRunning: (pid: number) => boolean = isProcessRunning,
): Promise<DeskAddress | null> {
  const address = await readAddressFile(path.join(folder, deskAddressFileName));
  return address && isRunning(address.pid) ? address : null;
}

async function readAddressFile(file: string): Promise<DeskAddress | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return null;
  }
  try {
    const parsed = deskAddressSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

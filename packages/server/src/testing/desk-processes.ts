import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../storage/database.ts";

const responderBin = fileURLToPath(new URL("../../bin/responder.js", import.meta.url));

/** A `responder serve` process started by a test, on a shared Postgres. */
export type DeskProcess = {
  role: string;
  child: ChildProcess;
  /** The HTTP address it printed once up (the API for web, the health listener for a worker). */
  address: Promise<string>;
  exited: Promise<number | null>;
  output(): string;
};

export function startDeskProcess(options: {
  databaseUrl: string;
  dataFolder: string;
  role: "web" | "worker";
  adminToken: string;
}): DeskProcess {
  const { databaseUrl, dataFolder, role, adminToken } = options;
  const child = spawn(
    process.execPath,
    [responderBin, "--data", dataFolder, "serve", "--role", role, "--port", "0", "--no-demo"],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, RESPONDER_ADMIN_TOKEN: adminToken, RESPONDER_LOG: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const address = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /is up at (http:\/\/\S+) \(/.exec(output) ?? /health: (http:\/\/\S+)\/healthz/.exec(output);
      if (found?.[1]) resolve(found[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((code) => reject(new Error(`the ${role} process exited (${code}) before it was up:\n${output}`)));
  });
  return { role, child, address, exited, output: () => output };
}

export async function rows<T>(database: DatabaseHandle, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await database.db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

/** A generous deadline that only guards against hanging; it measures nothing. */
export function withDeadline<T>(what: string, promise: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up waiting for ${what} after ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Polls `done` until it holds, within a hang-guarding deadline. */
export async function waitUntil(what: string, done: () => Promise<boolean>, seconds: number): Promise<void> {
  await withDeadline(
    what,
    (async () => {
      while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 100));
    })(),
    seconds,
  );
}

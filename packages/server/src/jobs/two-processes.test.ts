import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../storage/database.ts";
import { createTestDatabase, testDatabaseKind } from "../testing/test-database.ts";
import { createFiringsTable, recordFiringJobName } from "./testing/timer-firings.ts";

const workerScript = fileURLToPath(new URL("./testing/job-worker-process.ts", import.meta.url));
const timersPerWorker = 150;
const workers = ["a", "b"] as const;
const secondsToWait = 25;

type Worker = {
  name: string;
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the first stdout line that starts with `prefix`. */
  nextLine(prefix: string): Promise<string>;
  exited: Promise<number | null>;
  stderr(): string;
};

function startWorker(databaseUrl: string, name: string): Worker {
  const config = JSON.stringify({ databaseUrl, worker: name, timers: timersPerWorker });
  const child = spawn(process.execPath, ["--import", "tsx", workerScript, config], { stdio: "pipe" });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waiting: { prefix: string; resolve(line: string): void }[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    const index = waiting.findIndex((entry) => line.startsWith(entry.prefix));
    if (index >= 0) waiting.splice(index, 1)[0]?.resolve(line);
  });
  const nextLine = (prefix: string) =>
    Promise.race([
      new Promise<string>((resolve) => waiting.push({ prefix, resolve })),
      exited.then((code) => {
        throw new Error(`worker ${name} exited (${code}) before printing "${prefix}":\n${stderr}`);
      }),
    ]);
  return { name, child, nextLine, exited, stderr: () => stderr };
}

async function rows<T>(database: DatabaseHandle, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await database.db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

/** Polls until `done` holds; a generous deadline only guards against hanging, it measures nothing. */
async function waitUntil(done: () => Promise<boolean>, what: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + secondsToWait * 1000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting after ${secondsToWait} s: ${await what()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const started: Worker[] = [];
const opened: DatabaseHandle[] = [];
afterEach(async () => {
  for (const worker of started.splice(0)) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGKILL");
    await worker.exited;
  }
  for (const database of opened.splice(0)) await database.close();
});

const onPostgres = testDatabaseKind() === "postgres";

describe.skipIf(!onPostgres)(
  onPostgres
    ? "two desk processes on one Postgres"
    : "two desk processes on one Postgres (skipped: needs DATABASE_URL; PGlite serves one process only)",
  () => {
    it("fires every timer exactly once, with both processes doing some of the work", async () => {
      const database = await createTestDatabase();
      opened.push(database);
      await database.db.execute(createFiringsTable);
      const [current] = await rows<{ name: string }>(database, sql`select current_database() as name`);
      const url = new URL(process.env.DATABASE_URL ?? "");
      url.pathname = `/${encodeURIComponent(current?.name ?? "")}`;

      for (const name of workers) started.push(startWorker(url.toString(), name));
      await Promise.all(started.map((worker) => worker.nextLine("polling")));
      for (const worker of started) worker.child.stdin.write("schedule\n");
      await Promise.all(started.map((worker) => worker.nextLine("scheduled")));

      const total = timersPerWorker * workers.length;
      const jobCounts = async () => {
        const [counts] = await rows<{ completed: number; other: number }>(
          database,
          sql`select count(*) filter (where state = 'completed')::int as completed,
                     count(*) filter (where state <> 'completed')::int as other
                from pgboss.job where name = ${recordFiringJobName}`,
        );
        return counts ?? { completed: 0, other: 0 };
      };
      await waitUntil(
        async () => (await jobCounts()).completed === total,
        async () => `jobs ${JSON.stringify(await jobCounts())}; ${started.map((worker) => worker.stderr()).join("\n")}`,
      );

      // Stop both gracefully (they wait for running handlers), so that no firing can still arrive.
      for (const worker of started) worker.child.stdin.write("stop\n");
      expect(await Promise.all(started.map((worker) => worker.exited))).toEqual([0, 0]);

      const firings = await rows<{ timer: string; worker: string }>(
        database,
        sql`select timer, worker from timer_firings`,
      );
      const timesFired = new Map<string, number>();
      for (const firing of firings) timesFired.set(firing.timer, (timesFired.get(firing.timer) ?? 0) + 1);
      const expected = new Map(
        workers.flatMap((name) => Array.from({ length: timersPerWorker }, (_, index) => [`${name}-${index}`, 1])),
      );
      expect(timesFired).toEqual(expected);
      expect(firings).toHaveLength(total);
      expect(await jobCounts()).toEqual({ completed: total, other: 0 });

      const firedBy = new Set(firings.map((firing) => firing.worker));
      expect([...firedBy].sort()).toEqual([...workers]);
    });
  },
);

import { parseArgs } from "node:util";
import { z } from "zod";
import type { JobDefinition } from "../packages/server/src/jobs/job-definition.ts";
import {
  createJobRunner,
  defaultBatchSize,
  defaultPollingIntervalSeconds,
} from "../packages/server/src/jobs/job-runner.ts";
import { sqlSessionOf } from "../packages/server/src/jobs/job-sql.ts";
import { openDatabase } from "../packages/server/src/storage/database.ts";
import { loadAverage, positiveInteger, print } from "./bench-helpers.ts";
import { createBackend } from "./desk/backend.ts";

/**
 * The durable job runner as `responder serve` runs it (pg-boss polling, real clock):
 *
 *   npx tsx bench/jobs.ts [--backend pglite|postgres] [--due 5000] [--pending 10000] [--timed 200]
 *
 * Polling interval and batch size default to the runner's own (what `responder serve` uses).
 * 1. throughput: `--due` timers already due when the runner starts; prints timers fired per second.
 * 2. lag: `--pending` timers waiting an hour (the load), then `--timed` timers due over the next few
 *    seconds; prints how long after its due time each one fired (p50, p95, max). Goal: under 1 s.
 */

const { values } = parseArgs({
  options: {
    backend: { type: "string" },
    due: { type: "string", default: "5000" },
    pending: { type: "string", default: "10000" },
    timed: { type: "string", default: "200" },
    "polling-seconds": { type: "string", default: String(defaultPollingIntervalSeconds) },
    "batch-size": { type: "string", default: String(defaultBatchSize) },
  },
});
const kind = values.backend ?? (process.env.DATABASE_URL ? "postgres" : "pglite");
if (kind !== "pglite" && kind !== "postgres") throw new Error(`--backend must be pglite or postgres, not ${kind}`);
const dueCount = positiveInteger(values.due, "--due");
const pendingCount = positiveInteger(values.pending, "--pending");
const timedCount = positiveInteger(values.timed, "--timed");
const pollingIntervalSeconds = Number(values["polling-seconds"]);
const batchSize = positiveInteger(values["batch-size"], "--batch-size");

type Fired = { firedAt: number; dueAt: number };

const backend = await createBackend(kind);
try {
  print(`backend: ${kind} (${backend.location}); load average ${loadAverage()}`);
  await throughput();
  await lag();
} finally {
  await backend.dispose();
}

function runnerOn(database: Awaited<ReturnType<typeof openDatabase>>, fired: Fired[]) {
  const timer: JobDefinition<{ dueAt: number }, null> = {
    name: "bench.timer",
    payload: z.object({ dueAt: z.number() }),
    async handle(payload) {
      fired.push({ firedAt: Date.now(), dueAt: payload.dueAt });
    },
  };
  return createJobRunner({
    database,
    clock: { now: () => new Date() },
    definitions: [timer],
    subscribers: [],
    deps: () => null,
    pollingIntervalSeconds,
    batchSize,
  });
}

// Many timers in one statement, the way pg-boss stores them (stately policy, a key each).
async function insertTimers(
  database: Awaited<ReturnType<typeof openDatabase>>,
  count: number,
  at: (index: number) => number,
) {
  const session = sqlSessionOf(database);
  const chunk = 2000;
  for (let start = 0; start < count; start += chunk) {
    const times = Array.from({ length: Math.min(chunk, count - start) }, (_, offset) => at(start + offset));
    await session.executeSql(
      `insert into pgboss.job (name, data, start_after, singleton_key, policy, retry_limit, keep_until)
       select 'bench.timer', jsonb_build_object('dueAt', due), to_timestamp(due / 1000.0), gen_random_uuid()::text,
              'stately', 3, to_timestamp(due / 1000.0) + interval '1 day'
         from unnest($1::float8[]) as due`,
      [times],
    );
  }
}

async function throughput(): Promise<void> {
  const database = await openDatabase(backend.desk);
  const fired: Fired[] = [];
  const runner = runnerOn(database, fired);
  try {
    await runner.list({ limit: 1 }); // starts pg-boss and creates the queue
    const now = Date.now();
    await insertTimers(database, dueCount, () => now - 1000);
    const started = performance.now();
    await runner.start();
    while (fired.length < dueCount && performance.now() - started < 60_000) await sleep(50);
    const seconds = (performance.now() - started) / 1000;
    print(
      `throughput: ${fired.length} of ${dueCount} due timers fired in ${seconds.toFixed(2)} s = ${(fired.length / seconds).toFixed(0)} timers/s` +
        ` (polling ${pollingIntervalSeconds} s, batch ${batchSize})`,
    );
  } finally {
    await runner.stop();
    await database.close();
  }
}

async function lag(): Promise<void> {
  const database = await openDatabase(backend.desk);
  const fired: Fired[] = [];
  const runner = runnerOn(database, fired);
  try {
    await runner.list({ limit: 1 });
    await sqlSessionOf(database).executeSql("delete from pgboss.job");
    const now = Date.now();
    await insertTimers(database, pendingCount, () => now + 60 * 60 * 1000);
    await runner.start();
    // Spread over 5 seconds, starting 2 seconds from now.
    const first = Date.now() + 2000;
    await insertTimers(database, timedCount, (index) => first + Math.floor((index * 5000) / timedCount));
    const deadline = first + 5000 + 30_000;
    while (fired.length < timedCount && Date.now() < deadline) await sleep(50);
    const lags = fired.map((entry) => entry.firedAt - entry.dueAt).sort((left, right) => left - right);
    const at = (share: number) => lags[Math.min(lags.length - 1, Math.floor(share * lags.length))] ?? Number.NaN;
    print(
      `lag at ${pendingCount} pending timers: ${fired.length} of ${timedCount} fired; ` +
        `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${lags.at(-1)} ms (goal: under 1000 ms)`,
    );
  } finally {
    await runner.stop();
    await database.close();
  }
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

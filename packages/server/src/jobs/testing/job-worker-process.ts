import { createInterface } from "node:readline";
import { z } from "zod";
import { createDesk, defaultWorkspaceId, ensureDefaultWorkspace } from "../../desk.ts";
import { openDatabase } from "../../storage/database.ts";
import { createJobRunner } from "../job-runner.ts";
import { jobDefinitions, notificationSubscribers } from "../registry.ts";
import { recordFiringJob, recordFiringJobName } from "./timer-firings.ts";

/**
 * Test-only desk process (jobs/two-processes.test.ts): opens the desk on a Postgres database and
 * starts the production polling runner, with the test timer added to the desk's own jobs.
 *
 *   node --import tsx job-worker-process.ts '{"databaseUrl":"postgres://…","worker":"a","timers":150}'
 *
 * Talks over stdio, one line at a time: prints "polling" once its runner polls; on "schedule" it
 * schedules its timers (due one to three seconds later) and prints "scheduled <count>"; on "stop" (or
 * SIGTERM) it stops the runner, waiting for running handlers, closes the database and exits.
 */
const configSchema = z.object({
  databaseUrl: z.string().url("databaseUrl must be a postgres:// URL"),
  worker: z.string().min(1, "worker must name this process"),
  timers: z.number().int().min(0, "timers must be a count of timers to schedule"),
  busyMilliseconds: z.number().int().min(0, "busyMilliseconds must be how long each firing works").default(10),
});

const config = configSchema.parse(JSON.parse(process.argv[2] ?? "{}"));
const database = await openDatabase({ kind: "postgres", url: config.databaseUrl, poolSize: 5 });
const desk = createDesk(database);
await ensureDefaultWorkspace(database);
// The runner the desk builds, plus the test timer; `start()` is the same polling `responder serve` starts.
const runner = createJobRunner({
  database,
  clock: desk.clock,
  definitions: [...jobDefinitions, recordFiringJob(config.worker, config.busyMilliseconds)],
  subscribers: notificationSubscribers,
  deps: () => desk,
  onError: (error) => process.stderr.write(`${config.worker}: ${String(error)}\n`),
});
await runner.start();
say("polling");

let stopping: Promise<void> | null = null;
const stop = () => {
  stopping ??= (async () => {
    await runner.stop();
    await database.close();
    process.exit(0);
  })();
  return stopping;
};
process.once("SIGTERM", () => void stop());

async function scheduleTimers(): Promise<void> {
  const now = desk.clock.now().getTime();
  for (let index = 0; index < config.timers; index += 1) {
    // Spread over a few polls of each process, so that both get some of the due timers.
    const runAt = new Date(now + 1000 + Math.floor((index * 2000) / Math.max(1, config.timers)));
    await runner.schedule(
      recordFiringJobName,
      { workspaceId: defaultWorkspaceId, timer: `${config.worker}-${index}` },
      { runAt },
    );
  }
  say(`scheduled ${config.timers}`);
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line === "schedule") await scheduleTimers();
  else if (line === "stop") await stop();
}
// The test went away without saying stop.
await stop();

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

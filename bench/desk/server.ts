import { parseArgs } from "node:util";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { createDesk, defaultWorkspaceId } from "../../packages/server/src/desk.ts";
import { buildApp } from "../../packages/server/src/http/app.ts";
import { type DatabaseSettings, openDatabase } from "../../packages/server/src/storage/database.ts";
import { buildBareApp } from "./bare-app.ts";

/**
 * One HTTP server under load, in its own process so that the load generator does not share its
 * event loop. Started by bench/desk.ts over IPC:
 *
 *   node --import tsx bench/desk/server.ts --app desk|bare (--data DIR | --url URL) [--log] [--jobs]
 *
 * --jobs (desk only) also runs the job runner, as `responder serve` does: deliveries, webhooks, timers.
 *
 * It listens on 127.0.0.1 on a free port, sends `{ port }` to its parent, answers "cpu-usage" with
 * `{ cpuUsage }` and "query-count" with `{ queries }` (statements sent to a Postgres server, each one
 * round trip), and stops on SIGTERM.
 */

const { values } = parseArgs({
  options: {
    app: { type: "string" },
    data: { type: "string" },
    url: { type: "string" },
    log: { type: "boolean", default: false },
    jobs: { type: "boolean", default: false },
  },
});

if (!process.send) throw new Error("bench/desk/server.ts is started by bench/desk.ts (it needs an IPC channel)");
const send = process.send.bind(process);

// Every statement of every pg client (pools included) goes through Client#query: one round trip each.
let queries = 0;
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  queries += 1;
  return (clientQuery as (...args: unknown[]) => unknown).apply(this, args);
} as typeof clientQuery;

let app: FastifyInstance;
let close: () => Promise<void>;
if (values.app === "desk") {
  // The same wiring as `responder serve`, with request logs only when asked (they would go to /dev/null).
  const settings: DatabaseSettings = values.url
    ? { kind: "postgres", url: values.url }
    : { kind: "pglite", dataDir: required(values.data, "--data"), purpose: "bench/desk.ts" };
  const database = await openDatabase(settings);
  const desk = createDesk(database);
  app = await buildApp({ ...desk, defaultWorkspaceId, isReady: () => true, logger: values.log });
  if (values.jobs) await desk.jobs.start();
  close = async () => {
    await app.close();
    if (values.jobs) await desk.jobs.stop();
    await database.close();
  };
} else if (values.app === "bare") {
  const bare = await buildBareApp(
    values.url
      ? { kind: "postgres", url: values.url, poolSize: 10 }
      : { kind: "pglite", dataDir: required(values.data, "--data") },
  );
  app = bare.app;
  close = bare.close;
} else {
  throw new Error(`--app must be desk or bare, not ${values.app}`);
}

const stop = async () => {
  await close();
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
// The parent asks for this process's CPU time around a measured run (CPU per request holds up
// better than requests per second on a busy machine).
process.on("message", (message) => {
  if (message === "cpu-usage") send({ cpuUsage: process.cpuUsage() });
  if (message === "query-count") send({ queries });
});
process.once("disconnect", () => void stop());

await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
send({ port: typeof address === "object" && address ? address.port : 0 });

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required`);
  return value;
}

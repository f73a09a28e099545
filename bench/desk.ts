import os from "node:os";
import { parseArgs } from "node:util";
import { parseSnapshot } from "../packages/server/src/core/snapshot/parse-snapshot.ts";
import { createDesk, defaultWorkspaceId, ensureDefaultWorkspace } from "../packages/server/src/desk.ts";
import { openDatabase } from "../packages/server/src/storage/database.ts";
import { generateSnapshot } from "../packages/server/src/testing/snapshot-generator.ts";
import { loadAverage, positiveInteger, print } from "./bench-helpers.ts";
import { type BenchBackend, createBackend } from "./desk/backend.ts";
import { type LoadOptions, type LoadResult, measurePostsInTurns } from "./desk/load.ts";
import { type ServerProcess, startServer } from "./desk/server-process.ts";

/**
 * The desk core under load, on one backend per run:
 *
 *   npx tsx bench/desk.ts [--backend pglite|postgres] [--tickets 10000] [--seconds 10] [--warm-up 3]
 *                         [--connections 10] [--rounds 2] [--log] [--cpu-prof DIR]
 *
 * --log turns the desk's request logs on (to /dev/null); --cpu-prof writes a V8 CPU profile of each
 * server process into DIR (open it in Chrome DevTools or speedscope).
 *
 * 1. snapshot import: a generated snapshot through desk.snapshots.importSnapshot (what
 *    `responder import` runs), in tickets/s and messages/s;
 * 2. POST /api/v1/tickets on the real app (its own process, loopback, an agent's bearer token),
 *    each request a distinct ticket, 10 connections (autocannon);
 * 3. the ceiling: bare fastify + pg (or PGlite) inserting one row in one transaction, same load;
 *    and the ratio desk/bare. Both servers run side by side and take turns under load (--rounds
 *    turns each, --seconds in all per server), so that other work on the machine weighs on both.
 *
 * Per request it also prints the server process's CPU time, and on Postgres the database server's
 * CPU time and the statements (round trips) the server sent.
 *
 * The backend is PGlite in a temporary folder, or a fresh database on the server in DATABASE_URL;
 * both are removed afterwards. Default backend: postgres when DATABASE_URL is set, else pglite.
 */

const { values } = parseArgs({
  options: {
    backend: { type: "string" },
    tickets: { type: "string", default: "10000" },
    seconds: { type: "string", default: "10" },
    "warm-up": { type: "string", default: "3" },
    connections: { type: "string", default: "10" },
    rounds: { type: "string", default: "2" },
    log: { type: "boolean", default: false },
    "cpu-prof": { type: "string" },
  },
});

const kind = values.backend ?? (process.env.DATABASE_URL ? "postgres" : "pglite");
if (kind !== "pglite" && kind !== "postgres") throw new Error(`--backend must be pglite or postgres, not ${kind}`);
const ticketCount = positiveInteger(values.tickets, "--tickets");
const load = {
  connections: positiveInteger(values.connections, "--connections"),
  seconds: positiveInteger(values.seconds, "--seconds"),
  warmUpSeconds: Number(values["warm-up"]),
};
const rounds = positiveInteger(values.rounds, "--rounds");
/** What the issue asks of the desk on Postgres. */
const goal = 0.75;

const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
print(`desk bench on ${kind} (Node ${process.version}, ${os.cpus().length} × ${cpu}, load average ${loadAverage()})`);

const backend = await createBackend(kind);
const stopping = () => {
  void backend.dispose().finally(() => process.exit(130));
};
process.once("SIGINT", stopping);
process.once("SIGTERM", stopping);
try {
  const { token, emails } = await measureImport(backend);
  const [desk, bare] = (await measureInTurns(backend, [
    { app: "desk", path: "/api/v1/tickets", headers: { authorization: `Bearer ${token}` }, emails },
    { app: "bare", path: "/tickets", emails },
  ])) as [LoadResult, LoadResult];
  print(`  create ticket, desk:  ${describeLoad(desk)}`);
  print(`  insert row, bare ${kind === "postgres" ? "fastify+pg" : "fastify+PGlite"}: ${describeLoad(bare)}`);
  const ratio = desk.requestsPerSecond / bare.requestsPerSecond;
  const cpuRatio =
    desk.cpuMicrosecondsPerRequest && bare.cpuMicrosecondsPerRequest
      ? `, server CPU per request ${(desk.cpuMicrosecondsPerRequest / bare.cpuMicrosecondsPerRequest).toFixed(1)}× the bare` +
        (desk.databaseCpuMicrosecondsPerRequest !== null && bare.databaseCpuMicrosecondsPerRequest !== null
          ? `, database CPU ${(desk.databaseCpuMicrosecondsPerRequest / bare.databaseCpuMicrosecondsPerRequest).toFixed(1)}×`
          : "")
      : "";
  print(
    `  desk/bare: ${percent(ratio)} of the bare throughput, p99 ${(desk.p99 / bare.p99).toFixed(1)}× the bare p99` +
      cpuRatio +
      (kind === "postgres" ? ` (goal: ${percent(goal)} or more; ${ratio >= goal ? "met" : "not met"})` : ""),
  );
} finally {
  await backend.dispose();
}
// Other work on the machine skews every number above; this says how busy it was.
print(`  load average at the end: ${loadAverage()}`);

async function measureImport(backend: BenchBackend): Promise<{ token: string; emails: string[] }> {
  const generated = generateSnapshot({ tickets: ticketCount, seed: 2026 });
  const text = JSON.stringify(generated);
  const validateStarted = performance.now();
  const snapshot = parseSnapshot(JSON.parse(text));
  const validateSeconds = (performance.now() - validateStarted) / 1000;

  const database = await openDatabase(backend.desk);
  try {
    await ensureDefaultWorkspace(database);
    const desk = createDesk(database);
    const started = performance.now();
    const result = await desk.snapshots.importSnapshot(defaultWorkspaceId, snapshot);
    const seconds = (performance.now() - started) / 1000;
    print(
      `  snapshot import: ${result.tickets} tickets, ${result.messages} messages in ${seconds.toFixed(2)} s: ` +
        `${rate(result.tickets, seconds)} tickets/s, ${rate(result.messages, seconds)} messages/s ` +
        `(parse+validate of ${(text.length / 1e6).toFixed(1)} MB before it: ${validateSeconds.toFixed(2)} s)`,
    );
    const agent = snapshot.agents?.find((candidate) => candidate.role === "agent");
    if (!agent) throw new Error("the generated snapshot has no agent to issue a token for");
    const issued = await desk.access.issueToken(defaultWorkspaceId, agent.id, "bench");
    const emails = snapshot.customers.flatMap((customer) => (customer.email ? [customer.email] : []));
    if (emails.length === 0) throw new Error("the generated snapshot has no customer with an email");
    return { token: issued.token, emails };
  } finally {
    // PGlite is single-process: the desk server opens the folder next.
    await database.close();
  }
}

type Target = { app: "desk" | "bare"; path: string; headers?: Record<string, string>; emails: string[] };

async function measureInTurns(backend: BenchBackend, targets: Target[]): Promise<LoadResult[]> {
  const servers: ServerProcess[] = [];
  try {
    const loads: LoadOptions[] = [];
    for (const target of targets) {
      const args = target.app === "desk" ? backend.deskServerArgs : backend.bareServerArgs;
      const server = await startServer(target.app, target.app === "desk" && values.log ? [...args, "--log"] : args, {
        cpuProfileDir: values["cpu-prof"],
      });
      servers.push(server);
      let number = 0;
      loads.push({
        ...load,
        port: server.port,
        path: target.path,
        headers: target.headers,
        nextBody: () => {
          number += 1;
          return ticketBody(number, target.emails);
        },
        cpuMicroseconds: server.cpuMicroseconds,
        databaseCpuMicroseconds: backend.databaseCpuMicroseconds,
        queries: backend.kind === "postgres" ? server.queries : undefined,
      });
    }
    return await measurePostsInTurns(loads, rounds);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** A distinct, valid create-ticket body: an existing customer (by email), a new subject and message. */
function ticketBody(number: number, emails: string[]): string {
  return JSON.stringify({
    customer: { email: emails[number % emails.length] },
    channel: "api",
    subject: `Bench ticket ${number}: cannot export the monthly invoice`,
    priority: (["low", "normal", "high", "urgent"] as const)[number % 4],
    tags: ["bench", `batch-${number % 10}`],
    message: {
      body:
        `Hello, this is request ${number}. When I open Billing and press Export, the page spins and ` +
        "nothing downloads. It worked last month. Could you have a look? Thanks.",
    },
  });
}

function describeLoad(result: LoadResult): string {
  const database =
    result.databaseCpuMicrosecondsPerRequest === null
      ? ""
      : `, database CPU ${Math.round(result.databaseCpuMicrosecondsPerRequest)} µs/request`;
  const queries =
    result.queriesPerRequest === null ? "" : `, ${result.queriesPerRequest.toFixed(2)} statements/request`;
  return (
    `${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
    `server CPU ${result.cpuMicrosecondsPerRequest === null ? "?" : Math.round(result.cpuMicrosecondsPerRequest)} µs/request` +
    `${database}${queries} (${result.requests} requests in ${result.seconds.toFixed(1)} s, ${load.connections} connections)`
  );
}

function rate(count: number, seconds: number): string {
  return String(Math.round(count / seconds));
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

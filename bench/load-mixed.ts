import { createServer, type Server } from "node:http";
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { parseSnapshot } from "../packages/server/src/core/snapshot/parse-snapshot.ts";
import { createDesk, defaultWorkspaceId, ensureDefaultWorkspace } from "../packages/server/src/desk.ts";
import { openDatabase } from "../packages/server/src/storage/database.ts";
import * as schema from "../packages/server/src/storage/schema.ts";
import { generateSnapshot } from "../packages/server/src/testing/snapshot-generator.ts";
import { loadAverage, positiveInteger, print } from "./bench-helpers.ts";
import { type BenchBackend, createBackend } from "./desk/backend.ts";
import { measurePosts } from "./desk/load.ts";
import { startServer } from "./desk/server-process.ts";

/**
 * A mixed workload on the desk, against the bare fastify+pg ceiling measured in the same run:
 *
 *   npx tsx bench/load-mixed.ts [--backend postgres|pglite] [--tickets 2000] [--seconds 10] [--warm-up 5] [--draft-rate 2]
 *
 * The desk runs in its own process with its job runner (as `responder serve` does). Every operation
 * is its own autocannon instance with its own connections, all at once, so each gets its own
 * throughput and latency under the others' load:
 *   create ticket (POST /tickets), reply (POST /tickets/:id/messages), inbox (GET /inbox),
 *   search (GET /search over messages), draft (POST /tickets/:id/draft, the offline engine, at most --draft-rate a second);
 * and webhook deliveries: a subscription to every ticket and message event, posted by the job
 * runner to a receiver in this process, counted with their lag from the event.
 * The ceiling: bare fastify + pg inserting one row per request with all the connections at once.
 * Each operation's share of it: its requests/s over the ceiling's requests/s per connection times
 * its connections.
 */

const { values } = parseArgs({
  options: {
    backend: { type: "string" },
    tickets: { type: "string", default: "2000" },
    seconds: { type: "string", default: "10" },
    "warm-up": { type: "string", default: "5" },
    "draft-rate": { type: "string", default: "2" },
  },
});
const kind = values.backend ?? (process.env.DATABASE_URL ? "postgres" : "pglite");
if (kind !== "pglite" && kind !== "postgres") throw new Error(`--backend must be pglite or postgres, not ${kind}`);
const ticketCount = positiveInteger(values.tickets, "--tickets");
const seconds = positiveInteger(values.seconds, "--seconds");
const warmUpSeconds = Number(values["warm-up"]);
// A draft is CPU work on the desk's event loop; agents ask for a few a second, not as many as it can take.
const draftRate = positiveInteger(values["draft-rate"], "--draft-rate");

type Operation = {
  name: string;
  token: string;
  /** Requests per second at most (all its connections together); as fast as it can when absent. */
  rate?: number;
  connections: number;
  method: "GET" | "POST";
  path: () => string;
  body?: () => string;
};

const searchWords = ["invoice", "refund", "export", "password", "login", "charged twice", "delivery", "billing"];

const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
print(
  `mixed load bench on ${kind} (Node ${process.version}, ${os.cpus().length} × ${cpu}, load average ${loadAverage()})`,
);

const backend = await createBackend(kind);
const receiver = await startWebhookReceiver();
const stopping = () => {
  void Promise.all([backend.dispose(), receiver.close()]).finally(() => process.exit(130));
};
process.once("SIGINT", stopping);
process.once("SIGTERM", stopping);
try {
  const setup = await prepare(backend, receiver.url);
  const operations = mixedOperations(setup);
  const totalConnections = operations.reduce((sum, operation) => sum + operation.connections, 0);

  const bareServer = await startServer("bare", backend.bareServerArgs);
  let number = 0;
  const bare = await measurePosts({
    port: bareServer.port,
    path: "/tickets",
    connections: totalConnections,
    warmUpSeconds,
    seconds: Math.max(3, Math.round(seconds / 2)),
    cpuMicroseconds: bareServer.cpuMicroseconds,
    nextBody: () => {
      number += 1;
      return ticketBody(number, setup.emails);
    },
  }).finally(() => bareServer.stop());
  const perConnection = bare.requestsPerSecond / totalConnections;
  print(
    `  ceiling, bare ${kind === "postgres" ? "fastify+pg" : "fastify+PGlite"} insert: ${Math.round(bare.requestsPerSecond)} req/s, ` +
      `p50 ${bare.p50} ms, p99 ${bare.p99} ms (${totalConnections} connections)`,
  );

  const deskServer = await startServer("desk", [...backend.deskServerArgs, "--jobs"], {
    cpuProfileDir: process.env.BENCH_CPU_PROF,
  });
  try {
    if (warmUpSeconds > 0)
      await Promise.all(operations.map((operation) => drive(deskServer.port, operation, warmUpSeconds)));
    receiver.reset();
    const cpuBefore = await deskServer.cpuMicroseconds();
    const results = await Promise.all(operations.map((operation) => drive(deskServer.port, operation, seconds)));
    const cpuAfter = await deskServer.cpuMicroseconds();
    const webhooks = receiver.snapshot();
    print(`  mixed, ${seconds} s, ${totalConnections} connections in all:`);
    let total = 0;
    for (const [index, operation] of operations.entries()) {
      const result = results[index] as autocannon.Result;
      const rate = result["2xx"] / result.duration;
      total += rate;
      const share = rate / (perConnection * operation.connections);
      print(
        `    ${operation.name.padEnd(14)} ${String(Math.round(rate)).padStart(5)} req/s  p50 ${String(result.latency.p50).padStart(4)} ms  ` +
          `p99 ${String(result.latency.p99).padStart(5)} ms  (${operation.connections} conn; ${percent(share)} of the ceiling for its connections)`,
      );
    }
    const webhookRate = webhooks.count / seconds;
    print(
      `    ${"webhooks".padEnd(14)} ${String(Math.round(webhookRate)).padStart(5)} deliveries/s received, lag from the event p50 ${webhooks.p50} ms, p99 ${webhooks.p99} ms`,
    );
    const answered = results.reduce((sum, result) => sum + result["2xx"], 0);
    const deskCpu = (cpuAfter - cpuBefore) / Math.max(1, answered);
    // CPU per request holds up better than requests per second on a busy machine.
    const cpuRatio = bare.cpuMicrosecondsPerRequest
      ? ` (bare: ${Math.round(bare.cpuMicrosecondsPerRequest)} µs, ${(deskCpu / bare.cpuMicrosecondsPerRequest).toFixed(1)}×)`
      : "";
    print(
      `  all requests: ${Math.round(total)} req/s, ${percent(total / bare.requestsPerSecond)} of the bare ceiling's ${Math.round(bare.requestsPerSecond)} req/s; ` +
        `desk process CPU ${Math.round(deskCpu)} µs a request, jobs and webhooks included${cpuRatio}`,
    );
  } finally {
    await deskServer.stop();
  }
} finally {
  await receiver.close();
  await backend.dispose();
}
print(`  load average at the end: ${loadAverage()}`);

type Setup = { token: string; emails: string[]; ticketIds: string[] };

async function prepare(backend: BenchBackend, webhookUrl: string): Promise<Setup> {
  const snapshot = parseSnapshot(JSON.parse(JSON.stringify(generateSnapshot({ tickets: ticketCount, seed: 2026 }))));
  const database = await openDatabase(backend.desk);
  try {
    await ensureDefaultWorkspace(database);
    const desk = createDesk(database);
    const started = performance.now();
    const result = await desk.snapshots.importSnapshot(defaultWorkspaceId, snapshot);
    print(
      `  loaded ${result.tickets} tickets, ${result.messages} messages in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await database.db
      .insert(schema.agents)
      .values({
        workspaceId: defaultWorkspaceId,
        id: "bench-admin",
        name: "Bench Admin",
        email: "bench-admin@example.test",
        role: "admin",
      })
      .onConflictDoNothing();
    const issued = await desk.access.issueToken(defaultWorkspaceId, "bench-admin", "bench");
    await desk.webhooks.create(
      defaultWorkspaceId,
      {
        url: webhookUrl,
        kinds: ["ticket.created", "message.added"],
        description: "bench receiver",
        secret: "bench-secret-bench-secret",
      },
      new Date(),
    );
    const emails = snapshot.customers.flatMap((customer) => (customer.email ? [customer.email] : []));
    // Replies go to tickets whose channel needs no provider account, so every delivery can succeed.
    const open = snapshot.tickets
      .filter((ticket) => ticket.status !== "closed" && (ticket.channel === "email" || ticket.channel === "chat"))
      .map((ticket) => ticket.id);
    if (emails.length === 0 || open.length === 0)
      throw new Error("the generated snapshot has no customers or open tickets");
    return { token: issued.token, emails, ticketIds: open };
  } finally {
    // PGlite is single-process: the desk server opens the folder next.
    await database.close();
  }
}

function mixedOperations(setup: Setup): Operation[] {
  let number = 0;
  const next = () => {
    number += 1;
    return number;
  };
  const ticket = () => encodeURIComponent(setup.ticketIds[next() % setup.ticketIds.length] as string);
  return [
    {
      name: "create ticket",
      connections: 2,
      method: "POST",
      path: () => "/api/v1/tickets",
      body: () => ticketBody(next(), setup.emails),
    },
    {
      name: "reply",
      connections: 2,
      method: "POST",
      path: () => `/api/v1/tickets/${ticket()}/messages`,
      body: () =>
        JSON.stringify({ author: "agent", public: true, body: `Thanks for waiting: the export is fixed (${next()}).` }),
    },
    { name: "inbox", connections: 2, method: "GET", path: () => "/api/v1/inbox?view=all&limit=50" },
    {
      name: "search",
      connections: 2,
      method: "GET",
      path: () => `/api/v1/search?q=${encodeURIComponent(searchWords[next() % searchWords.length] as string)}`,
    },
    {
      name: "draft",
      connections: 1,
      rate: draftRate,
      method: "POST",
      path: () => `/api/v1/tickets/${ticket()}/draft`,
      body: () => "{}",
    },
  ].map((operation) => ({ ...operation, token: setup.token })) as Operation[];
}

function drive(port: number, operation: Operation, duration: number): Promise<autocannon.Result> {
  return (async () => {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: operation.connections,
      duration,
      ...(operation.rate ? { overallRate: operation.rate } : {}),
      requests: [
        {
          method: operation.method,
          headers: {
            authorization: `Bearer ${operation.token}`,
            ...(operation.body ? { "content-type": "application/json" } : {}),
          },
          setupRequest: (request) => ({
            ...request,
            path: operation.path(),
            ...(operation.body ? { body: operation.body() } : {}),
          }),
        },
      ],
    });
    if (result.errors > 0 || result.non2xx > 0) {
      throw new Error(
        `${operation.name}: ${result.errors} connection errors and ${result.non2xx} non-2xx answers (${JSON.stringify(result.statusCodeStats ?? {})})`,
      );
    }
    return result;
  })();
}

/** A distinct, valid create-ticket body (the same shape bench/desk.ts posts). */
function ticketBody(number: number, emails: string[]): string {
  return JSON.stringify({
    customer: { email: emails[number % emails.length] },
    channel: "api",
    subject: `Bench ticket ${number}: cannot export the monthly invoice`,
    priority: (["low", "normal", "high", "urgent"] as const)[number % 4],
    tags: ["bench", `batch-${number % 10}`],
    message: {
      body: `Hello, this is request ${number}. When I open Billing and press Export, nothing downloads. Could you have a look?`,
    },
  });
}

/** Counts webhook deliveries and their lag from the event's occurredAt; answers 204 to each. */
async function startWebhookReceiver() {
  let lags: number[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      try {
        const occurredAt = Date.parse((JSON.parse(body) as { occurredAt?: string }).occurredAt ?? "");
        if (Number.isFinite(occurredAt)) lags.push(Date.now() - occurredAt);
      } catch {
        // A body that is not JSON is still a delivery.
        lags.push(Number.NaN);
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    reset() {
      lags = [];
    },
    snapshot() {
      const sorted = lags.filter(Number.isFinite).sort((left, right) => left - right);
      const at = (share: number) =>
        sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
      return { count: lags.length, p50: Math.round(at(0.5)), p99: Math.round(at(0.99)) };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

import { parseArgs } from "node:util";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance } from "fastify";
import { rateLimitStoreClass } from "../packages/server/src/http/routes/public-limits.ts";
import { openDatabase } from "../packages/server/src/storage/database.ts";
import { createRateLimitWindows } from "../packages/server/src/storage/shared-limits-store.ts";
import { loadAverage, positiveInteger, print } from "./bench-helpers.ts";
import { createBackend } from "./desk/backend.ts";

/**
 * What a rate limit adds to one public request, counted in process memory (one desk process) or in
 * the shared `rate_limit_windows` table (every process on the database):
 *
 *   npx tsx bench/shared-rate-limits.ts [--backend pglite|postgres] [--requests 2000] [--concurrency 8]
 *
 * The same trivial route three ways (no limit, in-memory limit, shared limit), called in process
 * (`inject`) so that only the limiter differs; prints p50 / p99 per request and requests per second.
 */

const { values } = parseArgs({
  options: {
    backend: { type: "string" },
    requests: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "8" },
  },
});
const backendKind = (values.backend ?? (process.env.DATABASE_URL ? "postgres" : "pglite")) as "pglite" | "postgres";
const requests = positiveInteger(values.requests, "--requests");
const concurrency = positiveInteger(values.concurrency, "--concurrency");

const backend = await createBackend(backendKind);
const database = await openDatabase(backend.desk);
try {
  const counter = createRateLimitWindows(database.db);
  const variants: [string, () => Promise<FastifyInstance>][] = [
    ["no limit", () => appWith(null)],
    ["in-memory limit", () => appWith({})],
    ["shared limit", () => appWith({ store: rateLimitStoreClass(counter, "bench") })],
  ];
  print(`shared rate limits on ${backend.kind}: ${requests} requests per variant, load ${loadAverage()}`);
  const results: Record<string, { p50: number; p99: number; perSecond: number }> = {};
  for (const [name, build] of variants) {
    const app = await build();
    await run(app, Math.min(200, requests), 1); // warm-up
    const sequential = await run(app, requests, 1);
    const parallel = await run(app, requests, concurrency);
    results[name] = { ...sequential, perSecond: parallel.perSecond };
    print(
      `  ${name.padEnd(16)} p50 ${sequential.p50.toFixed(3)} ms  p99 ${sequential.p99.toFixed(3)} ms  ` +
        `${Math.round(parallel.perSecond)} requests/s at ${concurrency} in flight`,
    );
    await app.close();
  }
  const added = (name: string) => (results[name]?.p50 ?? 0) - (results["no limit"]?.p50 ?? 0);
  print(
    `  added per request (p50): in-memory ${added("in-memory limit").toFixed(3)} ms, shared ${added("shared limit").toFixed(3)} ms`,
  );
} finally {
  await database.close();
  await backend.dispose();
}

async function appWith(limit: Record<string, unknown> | null): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  if (limit) await app.register(rateLimit, { global: false, ...limit });
  app.get(
    "/ping",
    limit ? { config: { rateLimit: { max: 1_000_000_000, timeWindow: "1 minute" } } } : {},
    async () => "ok",
  );
  await app.ready();
  return app;
}

/** Calls the route `count` times, `inFlight` at a time, each from its own address (as many visitors would). */
async function run(app: FastifyInstance, count: number, inFlight: number) {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const before = performance.now();
      const response = await app.inject({
        method: "GET",
        url: "/ping",
        remoteAddress: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
      });
      if (response.statusCode !== 200) throw new Error(`answered ${response.statusCode}: ${response.body}`);
      durations.push(performance.now() - before);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const elapsed = performance.now() - started;
  durations.sort((a, b) => a - b);
  const at = (quantile: number) =>
    durations[Math.min(durations.length - 1, Math.floor(quantile * durations.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), perSecond: (count / elapsed) * 1000 };
}

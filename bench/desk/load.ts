import autocannon from "autocannon";

export type LoadResult = {
  requestsPerSecond: number;
  requests: number;
  p50: number;
  p99: number;
  seconds: number;
  /** The server's CPU time per answered request, when a `cpuMicroseconds` probe was given. */
  cpuMicrosecondsPerRequest: number | null;
  /** The database server's CPU time per answered request (Postgres only), when a probe was given. */
  databaseCpuMicrosecondsPerRequest: number | null;
  /** Statements the server sent to the database per answered request, when a `queries` probe was given. */
  queriesPerRequest: number | null;
};

export type LoadOptions = {
  port: number;
  path: string;
  headers?: Record<string, string>;
  /** A new JSON body for every request. */
  nextBody: () => string;
  connections: number;
  warmUpSeconds: number;
  seconds: number;
  /** Reads the server's CPU time (microseconds); called just before and after the measured run. */
  cpuMicroseconds?: () => Promise<number>;
  /** Reads the database server's CPU time (microseconds), the same way. */
  databaseCpuMicroseconds?: () => Promise<number>;
  /** Reads how many statements the server has sent to its database so far. */
  queries?: () => Promise<number>;
};

/**
 * POSTs distinct bodies with autocannon: a short warm-up (JIT, connection pools, caches), then the
 * measured run. Any error or non-2xx answer fails the measurement: a fast 400 is not throughput.
 */
export async function measurePosts(options: LoadOptions): Promise<LoadResult> {
  if (options.warmUpSeconds > 0) await run(options, options.warmUpSeconds);
  const before = await readProbes(options);
  const result = await run(options, options.seconds);
  const after = await readProbes(options);
  const perRequest = (probe: keyof typeof before) => {
    const first = before[probe];
    const last = after[probe];
    return first !== undefined && last !== undefined ? (last - first) / result["2xx"] : null;
  };
  return {
    cpuMicrosecondsPerRequest: perRequest("cpu"),
    databaseCpuMicrosecondsPerRequest: perRequest("databaseCpu"),
    queriesPerRequest: perRequest("queries"),
    requestsPerSecond: result["2xx"] / result.duration,
    requests: result["2xx"],
    p50: result.latency.p50,
    p99: result.latency.p99,
    seconds: result.duration,
  };
}

/**
 * Measures several servers in turns under the same load: a warm-up each, then `rounds` rounds in
 * which each server gets `seconds / rounds` of load in turn. A machine whose other work comes and
 * goes then weighs on every server alike, which one run after the other would not. Latency
 * percentiles are the request-weighted means of the turns' percentiles.
 */
export async function measurePostsInTurns(targets: LoadOptions[], rounds: number): Promise<LoadResult[]> {
  for (const target of targets) if (target.warmUpSeconds > 0) await run(target, target.warmUpSeconds);
  const totals = targets.map(() => ({
    requests: 0,
    seconds: 0,
    p50: 0,
    p99: 0,
    cpu: 0 as number | null,
    databaseCpu: 0 as number | null,
    queries: 0 as number | null,
  }));
  for (let round = 0; round < rounds; round++) {
    for (const [index, target] of targets.entries()) {
      const total = totals[index] as (typeof totals)[number];
      const before = await readProbes(target);
      const result = await run(target, Math.max(1, Math.round(target.seconds / rounds)));
      const after = await readProbes(target);
      const answered = result["2xx"];
      total.requests += answered;
      total.seconds += result.duration;
      total.p50 += result.latency.p50 * answered;
      total.p99 += result.latency.p99 * answered;
      const add = (sum: number | null, first: number | undefined, last: number | undefined) =>
        sum === null || first === undefined || last === undefined ? null : sum + (last - first);
      total.cpu = add(total.cpu, before.cpu, after.cpu);
      total.databaseCpu = add(total.databaseCpu, before.databaseCpu, after.databaseCpu);
      total.queries = add(total.queries, before.queries, after.queries);
    }
  }
  return totals.map((total) => ({
    requestsPerSecond: total.requests / total.seconds,
    requests: total.requests,
    p50: Math.round(total.p50 / total.requests),
    p99: Math.round(total.p99 / total.requests),
    seconds: total.seconds,
    cpuMicrosecondsPerRequest: total.cpu === null ? null : total.cpu / total.requests,
    databaseCpuMicrosecondsPerRequest: total.databaseCpu === null ? null : total.databaseCpu / total.requests,
    queriesPerRequest: total.queries === null ? null : total.queries / total.requests,
  }));
}

async function readProbes(
  options: LoadOptions,
): Promise<{ cpu: number | undefined; databaseCpu: number | undefined; queries: number | undefined }> {
  const [cpu, databaseCpu, queries] = await Promise.all([
    options.cpuMicroseconds?.(),
    options.databaseCpuMicroseconds?.(),
    options.queries?.(),
  ]);
  return { cpu, databaseCpu, queries };
}

async function run(options: LoadOptions, seconds: number): Promise<autocannon.Result> {
  const result = await autocannon({
    url: `http://127.0.0.1:${options.port}`,
    connections: options.connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path: options.path,
        headers: { "content-type": "application/json", ...options.headers },
        setupRequest: (request) => ({ ...request, body: options.nextBody() }),
      },
    ],
  });
  if (result.errors > 0 || result.non2xx > 0) {
    const statuses = JSON.stringify(result.statusCodeStats ?? {});
    throw new Error(
      `POST ${options.path}: ${result.errors} connection errors and ${result.non2xx} non-2xx answers (${statuses})`,
    );
  }
  return result;
}

import autocannon from "autocannon";

export type LoadResult = {
  requestsPerSecond: number;
  requests: number;
  p50: number;
  p99: number;
  seconds: number;
  /** The server's CPU time per answered request, when a `cpuMicroseconds` probe was given. */
  cpuMicrosecondsPerRequest: number | null;
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
};

/**
 * POSTs distinct bodies with autocannon: a short warm-up (JIT, connection pools, caches), then the
 * measured run. Any error or non-2xx answer fails the measurement: a fast 400 is not throughput.
 */
export async function measurePosts(options: LoadOptions): Promise<LoadResult> {
  if (options.warmUpSeconds > 0) await run(options, options.warmUpSeconds);
  const cpuBefore = await options.cpuMicroseconds?.();
  const result = await run(options, options.seconds);
  const cpuAfter = await options.cpuMicroseconds?.();
  return {
    cpuMicrosecondsPerRequest:
      cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / result["2xx"] : null,
    requestsPerSecond: result["2xx"] / result.duration,
    requests: result["2xx"],
    p50: result.latency.p50,
    p99: result.latency.p99,
    seconds: result.duration,
  };
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

import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as a fake provider received it. */
export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body read as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** The body read as an HTML form (application/x-www-form-urlencoded). */
  form: URLSearchParams;
  /** What the fake answered (absent while it is answering, or when it hung). */
  response?: FakeResponse;
};

export type FakeResponse = { status: number; headers?: Record<string, string>; body?: string | Buffer | object };

export type FakeServer = {
  /** Base URL, e.g. http://127.0.0.1:40123, without a trailing slash. */
  url: string;
  requests: RecordedRequest[];
  /** The next `times` requests get this answer instead of the provider's normal one (fault injection). */
  failNext(response: FakeResponse | "hang", times?: number): void;
  close(): Promise<void>;
};

/** A provider's API on a free loopback port, answering with `route`; every request is recorded. */
export async function startFakeServer(
  route: (request: RecordedRequest, server: { url: string }) => FakeResponse | Promise<FakeResponse>,
): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const faults: (FakeResponse | "hang")[] = [];
  const base = { url: "" };
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(incoming.url ?? "/", "http://fake");
    let json: unknown;
    try {
      json = body.length ? JSON.parse(body.toString("utf8")) : undefined;
    } catch {
      json = undefined;
    }
    const request: RecordedRequest = {
      method: incoming.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      body,
      json,
      form: new URLSearchParams(String(incoming.headers["content-type"] ?? "").includes("form") ? body.toString() : ""),
    };
    requests.push(request);
    const fault = faults.shift();
    if (fault === "hang") return; // never answers: the caller's timeout must fire
    const response = fault ?? (await route(request, base));
    request.response = response;
    const payload =
      response.body === undefined
        ? ""
        : Buffer.isBuffer(response.body) || typeof response.body === "string"
          ? response.body
          : JSON.stringify(response.body);
    const isJson = response.body !== undefined && typeof response.body === "object" && !Buffer.isBuffer(response.body);
    outgoing.writeHead(response.status, {
      ...(isJson ? { "content-type": "application/json" } : {}),
      ...response.headers,
    });
    outgoing.end(payload);
  });
  // Idle keep-alive sockets stay open until close(): a server-side timeout racing the client's
  // reuse of a socket makes "fetch failed" at random, which is not what these tests are about.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base.url,
    requests,
    failNext(response, times = 1) {
      for (let count = 0; count < times; count++) faults.push(response);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

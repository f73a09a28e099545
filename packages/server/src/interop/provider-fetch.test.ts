import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createProviderFetch, retryAfterMilliseconds } from "./provider-fetch.ts";

let server: Server | null = null;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

/** A local API that answers each request with the next of `answers`, and records what it was sent. */
async function serveAnswers(answers: { status: number; headers?: Record<string, string>; body?: string }[]) {
  const seen: { authorization: string | undefined }[] = [];
  server = createServer((request, response) => {
    seen.push({ authorization: request.headers.authorization });
    const answer = answers.shift() ?? { status: 500 };
    response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    response.end(answer.body ?? "{}");
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/v2/tickets.json`, seen };
}

describe("fetching from a provider's API", () => {
  it("waits as long as Retry-After says when rate limited, then returns the page", async () => {
    const { url, seen } = await serveAnswers([
      { status: 429, headers: { "retry-after": "7" } },
      { status: 200, body: '{"tickets":[{"id":1}]}' },
    ]);
    const waits: number[] = [];
    const client = createProviderFetch({
      authorization: "Bearer secret",
      provider: "Zendesk",
      sleep: async (milliseconds) => void waits.push(milliseconds),
    });
    await expect(client.getJson(url)).resolves.toEqual({ tickets: [{ id: 1 }] });
    expect(waits).toEqual([7000]);
    expect(seen.map((request) => request.authorization)).toEqual(["Bearer secret", "Bearer secret"]);
  });

  it("backs off on server errors and gives up after the last attempt with the status in the message", async () => {
    const { url } = await serveAnswers([{ status: 502 }, { status: 502 }, { status: 502 }]);
    const waits: number[] = [];
    const client = createProviderFetch({
      authorization: "Bearer x",
      provider: "Help Scout",
      maxAttempts: 3,
      sleep: async (milliseconds) => void waits.push(milliseconds),
    });
    await expect(client.getJson(url)).rejects.toThrow("Help Scout answered 502");
    expect(waits).toEqual([1000, 2000]);
  });

  it("fails at once, saying what to check, when the token is refused", async () => {
    const { url, seen } = await serveAnswers([{ status: 401 }]);
    const client = createProviderFetch({ authorization: "Bearer wrong", provider: "Zendesk", sleep: async () => {} });
    await expect(client.getJson(url)).rejects.toThrow(
      /refused the credentials \(401\).*check the URL, email and token/,
    );
    expect(seen).toHaveLength(1);
  });

  it("reads Retry-After as seconds or as an HTTP date, and caps it", () => {
    const now = Date.parse("2026-11-25T10:00:00Z");
    expect(retryAfterMilliseconds("30", now)).toBe(30_000);
    expect(retryAfterMilliseconds("Wed, 25 Nov 2026 10:00:45 GMT", now)).toBe(45_000);
    expect(retryAfterMilliseconds("86400", now)).toBe(300_000);
    expect(retryAfterMilliseconds("soon", now)).toBeNull();
    expect(retryAfterMilliseconds(null, now)).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

/** What node-postgres and drizzle throw when the server is gone: a failed query whose cause is the lost connection. */
function failedQuery(cause: Error & { code?: string }): Error {
  return new Error('Failed query: select "id" from "tickets"', { cause });
}

describe("the API while the database is unreachable", () => {
  let desk: TestDesk;
  let api: ReturnType<typeof apiClient>;
  let failure: Error | null = null;

  beforeAll(async () => {
    desk = await createTestDesk();
    const list = desk.tickets.list.bind(desk.tickets);
    desk.tickets.list = (...args) => (failure ? Promise.reject(failure) : list(...args));
    api = apiClient(await desk.app(), await desk.issueToken("admin"));
  });

  afterAll(async () => {
    await desk?.close();
  });

  it.each([
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    [
      "a server shutting down",
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
    ],
    ["a server still starting", Object.assign(new Error("the database system is starting up"), { code: "57P03" })],
    ["a connection cut mid-query", new Error("Connection terminated unexpectedly")],
  ])("answers 503 unavailable for %s", async (_name, cause) => {
    failure = failedQuery(cause);
    const response = await api.get("/tickets");
    expect(response.status).toBe(503);
    expect(response.body).toEqual({
      code: "unavailable",
      message: expect.stringMatching(/database cannot be reached/),
    });
  });

  it("still answers 500 for a failure that is ours", async () => {
    failure = failedQuery(Object.assign(new Error('column "nope" does not exist'), { code: "42703" }));
    expect((await api.get("/tickets")).status).toBe(500);
  });

  it("answers normally once the database is back", async () => {
    failure = null;
    expect((await api.get("/tickets")).status).toBe(200);
  });
});

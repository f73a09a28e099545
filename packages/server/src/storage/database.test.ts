import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKind } from "../testing/test-database.ts";
import { type DatabaseHandle, isConnectionFailure } from "./database.ts";
import * as schema from "./schema.ts";

// Without a listener, a connection the server ends is an unhandled "error" event: it would end the
// process (and here fail the run with an unhandled error), whatever the assertions say.
describe.skipIf(testDatabaseKind() !== "postgres")(
  "a desk's Postgres pool when the server ends its connections",
  () => {
    let database: DatabaseHandle;

    beforeAll(async () => {
      database = await createTestDatabase();
    });

    afterAll(async () => {
      await database?.close();
    });

    it("keeps the process alive and serves the next query on a new connection", async () => {
      // Several connections at once, so that several sit idle in the pool afterwards.
      await Promise.all([1, 2, 3].map(() => database.db.select().from(schema.workspaces)));
      // What a server restart does to the pool's idle connections.
      const ended = await asAdmin(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [new URL(database.location).pathname.slice(1)],
      );
      expect(ended).toBeGreaterThan(0);
      // Give the pool the moment it takes to hear of the closed connections (an "error" event each).
      await pause(200);
      await expect(database.db.select().from(schema.workspaces)).resolves.toEqual([]);
    });

    it("fails only the transaction whose connection was ended, and serves the next query", async () => {
      const transaction = database.db.transaction(async (tx) => {
        const result = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as {
          rows: { pid: number }[];
        };
        await asAdmin("select pg_terminate_backend($1)", [Number(result.rows[0]?.pid)]);
        // Ended between two statements: the connection is checked out of the pool, not idle in it.
        await pause(200);
        await tx.select().from(schema.workspaces);
      });
      await expect(transaction).rejects.toThrow();
      await expect(database.db.select().from(schema.workspaces)).resolves.toEqual([]);
    });
  },
);

async function asAdmin(query: string, values: unknown[]): Promise<number> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    return (await admin.query(query, values)).rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

function pause(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

describe("telling a database outage from other failures", () => {
  it.each([
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["a server shutting down", Object.assign(new Error("terminating connection"), { code: "57P01" })],
    ["a connection exception", Object.assign(new Error("connection failure"), { code: "08006" })],
    ["a cut connection", new Error("Connection terminated unexpectedly")],
    [
      "a failed query caused by one",
      new Error("Failed query: select 1", { cause: new Error("Connection terminated") }),
    ],
  ])("counts %s as an outage", (_name, error) => {
    expect(isConnectionFailure(error)).toBe(true);
  });

  it.each([
    ["a missing column", Object.assign(new Error('column "x" does not exist'), { code: "42703" })],
    ["a unique violation", Object.assign(new Error("duplicate key"), { code: "23505" })],
    ["a plain bug", new TypeError("Cannot read properties of undefined")],
    ["something that is not an error", "nope"],
  ])("does not count %s as an outage", (_name, error) => {
    expect(isConnectionFailure(error)).toBe(false);
  });
});

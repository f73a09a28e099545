import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../storage/database.ts";
import { tickets, workspaces } from "../storage/schema.ts";
import { createTestDatabase, testDatabaseKind } from "./test-database.ts";

describe(`createTestDatabase (${testDatabaseKind()})`, () => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });

  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  it("uses the backend the run asked for", () => {
    const expected = process.env.DATABASE_URL ? "postgres" : "pglite";
    expect(testDatabaseKind()).toBe(expected);
    expect(first.kind).toBe(expected);
    expect(second.kind).toBe(expected);
  });

  it("gives a migrated, empty schema", async () => {
    expect(await first.db.select().from(tickets)).toEqual([]);
    expect(await first.db.select().from(workspaces)).toEqual([]);
  });

  it("keeps databases apart", async () => {
    await first.db.insert(workspaces).values({ id: "only-in-first", name: "First", timezone: "UTC" });

    expect((await first.db.select({ id: workspaces.id }).from(workspaces)).map((row) => row.id)).toEqual([
      "only-in-first",
    ]);
    expect(await second.db.select().from(workspaces)).toEqual([]);
  });

  it("starts every database empty, however many came before", async () => {
    const third = await createTestDatabase();
    try {
      expect(await third.db.select().from(workspaces)).toEqual([]);
    } finally {
      await third.close();
    }
  });
});

describe("REQUIRE_POSTGRES", () => {
  it("refuses to fall back to PGlite when DATABASE_URL is missing", async () => {
    const saved = { url: process.env.DATABASE_URL, require: process.env.REQUIRE_POSTGRES };
    delete process.env.DATABASE_URL;
    process.env.REQUIRE_POSTGRES = "1";
    try {
      expect(() => testDatabaseKind()).toThrow(/REQUIRE_POSTGRES=1 but DATABASE_URL is not set/);
      await expect(createTestDatabase()).rejects.toThrow(/DATABASE_URL is not set/);
    } finally {
      restore("DATABASE_URL", saved.url);
      restore("REQUIRE_POSTGRES", saved.require);
    }
  });

  it("fails, naming the server, when DATABASE_URL points at nothing", async () => {
    const saved = process.env.DATABASE_URL;
    // Port 9 (discard) on loopback: nothing listens there.
    process.env.DATABASE_URL = "postgres://tester:secret@127.0.0.1:9/postgres";
    try {
      const error = await createTestDatabase().then(
        () => new Error("expected createTestDatabase() to fail"),
        (failure: unknown) => failure as Error,
      );
      expect(error.message).toMatch(/^Cannot reach the test Postgres server at postgres:\/\/tester@127\.0\.0\.1:9\//);
      expect(error.message).not.toContain("secret");
    } finally {
      restore("DATABASE_URL", saved);
    }
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { ProvidedContext } from "vitest";
import { type DatabaseHandle, openDatabase, redactDatabaseUrl } from "../storage/database.ts";

/**
 * Fresh, migrated, empty databases for tests.
 *
 * - PGlite (the default): the vitest global setup (`global-setup.ts`) migrates one in-memory PGlite
 *   per run and dumps its data folder to a file; every `createTestDatabase()` starts a new PGlite from
 *   that dump (about 0.35 s, against about 3 s to start and migrate from scratch).
 * - Postgres (when DATABASE_URL is set): the global setup recreates and migrates the template database
 *   `responder_test_template`; every call creates `responder_test_<run>_<random>` from it, and `close()`
 *   drops it again.
 *
 * With REQUIRE_POSTGRES=1 (set by `.ci/run` for the Postgres pass) a missing or unreachable server is
 * an error, never a reason to fall back to PGlite or to skip.
 */

export const postgresTemplateName = "responder_test_template";
const testDatabasePrefix = "responder_test_";
/** Taken exclusively while the template is (re)built and shared while it is copied. */
const templateLockKey = 727_002;

declare module "vitest" {
  export interface ProvidedContext {
    /** Set by global-setup.ts: names this run's Postgres databases so teardown can drop leftovers. */
    responderTestRunId: string;
    /** Set by global-setup.ts on PGlite runs: a file holding the migrated template's data folder (tar). */
    responderPgliteTemplateFile: string | null;
    /** Set by global-setup.ts on Postgres runs once `responder_test_template` is migrated. */
    responderPostgresTemplateReady: boolean;
  }
}

/** Which backend `createTestDatabase()` uses; throws when Postgres is required but not configured. */
export function testDatabaseKind(): "pglite" | "postgres" {
  if (process.env.DATABASE_URL) return "postgres";
  if (postgresRequired()) {
    throw new Error(
      "REQUIRE_POSTGRES=1 but DATABASE_URL is not set. Run the suite through scripts/with-postgres.sh " +
        "(or point DATABASE_URL at a Postgres server); it must not fall back to PGlite or skip.",
    );
  }
  return "pglite";
}

/** A fresh, migrated, empty database. The caller closes it (for Postgres that also drops it). */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  return testDatabaseKind() === "postgres" ? createPostgresDatabase(requiredUrl()) : createPgliteDatabase();
}

function postgresRequired(): boolean {
  const value = process.env.REQUIRE_POSTGRES;
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

function requiredUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  return url;
}

// ---------------------------------------------------------------------------------------------------
// PGlite

const pgliteTemplate = onceUntilFailure(loadPgliteTemplate);

async function createPgliteDatabase(): Promise<DatabaseHandle> {
  const client = new PGlite({ loadDataDir: await pgliteTemplate() });
  try {
    // The template is fully migrated, so this only checks the migrations table (a few ms).
    return await openDatabase({ kind: "pglite-memory", pglite: client });
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
}

async function loadPgliteTemplate(): Promise<Blob> {
  const file = await provided("responderPgliteTemplateFile");
  if (file) return new Blob([await readFile(file)]);
  // No global setup (a script, or vitest without the repository config): build it in this process once.
  return buildPgliteTemplate();
}

/** Starts an in-memory PGlite, migrates it and returns its data folder as an uncompressed tarball. */
export async function buildPgliteTemplate(): Promise<Blob> {
  const client = new PGlite();
  try {
    await openDatabase({ kind: "pglite-memory", pglite: client });
    // PGlite's own clone() is dumpDataDir("none") + new PGlite({ loadDataDir }), but only in one
    // process; the dump is what crosses to the test workers.
    return await client.dumpDataDir("none");
  } finally {
    await client.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Postgres

/** Names this process's databases when no global setup provided a run id. */
const processRunId = randomId(4);

async function createPostgresDatabase(url: string): Promise<DatabaseHandle> {
  // Without the global setup (or when it ran for PGlite), prepare the template once per process.
  if (!(await provided("responderPostgresTemplateReady"))) await postgresTemplateReady(url);
  const runId = (await provided("responderTestRunId")) ?? processRunId;
  const name = `${testDatabasePrefix}${runId}_${randomId(6)}`;
  await withAdmin(url, async (admin) => {
    await admin.query("select pg_advisory_lock_shared($1)", [templateLockKey]);
    try {
      await admin.query(`create database ${quoteIdent(name)} template ${quoteIdent(postgresTemplateName)}`);
    } finally {
      await admin.query("select pg_advisory_unlock_shared($1)", [templateLockKey]);
    }
  });
  const drop = () => withAdmin(url, (admin) => dropDatabase(admin, name));
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ kind: "postgres", url: databaseUrl(url, name), poolSize: 5 });
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    ...handle,
    close: () => {
      closing ??= (async () => {
        try {
          await handle.close();
        } finally {
          await drop();
        }
      })();
      return closing;
    },
  };
}

const postgresTemplateReady = onceUntilFailure((url: string) =>
  withAdmin(url, (admin) => preparePostgresTemplate(admin, url, { recreate: false })),
);

/**
 * Makes sure `responder_test_template` exists and is migrated. `recreate` (the global setup, once per
 * run) drops it first, so a run never inherits a template built from other migrations.
 * Callers hold no connection to the template afterwards, as CREATE DATABASE ... TEMPLATE requires.
 */
export async function preparePostgresTemplate(
  admin: pg.Client,
  url: string,
  options: { recreate: boolean },
): Promise<void> {
  await admin.query("select pg_advisory_lock($1)", [templateLockKey]);
  try {
    if (options.recreate) await dropDatabase(admin, postgresTemplateName);
    const exists = await admin.query("select 1 from pg_database where datname = $1", [postgresTemplateName]);
    if (exists.rowCount === 0) await admin.query(`create database ${quoteIdent(postgresTemplateName)}`);
    // Migrates (or, when another run already did, only checks) the template.
    const template = await openDatabase({ kind: "postgres", url: databaseUrl(url, postgresTemplateName), poolSize: 1 });
    await template.close();
  } finally {
    await admin.query("select pg_advisory_unlock($1)", [templateLockKey]);
  }
}

/** Drops this run's test databases that a test forgot to close. */
export async function dropRunDatabases(admin: pg.Client, runId: string): Promise<string[]> {
  const pattern = `${testDatabasePrefix}${runId}\\_%`;
  const result = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [
    pattern,
  ]);
  const names = result.rows.map((row) => row.datname);
  for (const name of names) await dropDatabase(admin, name);
  return names;
}

/** Runs `work` on a connection to the server's maintenance database (the one in DATABASE_URL). */
export async function withAdmin<T>(url: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => {});
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot reach the test Postgres server at ${redactDatabaseUrl(url)}: ${cause}`, { cause: error });
  }
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  // WITH (FORCE) (Postgres 13+) ends the connections a test left open.
  await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`);
}

function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Runs `work` once and shares its promise; after a failure the next call tries again. */
function onceUntilFailure<A extends unknown[], T>(work: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  let pending: Promise<T> | undefined;
  return (...args) => {
    if (!pending) {
      const attempt = work(...args);
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = undefined;
      });
    }
    return pending;
  };
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function randomId(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

/** A value from the global setup, or undefined outside a vitest worker or without the repository config. */
async function provided<K extends keyof ProvidedContext>(key: K): Promise<ProvidedContext[K] | undefined> {
  if (!process.env.VITEST) return undefined;
  try {
    const { inject } = await import("vitest");
    return inject(key) ?? undefined;
  } catch {
    return undefined;
  }
}

import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { DeskError } from "../core/errors.ts";
import { acquireFolderLock, type FolderLock } from "./folder-lock.ts";
import * as schema from "./schema.ts";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseHandle = {
  db: Database;
  kind: "pglite" | "postgres";
  /** Where the data lives, for messages: a folder, or the server without its password. */
  location: string;
  close(): Promise<void>;
};

export type DatabaseSettings =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir: string; purpose: string }
  | { kind: "pglite-memory"; pglite?: PGlite };

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
// Any fixed number works; it only has to be the same in every desk process.
const migrationLockKey = 727_001;

export async function openDatabase(settings: DatabaseSettings): Promise<DatabaseHandle> {
  if (settings.kind === "postgres") return openPostgres(settings.url, settings.poolSize ?? 10);
  if (settings.kind === "pglite-memory") {
    const client = settings.pglite ?? new PGlite();
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    await migratePglite(db as never, { migrationsFolder });
    return { db, kind: "pglite", location: "memory", close: () => client.close() };
  }
  return openEmbedded(settings.dataDir, settings.purpose);
}

async function openEmbedded(dataDir: string, purpose: string): Promise<DatabaseHandle> {
  const folder = path.resolve(dataDir);
  await mkdir(folder, { recursive: true });
  const lock: FolderLock = await acquireFolderLock(folder, purpose);
  try {
    const client = new PGlite(path.join(folder, "pglite"));
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    await migratePglite(db as never, { migrationsFolder });
    return {
      db,
      kind: "pglite",
      location: folder,
      close: async () => {
        await client.close();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const location = redactDatabaseUrl(url);
  // When the server ends a connection (a restart, a failover) its client emits "error"; unheard, that
  // would end the process. The pool hears idle clients and replaces them on next use; a client that is
  // checked out (inside a transaction, between two statements) is heard here, and its caller's next
  // query fails, so the request gets an error and the pool drops the client when it is released.
  pool.on("error", (error) => {
    process.stderr.write(
      `Postgres at ${location}: an idle connection was closed (${error.message}); it will be replaced.\n`,
    );
  });
  pool.on("connect", (client) => {
    client.on("error", () => {});
  });
  outlastOutages();
  try {
    const client = await pool.connect();
    try {
      // Several desk processes may start at once; only one migrates at a time.
      await client.query("select pg_advisory_lock($1)", [migrationLockKey]);
      try {
        await migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [migrationLockKey]);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw new DeskError("unavailable", `Cannot use the Postgres database at ${location}: ${describeCause(error)}`, {
      cause: error,
    });
  }
  const db = drizzlePostgres(pool, { schema }) as unknown as Database;
  return { db, kind: "postgres", location, close: () => pool.end() };
}

const connectionFailureCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
]);

/**
 * Whether Postgres refused a statement for the data it was given: a data exception (class 22) or a
 * broken constraint (class 23). The statement rolled back; the connection is fine.
 */
export function isStatementError(error: unknown): boolean {
  return /^2[23]/.test(postgresErrorOf(error)?.code ?? "");
}

/** The database's own error (with its SQLSTATE `code`) in `error` or its causes: drizzle wraps the driver's. */
export function postgresErrorOf(error: unknown): { code: string; detail?: string } | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    if ("code" in current && typeof current.code === "string" && /^[0-9A-Z]{5}$/.test(current.code)) {
      return current as { code: string; detail?: string };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Whether an error says the database server cannot be reached (down, restarting, connection cut). */
export function isConnectionFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (connectionFailureCodes.has(code) || code.startsWith("08"))) return true;
    if (
      typeof message === "string" &&
      /^(Connection terminated|Client has encountered a connection error)/.test(message)
    ) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

let outlastingOutages = false;

/**
 * pg-boss 10 completes and fails a batch of jobs without awaiting the query (manager.js, onFetch):
 * while Postgres is down those promises reject unheard, and Node ends a process on an unhandled
 * rejection. A connection failure is logged instead (the job is run again once its lease expires);
 * any other unhandled rejection still ends the process, as before.
 */
function outlastOutages(): void {
  if (outlastingOutages) return;
  outlastingOutages = true;
  process.on("unhandledRejection", (reason) => {
    if (!isConnectionFailure(reason)) throw reason;
    const message = reason instanceof Error ? reason.message : String(reason);
    process.stderr.write(`Postgres unreachable (${message}); the desk carries on and retries.\n`);
  });
}

/** A database URL without its password, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "DATABASE_URL (not a valid URL)";
  }
}

function describeCause(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One trivial query: rejects when the database cannot answer (down, restarting, closed). */
export async function pingDatabase(database: DatabaseHandle): Promise<void> {
  await database.db.execute(sql`select 1`);
}

import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { type DatabaseSettings, redactDatabaseUrl } from "../../packages/server/src/storage/database.ts";

/** Where one bench run keeps its data: fresh before, gone after. */
export type BenchBackend = {
  kind: "pglite" | "postgres";
  /** For messages: a folder, or the server without its password. */
  location: string;
  /** The desk's database. */
  desk: DatabaseSettings;
  /** Arguments for bench/desk/server.ts: the desk's database, and the bare route's. */
  deskServerArgs: string[];
  bareServerArgs: string[];
  /**
   * The Postgres server's CPU time so far (user + system, microseconds): its background processes
   * and every backend connected now. Absent for PGlite, which runs inside the server process.
   */
  databaseCpuMicroseconds?: () => Promise<number>;
  dispose(): Promise<void>;
};

export async function createBackend(kind: "pglite" | "postgres"): Promise<BenchBackend> {
  return kind === "postgres" ? createPostgresBackend(requiredDatabaseUrl()) : createPgliteBackend();
}

async function createPgliteBackend(): Promise<BenchBackend> {
  const root = await mkdtemp(path.join(tmpdir(), "responder-bench-"));
  const deskFolder = path.join(root, "desk");
  const bareFolder = path.join(root, "bare", "pglite");
  return {
    kind: "pglite",
    location: root,
    desk: { kind: "pglite", dataDir: deskFolder, purpose: "bench/desk.ts" },
    deskServerArgs: ["--data", deskFolder],
    bareServerArgs: ["--data", bareFolder],
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/** A database of its own on the server in DATABASE_URL, dropped afterwards. */
async function createPostgresBackend(url: string): Promise<BenchBackend> {
  const name = `responder_bench_${randomBytes(4).toString("hex")}`;
  await withAdmin(url, (admin) => admin.query(`create database ${name}`));
  const databaseUrl = new URL(url);
  databaseUrl.pathname = `/${name}`;
  const benchUrl = databaseUrl.toString();
  return {
    kind: "postgres",
    location: redactDatabaseUrl(benchUrl),
    desk: { kind: "postgres", url: benchUrl },
    deskServerArgs: ["--url", benchUrl],
    // Same database, its own table: the same server, settings and disk for both.
    bareServerArgs: ["--url", benchUrl],
    databaseCpuMicroseconds: () => postgresCpuMicroseconds(url),
    dispose: async () => {
      await withAdmin(url, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/**
 * Sums the CPU time of the server's processes as /proc sees them (the server must run on this
 * machine). pg_stat_activity lists the background processes and the connected backends; a backend
 * that came and went between two readings is missed, so readings are taken while pools are open.
 */
async function postgresCpuMicroseconds(url: string): Promise<number> {
  const pids = await withAdmin(url, async (admin) => {
    const { rows } = await admin.query<{ pid: number }>(
      "select pid from pg_stat_activity where pid <> pg_backend_pid()",
    );
    return rows.map((row) => row.pid);
  });
  const ticksPerSecond = 100;
  let ticks = 0;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
    if (!stat) continue;
    // Fields after the command name (which may hold spaces): utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks / ticksPerSecond) * 1e6;
}

function requiredDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error("--backend postgres needs DATABASE_URL (scripts/with-postgres.sh starts a throwaway server)");
  return url;
}

async function withAdmin<T>(url: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

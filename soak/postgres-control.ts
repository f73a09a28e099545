import { existsSync, readdirSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import pg from "pg";
import { runCommand } from "./soak-helpers.ts";

/** Stops and starts the Postgres server the soak runs on, when it is a local cluster this machine controls. */
export type PostgresControl = { stop(): Promise<void>; start(): Promise<void> };

/**
 * A handle on the local cluster behind `adminUrl` (its data folder comes from the server itself),
 * or the reason there is none: a remote server, no pg_ctl, or a folder this user cannot reach.
 */
export async function localPostgresControl(adminUrl: string): Promise<PostgresControl | string> {
  const url = new URL(adminUrl);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname)) {
    return `the server at ${url.hostname} is not on this machine`;
  }
  const binFolder = findPostgresBinaries();
  if (!binFolder) return "pg_ctl is not installed here";
  const client = new pg.Client({ connectionString: adminUrl });
  let dataFolder: string;
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>("show data_directory");
    dataFolder = rows[0]?.data_directory ?? "";
  } catch (error) {
    return `cannot ask the server for its data folder: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
  if (!dataFolder || !existsSync(path.join(dataFolder, "postmaster.pid"))) {
    return `its data folder (${dataFolder || "unknown"}) is not reachable from here`;
  }
  const pgCtl = path.join(binFolder, "pg_ctl");
  // Postgres refuses to run as root: as root, the cluster's owner (postgres) runs pg_ctl.
  const asOwner = (args: string[]) =>
    userInfo().uid === 0 ? runCommand("runuser", ["-u", "postgres", "--", pgCtl, ...args]) : runCommand(pgCtl, args);
  const port = url.port || "5432";
  const logFile = path.join(path.dirname(dataFolder), "server.log");
  return {
    async stop() {
      const result = await asOwner(["-D", dataFolder, "-m", "fast", "-w", "stop"]);
      if (result.code !== 0) throw new Error(`pg_ctl stop failed: ${result.output.trim()}`);
    },
    async start() {
      const result = await asOwner(["-D", dataFolder, "-l", logFile, "-w", "-t", "60", "-o", `-p ${port}`, "start"]);
      if (result.code !== 0) throw new Error(`pg_ctl start failed: ${result.output.trim()}`);
    },
  };
}

function findPostgresBinaries(): string | null {
  for (const folder of (process.env.PATH ?? "").split(path.delimiter)) {
    if (folder && existsSync(path.join(folder, "pg_ctl"))) return folder;
  }
  const debianRoot = "/usr/lib/postgresql";
  if (!existsSync(debianRoot)) return null;
  const versions = readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const folder = path.join(debianRoot, version, "bin");
    if (existsSync(path.join(folder, "pg_ctl"))) return folder;
  }
  return null;
}

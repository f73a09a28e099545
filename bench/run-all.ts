import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/**
 * `npm run bench`: every benchmark script in turn, each in its own process, its output streamed
 * under a heading. Scripts with a Postgres part run a second time against Postgres: the server in
 * DATABASE_URL when set, else a throwaway one from scripts/with-postgres.sh when this machine can
 * start one, else a line saying why that part was skipped. Exits non-zero when a script fails.
 *
 *   npm run bench                     # all of it
 *   npm run bench -- --only desk.ts   # one script (both backends)
 */

type BenchScript = {
  file: string;
  /** Arguments for the embedded-database run (the one every script has). */
  args?: string[];
  /** Arguments for a second run against Postgres; absent when the script has no Postgres part. */
  postgresArgs?: string[];
};

/** The benchmarks, in the order they run. */
const scripts: BenchScript[] = [
  { file: "desk.ts", args: ["--backend", "pglite"], postgresArgs: ["--backend", "postgres"] },
  { file: "create-batches.ts", args: ["--backend", "pglite"], postgresArgs: ["--backend", "postgres"] },
  { file: "classify.ts" },
  { file: "kb-retrieval.ts" },
  { file: "topic-discovery.ts" },
  { file: "drafts.ts" },
  {
    file: "jobs.ts",
    args: ["--backend", "pglite", "--due", "500", "--pending", "2000", "--timed", "50"],
    postgresArgs: ["--backend", "postgres"],
  },
  { file: "widget-latency.ts" },
  // Measured in Debian's chromium, like the e2e journeys it sits with; needs the built web app.
  { file: "../e2e/inbox-first-paint.ts" },
  { file: "email-inbound.ts" },
  {
    file: "report.ts",
    args: ["--backend", "pglite", "--tickets", "100000"],
    postgresArgs: ["--backend", "postgres", "--tickets", "1000000"],
  },
  {
    file: "message-search.ts",
    args: ["--backend", "pglite", "--messages", "20000", "--queries", "200", "--inserts", "300"],
    postgresArgs: ["--backend", "postgres", "--messages", "1000000", "--queries", "300"],
  },
  { file: "import-zendesk.ts", args: ["--tickets", "5000"] },
  {
    file: "shared-rate-limits.ts",
    args: ["--backend", "pglite"],
    postgresArgs: ["--backend", "postgres"],
  },
  {
    file: "load-mixed.ts",
    args: ["--backend", "pglite", "--seconds", "5"],
    postgresArgs: ["--backend", "postgres", "--seconds", "10"],
  },
];

const benchFolder = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(benchFolder);
const withPostgres = path.join(root, "scripts", "with-postgres.sh");

const { values } = parseArgs({
  options: {
    only: { type: "string", multiple: true },
    // Internal: set when this file runs itself under scripts/with-postgres.sh.
    "postgres-part": { type: "boolean", default: false },
  },
});
const selected = scripts.filter((script) => !values.only || values.only.includes(script.file));
if (values.only && selected.length === 0) {
  fail(`--only names no benchmark; the list is ${scripts.map((script) => script.file).join(", ")}`);
}

const failures: string[] = [];
const started = performance.now();

if (values["postgres-part"]) {
  await runPostgresPart(selected);
} else {
  const withoutDatabaseUrl = { ...process.env };
  delete withoutDatabaseUrl.DATABASE_URL;
  for (const script of selected) {
    if (!existsSync(path.join(benchFolder, script.file))) {
      print(`\n== bench/${script.file}: skipped, the file does not exist yet`);
      continue;
    }
    const label = script.postgresArgs ? " (embedded PGlite)" : "";
    // The embedded run of a script with a Postgres part never sees DATABASE_URL.
    await runScript(script, script.args ?? [], label, script.postgresArgs ? withoutDatabaseUrl : process.env);
  }
  const postgresScripts = selected.filter(
    (script) => script.postgresArgs && existsSync(path.join(benchFolder, script.file)),
  );
  if (postgresScripts.length > 0) await startPostgresPart(postgresScripts);
}

if (!values["postgres-part"]) {
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  print(
    failures.length === 0
      ? `\nbench: done in ${seconds} s`
      : `\nbench: ${failures.length} failed (${failures.join(", ")}) in ${seconds} s`,
  );
}
process.exitCode = failures.length === 0 ? 0 : 1;

async function startPostgresPart(postgresScripts: BenchScript[]): Promise<void> {
  if (process.env.DATABASE_URL) {
    await runPostgresPart(postgresScripts);
    return;
  }
  const blocker = whyPostgresCannotStart();
  if (blocker) {
    print(`\n== Postgres part skipped (${postgresScripts.map((script) => script.file).join(", ")}): ${blocker}`);
    return;
  }
  print("\n== Postgres part: starting a throwaway server with scripts/with-postgres.sh");
  const only = postgresScripts.flatMap((script) => ["--only", script.file]);
  const self = fileURLToPath(import.meta.url);
  const code = await run("bash", [withPostgres, process.execPath, ...tsx(self), "--postgres-part", ...only]);
  if (code !== 0) failures.push(`Postgres part (exit ${code})`);
}

async function runPostgresPart(postgresScripts: BenchScript[]): Promise<void> {
  for (const script of postgresScripts) {
    if (script.postgresArgs) await runScript(script, script.postgresArgs, " (Postgres)", process.env);
  }
  // Inside with-postgres.sh the parent counts failures by this process's exit status.
}

async function runScript(script: BenchScript, args: string[], label: string, env: NodeJS.ProcessEnv) {
  print(`\n== bench/${script.file}${label}`);
  const scriptStarted = performance.now();
  const code = await run(process.execPath, [...tsx(path.join(benchFolder, script.file)), ...args], env);
  const seconds = ((performance.now() - scriptStarted) / 1000).toFixed(1);
  if (code === 0) {
    print(`-- bench/${script.file}${label}: ${seconds} s`);
  } else {
    print(`-- bench/${script.file}${label}: FAILED (exit ${code}) after ${seconds} s`);
    failures.push(`${script.file}${label}`);
  }
}

/** Node with tsx's loader: the same as `tsx FILE`, one process fewer. */
function tsx(file: string): string[] {
  return ["--import", import.meta.resolve("tsx"), file];
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    child.on("error", (error) => {
      print(`cannot start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Null when scripts/with-postgres.sh can start a server here; otherwise the reason it cannot. */
function whyPostgresCannotStart(): string | null {
  if (!existsSync(withPostgres)) return "scripts/with-postgres.sh is missing";
  if (hasPostgresBinaries()) return null;
  const isRoot = userInfo().uid === 0;
  if (isRoot && onPath("apt-get")) return null;
  return isRoot
    ? "DATABASE_URL is not set, PostgreSQL is not installed and there is no apt-get to install it"
    : "DATABASE_URL is not set, PostgreSQL is not installed, and installing it needs root (apt-get)";
}

function hasPostgresBinaries(): boolean {
  if (onPath("pg_ctl") && onPath("initdb")) return true;
  const debianRoot = "/usr/lib/postgresql";
  if (!existsSync(debianRoot)) return false;
  return readdirSync(debianRoot).some((version) => existsSync(path.join(debianRoot, version, "bin", "pg_ctl")));
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .some((folder) => folder && existsSync(path.join(folder, command)));
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

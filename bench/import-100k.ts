import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateSnapshot } from "../packages/server/src/testing/snapshot-generator.ts";
import { createBackend } from "./desk/backend.ts";

/**
 * A large snapshot through the real command line, as a person would run it:
 *
 *   npx tsx bench/import-100k.ts [--tickets 100000] [--backend pglite|postgres]
 *
 * Generates the snapshot into a file, runs `responder import FILE` as its own process against a
 * fresh data folder (or a fresh database on the server in DATABASE_URL), and prints the wall time,
 * tickets/s and the import process's peak RSS. Not part of `npm run bench` (it takes minutes).
 */

const { values } = parseArgs({
  options: {
    tickets: { type: "string", default: "100000" },
    backend: { type: "string", default: "pglite" },
  },
});
const tickets = Number(values.tickets);
if (!Number.isInteger(tickets) || tickets <= 0) throw new Error("--tickets must be a positive whole number");
if (values.backend !== "pglite" && values.backend !== "postgres")
  throw new Error("--backend must be pglite or postgres");

const responderBin = fileURLToPath(new URL("../packages/server/bin/responder.js", import.meta.url));
// Preloaded into the import process: writes its peak resident set size (KiB) to a file as it exits.
const reportPeakRss = `data:text/javascript,${encodeURIComponent(
  'import{writeFileSync}from"node:fs";process.on("exit",()=>writeFileSync(process.env.BENCH_PEAK_RSS_FILE,String(process.resourceUsage().maxRSS)))',
)}`;

const folder = await mkdtemp(path.join(tmpdir(), "responder-import-bench-"));
const backend = values.backend === "postgres" ? await createBackend("postgres") : null;
try {
  const file = path.join(folder, `snapshot-${tickets}.json`);
  let started = performance.now();
  const snapshot = generateSnapshot({ tickets, seed: 2026 });
  const messages = snapshot.tickets.reduce((sum, ticket) => sum + ticket.messages.length, 0);
  await writeFile(file, JSON.stringify(snapshot));
  const { size } = await stat(file);
  print(
    `import ${tickets} tickets (${messages} messages, ${(size / 1e6).toFixed(0)} MB file) with \`responder import\` ` +
      `on ${backend ? "postgres" : "pglite"}; generated in ${seconds(started)} s`,
  );

  const rssFile = path.join(folder, "peak-rss");
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_PEAK_RSS_FILE: rssFile };
  delete env.DATABASE_URL;
  const args = [responderBin, "import", file];
  if (backend?.desk.kind === "postgres") env.DATABASE_URL = backend.desk.url;
  else args.push("--data", path.join(folder, "data"));

  started = performance.now();
  const { code, stdout } = await run(process.execPath, ["--import", reportPeakRss, ...args], env);
  const wall = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`responder import exited with ${code}`);
  const peakRss = Number(await readFile(rssFile, "utf8")) * 1024;
  print(`  responder said: ${stdout.trim()}`);
  print(
    `  wall time ${wall.toFixed(1)} s (process start to exit): ${Math.round(tickets / wall)} tickets/s, ` +
      `${Math.round(messages / wall)} messages/s; peak RSS ${(peakRss / 1e6).toFixed(0)} MB`,
  );
} finally {
  await rm(folder, { recursive: true, force: true });
  await backend?.dispose();
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    // stderr passes through: on a terminal it shows the command's own progress bars.
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout }));
  });
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

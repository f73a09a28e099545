import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { killDeskScenario } from "./scenario-kill-desk.ts";
import { postgresRestartScenario } from "./scenario-postgres-restart.ts";
import type { ScenarioResult } from "./scenario-result.ts";
import type { SoakOptions } from "./scenario-setup.ts";
import { slowPeersScenario } from "./scenario-slow-peers.ts";
import { describeError, print } from "./soak-helpers.ts";

/**
 * `npm run soak`: the fault scenarios, each against real desk processes on Postgres, each printing
 * what was sent, acknowledged, stored and delivered. Exits non-zero unless nothing acknowledged was
 * lost and nothing went out twice (and every scenario's own checks hold).
 *
 *   npm run soak                                 # a, b and c, about 4 minutes
 *   npm run soak -- --only a --minutes 10 --rate 20 --kills 6
 *
 * Postgres: DATABASE_URL when set (the soak creates and drops a database per scenario on it), else
 * a throwaway server from scripts/with-postgres.sh.
 */

const scenarios: Record<string, (options: SoakOptions) => Promise<ScenarioResult>> = {
  a: killDeskScenario,
  b: postgresRestartScenario,
  c: slowPeersScenario,
};

const soakFolder = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(soakFolder);

const { values } = parseArgs({
  options: {
    only: { type: "string", multiple: true },
    minutes: { type: "string", default: "1" },
    rate: { type: "string", default: "8" },
    kills: { type: "string", default: "3" },
    "drain-seconds": { type: "string", default: "60" },
    "keep-logs": { type: "boolean", default: false },
  },
});

const options = {
  minutes: positiveNumber("minutes", values.minutes),
  rate: positiveNumber("rate", values.rate),
  kills: Math.round(positiveNumber("kills", values.kills)),
  drainSeconds: positiveNumber("drain-seconds", values["drain-seconds"]),
};
const selected = values.only ?? Object.keys(scenarios);
for (const name of selected) {
  if (!scenarios[name]) fail(`--only ${name}: the scenarios are ${Object.keys(scenarios).join(", ")}`);
}

if (!process.env.DATABASE_URL) {
  print("soak: DATABASE_URL is not set; starting a throwaway Postgres with scripts/with-postgres.sh");
  const self = fileURLToPath(import.meta.url);
  const child = spawn(
    "bash",
    [
      path.join(root, "scripts", "with-postgres.sh"),
      process.execPath,
      "--import",
      import.meta.resolve("tsx"),
      self,
      ...process.argv.slice(2),
    ],
    { cwd: root, stdio: "inherit", env: process.env },
  );
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await runScenarios(process.env.DATABASE_URL);
}

async function runScenarios(adminUrl: string): Promise<void> {
  const workFolder = await mkdtemp(path.join(tmpdir(), "responder-soak-"));
  const soakOptions: SoakOptions = { adminUrl, workFolder, ...options };
  const results: ScenarioResult[] = [];
  const started = Date.now();
  for (const name of selected) {
    const scenario = scenarios[name];
    if (!scenario) continue;
    print(`\n== scenario ${name}`);
    try {
      const result = await scenario(soakOptions);
      results.push(result);
      print(result.table);
      for (const note of result.notes) print(`   ${note}`);
      print(`   ${result.passed ? "PASS" : "FAIL"}`);
    } catch (error) {
      results.push({ name, passed: false, table: "", notes: [] });
      print(`   FAIL: the scenario could not run: ${describeError(error)}`);
    }
  }
  const failed = results.filter((result) => !result.passed);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  print(
    failed.length === 0
      ? `\nsoak: all ${results.length} scenarios held in ${seconds} s`
      : `\nsoak: ${failed.length} of ${results.length} failed (${failed.map((result) => result.name).join("; ")}) in ${seconds} s`,
  );
  if (failed.length === 0 && !values["keep-logs"]) await rm(workFolder, { recursive: true, force: true });
  else print(`soak: desk logs are in ${workFolder}`);
  process.exit(failed.length === 0 ? 0 : 1);
}

function positiveNumber(name: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) fail(`--${name} must be a positive number, not "${value}"`);
  return number;
}

function fail(message: string): never {
  process.stderr.write(`soak: ${message}\n`);
  process.exit(2);
}

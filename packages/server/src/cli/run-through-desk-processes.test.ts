import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "../core/snapshot/snapshot-schema.ts";
import { generateSnapshot } from "../testing/snapshot-generator.ts";
import { deskAddressFileName } from "./desk-address.ts";

// The commands people run beside `responder serve` on one embedded folder: separate processes.
const bin = fileURLToPath(new URL("../../bin/responder.js", import.meta.url));
const adminToken = "test-admin-token-beside-serve-0123";

type Run = { code: number | null; stdout: string; stderr: string };

function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, RESPONDER_DATA: _alsoIgnored, ...env } = process.env;
  return { ...env, RESPONDER_LOG: "off", ...extra };
}

function responder(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args, "--data", dataDir], { env: environment(), stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The import line names how long it took; everything else in it must match. */
const withoutDuration = (text: string) => text.replace(/ in \d+\.\d s\.$/m, " in N s.");

let folder: string;
let dataDir: string;
let snapshot: Snapshot;
let snapshotFile: string;
let ticketId: string;
let month: string;
const commands = (): Record<string, string[]> => ({
  export: ["export"],
  draft: ["draft", ticketId],
  report: ["report", "--json", "--month", month],
  tokens: ["token", "list"],
  import: ["import", snapshotFile],
});
const direct: Record<string, Run> = {};

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "responder-beside-serve-"));
  dataDir = path.join(folder, "data");
  snapshot = generateSnapshot({ tickets: 60, seed: 5 });
  ticketId = snapshot.tickets[0]?.id ?? "";
  month = (snapshot.tickets[0]?.createdAt ?? "").slice(0, 7);
  snapshotFile = path.join(folder, "snapshot.json");
  await writeFile(snapshotFile, JSON.stringify(snapshot));
  const loaded = await responder(["import", snapshotFile]);
  expect(loaded.code).toBe(0);
  expect((await responder(["token", "create", "--agent", snapshot.agents?.[0]?.id ?? ""])).code).toBe(0);
  // What each command prints with no desk running, opening the folder itself (one at a time: it is locked).
  for (const [name, args] of Object.entries(commands())) {
    direct[name] = await responder(args);
    expect(direct[name]?.code, `${name}: ${direct[name]?.stderr}`).toBe(0);
  }
}, 120_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("commands beside a running desk on the same embedded folder", () => {
  let server: ChildProcess | undefined;

  afterAll(() => {
    server?.kill("SIGKILL");
  });

  it("go through the desk, print what they print on a stopped desk, and open the folder again once it stops", async () => {
    server = spawn(process.execPath, [bin, "serve", "--data", dataDir, "--port", "0", "--no-demo"], {
      env: environment({ RESPONDER_ADMIN_TOKEN: adminToken }),
      stdio: "pipe",
    });
    const address = await new Promise<string>((resolve, reject) => {
      let stderr = "";
      server?.stderr?.on("data", (chunk) => {
        stderr += chunk;
        const match = /is up at (http:\/\/[^\s]+) /.exec(stderr);
        if (match?.[1]) resolve(match[1]);
      });
      server?.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    const addressFile = path.join(dataDir, deskAddressFileName);
    expect((await stat(addressFile)).mode & 0o777).toBe(0o600);

    // The readers at once (none of them opens the folder), then the import.
    const { import: importArgs = [], ...readers } = commands();
    const through: Record<string, Run> = Object.fromEntries(
      await Promise.all(Object.entries(readers).map(async ([name, args]) => [name, await responder(args)] as const)),
    );
    through.import = await responder(importArgs);
    for (const [name, run] of Object.entries(through)) {
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
      expect(run.stderr, name).toContain(`(through the desk running at ${address})\n`);
    }
    expect(through.export?.stdout).toBe(direct.export?.stdout);
    expect(through.draft?.stdout).toBe(direct.draft?.stdout);
    expect(through.tokens?.stdout).toBe(direct.tokens?.stdout);
    expect(withoutDuration(through.import?.stdout ?? "")).toBe(withoutDuration(direct.import?.stdout ?? ""));
    expect(through.import?.stdout).toMatch(/^Imported 60 tickets/);
    // The same report; the desk's answer lists an issue's fields in its schema's order.
    expect(JSON.parse(through.report?.stdout ?? "")).toEqual(JSON.parse(direct.report?.stdout ?? ""));

    const audit = await fetch(`${address}/api/v1/audit-log`, { headers: { authorization: `Bearer ${adminToken}` } });
    const { items } = (await audit.json()) as { items: { actor: string; action: string; status: number }[] };
    expect(items).toContainEqual(expect.objectContaining({ actor: "local-cli", action: "POST /import", status: 200 }));

    const stopped = new Promise((resolve) => server?.on("exit", resolve));
    server.kill("SIGTERM");
    await stopped;
    await expect(stat(addressFile)).rejects.toThrow(/ENOENT/);
    const after = await responder(commands().export ?? []);
    expect(after.stderr).toBe("");
    expect(after.code).toBe(0);
    expect(after.stdout).toBe(direct.export?.stdout);
  }, 120_000);

  it("keep today's refusal when the folder is locked and the address file names a process that has ended", async () => {
    const holder = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    try {
      const ended = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
      await new Promise((resolve) => ended.on("exit", resolve));
      await writeFile(
        path.join(dataDir, "responder.lock"),
        JSON.stringify({ pid: holder.pid, purpose: "responder serve", since: new Date().toISOString() }),
      );
      await writeFile(
        path.join(dataDir, deskAddressFileName),
        JSON.stringify({ url: "http://127.0.0.1:9", pid: ended.pid, token: "x".repeat(40) }),
      );
      const run = await responder(["token", "list"]);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/in use by another process/);
      expect(run.stdout).toBe("");
    } finally {
      holder.kill("SIGKILL");
      await rm(path.join(dataDir, "responder.lock"), { force: true });
    }
  });
});

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "../core/snapshot/snapshot-schema.ts";
import { generateSnapshot } from "../testing/snapshot-generator.ts";
import { deskAddressFileName } from "./desk-address.ts";

// These run the `responder` command the way people do: separate processes on one data folder.
const bin = fileURLToPath(new URL("../../bin/responder.js", import.meta.url));
const adminToken = "test-admin-token-0123456789";

type Run = { code: number | null; stdout: string; stderr: string };

function responder(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: withoutDatabaseUrl(env), stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function withoutDatabaseUrl(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return { ...env, ...extra };
}

let folder: string;
let dataDir: string;
let snapshot: Snapshot;
let snapshotFile: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "responder-cli-"));
  dataDir = path.join(folder, "data");
  snapshot = generateSnapshot({ tickets: 639, seed: 7 });
  snapshotFile = path.join(folder, "snapshot.json");
  await writeFile(snapshotFile, JSON.stringify(snapshot));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function exportWorkspace(): Promise<Snapshot> {
  const out = path.join(folder, `export-${Date.now()}.json`);
  const run = await responder(["export", "--data", dataDir, "--out", out]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(await readFile(out, "utf8")) as Snapshot;
}

describe("responder import and export, as separate processes on one data folder", () => {
  it("gives back every customer, ticket, message, event and CSAT of a 639-ticket snapshot", async () => {
    const run = await responder(["import", snapshotFile, "--data", dataDir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Imported 639 tickets/);

    const exported = await exportWorkspace();
    expect(exported.customers).toEqual(snapshot.customers);
    expect(exported.tickets).toHaveLength(639);
    const messageIds = (ticket: Snapshot["tickets"][number]) => ticket.messages.map((message) => message.id);
    for (const [index, ticket] of snapshot.tickets.entries()) {
      const back = exported.tickets[index];
      expect(back?.id).toBe(ticket.id);
      expect(back?.status).toBe(ticket.status);
      expect(back?.csat).toEqual(ticket.csat);
      expect(back?.events ?? []).toEqual(ticket.events ?? []);
      expect(back?.messages.map(({ id: _id, ...message }) => message)).toEqual(
        ticket.messages.map(({ id: _id, ...message }) => message),
      );
      if (ticket.messages.every((message) => message.id)) expect(back && messageIds(back)).toEqual(messageIds(ticket));
    }
  });

  it("exports the same document after importing its own export", async () => {
    const first = await exportWorkspace();
    const file = path.join(folder, "first.json");
    await writeFile(file, JSON.stringify(first));
    expect((await responder(["import", file, "--data", dataDir])).code).toBe(0);
    expect(await exportWorkspace()).toEqual(first);
  });

  it("refuses a snapshot with one bad ticket status, names its JSON path and changes nothing", async () => {
    const before = await exportWorkspace();
    const broken = structuredClone(snapshot);
    const target = broken.tickets[417];
    if (!target) throw new Error("generator made too few tickets");
    (target as { status: string }).status = "resolved";
    target.subject = "changed by the broken import";
    const file = path.join(folder, "broken.json");
    await writeFile(file, JSON.stringify(broken));

    const run = await responder(["import", file, "--data", dataDir]);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("$.tickets[417].status");
    expect(run.stdout).toBe("");
    expect(await exportWorkspace()).toEqual(before);
  });

  it("says clearly what is wrong with a file that is not JSON", async () => {
    const file = path.join(folder, "not-json.json");
    await writeFile(file, "{ this is not json");
    const run = await responder(["import", file, "--data", dataDir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not valid JSON/);
  });
});

describe("responder serve beside the other commands", () => {
  let server: ChildProcess | undefined;

  afterAll(() => {
    server?.kill("SIGKILL");
  });

  it("serves the imported workspace, refuses a second writer it cannot reach, and frees the folder when stopped", async () => {
    server = spawn(process.execPath, [bin, "serve", "--data", dataDir, "--port", "0", "--no-demo"], {
      env: withoutDatabaseUrl({ RESPONDER_ADMIN_TOKEN: adminToken, RESPONDER_LOG: "off" }),
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

    const health = await fetch(`${address}/api/v1/health`);
    expect(await health.json()).toEqual({ status: "ok" });
    const exported = (await (
      await fetch(`${address}/api/v1/export`, { headers: { authorization: `Bearer ${adminToken}` } })
    ).json()) as Snapshot;
    expect(exported.tickets).toHaveLength(639);

    // Without the desk's address a second writer cannot go through the desk (run-through-desk
    // tests cover that path), so it must be refused rather than open the folder beside it.
    await rm(path.join(dataDir, deskAddressFileName));
    const second = await responder(["import", snapshotFile, "--data", dataDir]);
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/in use by another process .*responder serve/);

    const stopped = new Promise((resolve) => server?.on("exit", resolve));
    server.kill("SIGTERM");
    await stopped;
    expect((await exportWorkspace()).tickets).toHaveLength(639);
  });
});

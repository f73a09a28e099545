import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "../../core/snapshot/snapshot-schema.ts";
import {
  type FakeZendesk,
  generateZendeskAccount,
  startFakeZendesk,
} from "../../testing/fake-providers/fake-zendesk.ts";

// The `responder` command as people run it: a separate process against the fake account's API.
const bin = fileURLToPath(new URL("../../../bin/responder.js", import.meta.url));
const email = "admin@acme.example";
const token = "zendesk-api-token-456";

type Run = { code: number | null; stdout: string; stderr: string };

function responder(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const account = generateZendeskAccount({ tickets: 40, seed: 21 });
const liveTickets = account.tickets.filter((ticket) => ticket.status !== "deleted");
let fake: FakeZendesk;
let folder: string;

beforeAll(async () => {
  // A short rate-limit window on the real clock, so the process really waits, a second at a time.
  fake = await startFakeZendesk({
    account,
    email,
    token,
    realTime: true,
    windowMilliseconds: 1000,
    requestsPerMinute: 20,
  });
  folder = await mkdtemp(path.join(tmpdir(), "responder-zendesk-"));
});

afterAll(async () => {
  await fake.close();
  await rm(folder, { recursive: true, force: true });
});

async function exportedTickets(dataDir: string): Promise<Snapshot["tickets"]> {
  const out = path.join(folder, `export-${Date.now()}.json`);
  const run = await responder(["export", "--data", dataDir, "--out", out]);
  expect(run.code).toBe(0);
  return (JSON.parse(await readFile(out, "utf8")) as Snapshot).tickets;
}

describe("responder import --from zendesk", () => {
  it("downloads the account over its API, imports it, prints the summary, and a second run adds nothing", async () => {
    const dataDir = path.join(folder, "data-api");
    const pages = path.join(folder, "pages");
    const args = [
      "import",
      "--from",
      "zendesk",
      "--url",
      fake.url,
      "--email",
      email,
      "--token",
      token,
      pages,
      "--data",
      dataDir,
    ];
    const first = await responder(args);
    expect(first.stderr).toContain(`Imported ${liveTickets.length} tickets`);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`tickets: ${liveTickets.length}`);
    expect(first.stdout).toMatch(/Kept in attributes: .*ticket\.via/);
    expect(fake.rateLimited()).toBeGreaterThan(0);

    const second = await responder(args);
    expect(second.code).toBe(0);
    // The folder it downloaded is an export folder: the file path reads it, and adds nothing either.
    const third = await responder(["import", "--from", "zendesk", pages, "--data", dataDir]);
    expect(third.code).toBe(0);
    expect(third.stdout).toBe(first.stdout);

    const tickets = await exportedTickets(dataDir);
    expect(tickets).toHaveLength(liveTickets.length);
    const messages = tickets.reduce((sum, ticket) => sum + ticket.messages.length, 0);
    expect(messages).toBe(liveTickets.reduce((sum, ticket) => sum + (account.comments.get(ticket.id)?.length ?? 0), 0));
  }, 180_000);

  it("says what to check when the token is refused", async () => {
    const run = await responder([
      "import",
      "--from",
      "zendesk",
      "--url",
      fake.url,
      "--email",
      email,
      "--token",
      "wrong",
      path.join(folder, "refused"),
      "--data",
      path.join(folder, "data-refused"),
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/refused the credentials \(401\)/);
  }, 60_000);
});

import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FakeHelpScout,
  generateHelpScoutAccount,
  startFakeHelpScout,
} from "../../testing/fake-providers/fake-help-scout.ts";

// The `responder` command as people run it, in its own process, against a fake Help Scout on a port.
const bin = fileURLToPath(new URL("../../../bin/responder.js", import.meta.url));
const token = "cli-help-scout-token";
// Each process opens (and on first use migrates) its own embedded database: seconds, not milliseconds.
const processTimeout = 120_000;

type Run = { code: number | null; stdout: string; stderr: string };

function responder(args: string[]): Promise<Run> {
  const { DATABASE_URL: _ignored, RESPONDER_IMPORT_TOKEN: _token, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...env, RESPONDER_LOG: "off" }, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const account = generateHelpScoutAccount({ seed: 3, conversations: 40 });
const spam = account.conversations.filter((conversation) => conversation.status === "spam").length;
let fake: FakeHelpScout;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "help-scout-cli-"));
  fake = await startFakeHelpScout({ account, token, rateLimit: { every: 15, retryAfterSeconds: 1 } });
});

afterAll(async () => {
  await fake?.close();
  await rm(folder, { recursive: true, force: true });
});

describe("responder import --from helpscout", () => {
  it(
    "downloads the account over the API with the rate limit in force, imports it and prints what was mapped",
    async () => {
      const dataDir = path.join(folder, "data-api");
      const pages = path.join(folder, "pages");
      const run = await responder([
        "import",
        "--from",
        "helpscout",
        "--url",
        fake.url,
        "--token",
        token,
        pages,
        "--data",
        dataDir,
      ]);
      expect(run.stderr).toContain(`Imported ${account.conversations.length - spam} tickets`);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("Mapped from helpscout:");
      expect(run.stdout).toContain(`  conversations: ${account.conversations.length - spam}`);
      expect(run.stdout).toMatch(/Kept in attributes: .*conversation\.customFields/);
      expect(run.stdout).toMatch(/Note: 1 users appear on conversations but are no longer in the account/);
      expect(fake.requests.some((request) => request.response?.status === 429)).toBe(true);
      // The pages stay in the folder, with the cursor at its end: `import --from helpscout DIR` reads them again.
      const state = JSON.parse(await readFile(path.join(pages, "download-state.json"), "utf8")) as { stage: string };
      expect(state.stage).toBe("done");
    },
    processTimeout,
  );

  it(
    "refuses a wrong token with exit status 2 and one line saying what to check",
    async () => {
      const run = await responder([
        "import",
        "--from",
        "helpscout",
        "--url",
        fake.url,
        "--token",
        "wrong",
        path.join(folder, "refused"),
        "--data",
        path.join(folder, "data-refused"),
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/Help Scout refused the credentials \(401\)/);
    },
    processTimeout,
  );
});

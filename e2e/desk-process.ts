import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = path.join(root, "packages/server/bin/responder.js");

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Fails with what to install, rather than skipping: a browser test that does not run proves nothing. */
export function requireBrowserAndBuild(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is missing at ${chromiumPath}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  if (!existsSync(path.join(root, "packages/web/dist/index.html"))) {
    throw new Error("The web app is not built: run `npm run build` first (`npm test` and `npm run e2e` do).");
  }
}

export type RunningDesk = { address: string; stop(): Promise<void> };

/** `responder serve` on a fresh temporary data folder and a free port, with the demo workspace. */
export async function startDesk(): Promise<RunningDesk> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "responder-e2e-"));
  const { DATABASE_URL: _ignored, RESPONDER_ADMIN_TOKEN: _token, ...env } = process.env;
  const child: ChildProcess = spawn(process.execPath, [bin, "serve", "--data", dataDir, "--port", "0"], {
    env: { ...env, RESPONDER_LOG: "off" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stderr?.on("data", (chunk) => {
      output += chunk;
      const match = /is up at (http:\/\/[^\s]+) /.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`responder serve exited with ${code}:\n${output}`)));
  });
  return {
    address,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

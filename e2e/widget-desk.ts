import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../packages/server/bin/responder.js", import.meta.url));

export type WidgetDesk = { address: string; adminToken: string; stop(): Promise<void> };

/** `responder serve` on a fresh temporary data folder and a free port, without the demo, with a known admin token. */
export async function startWidgetDesk(): Promise<WidgetDesk> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "responder-widget-e2e-"));
  const adminToken = `e2e-${randomBytes(16).toString("hex")}`;
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, [bin, "serve", "--data", dataDir, "--port", "0", "--no-demo"], {
    env: { ...env, RESPONDER_LOG: "off", RESPONDER_ADMIN_TOKEN: adminToken },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stderr.on("data", (chunk) => {
      output += chunk;
      const match = /is up at (http:\/\/[^\s]+) /.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`responder serve exited with ${code}:\n${output}`)));
  });
  return {
    address,
    adminToken,
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

import { spawn } from "node:child_process";
import { createServer } from "node:net";

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A whole number in [low, high]. */
export function randomBetween(low: number, high: number): number {
  return low + Math.floor(Math.random() * (high - low + 1));
}

/** Polls `check` until it is true or the time is up; true when it became true. */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, stepMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(stepMs);
  }
}

export type CommandResult = { code: number; output: string };

/** Runs a command to its end, collecting stdout and stderr together. */
export function runCommand(command: string, args: string[]): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", (error) => resolve({ code: 127, output: error.message }));
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Two columns, the label left-aligned and the number right-aligned. */
export function formatTable(title: string, rows: [string, string | number][]): string {
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => String(value).length));
  const rule = "-".repeat(labelWidth + valueWidth + 3);
  const lines = rows.map(([label, value]) => `${label.padEnd(labelWidth)}   ${String(value).padStart(valueWidth)}`);
  return [title, rule, ...lines, rule].join("\n");
}

export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const cause = (error as { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? ` (${cause.message})` : "";
    return `${typeof code === "string" ? `${code}: ` : ""}${error.message}${causeText}`;
  }
  return String(error);
}

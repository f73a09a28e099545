import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const serverScript = fileURLToPath(new URL("./server.ts", import.meta.url));

export type ServerProcess = {
  port: number;
  pid: number;
  /** The server process's CPU time so far (user + system), in microseconds. */
  cpuMicroseconds(): Promise<number>;
  stop(): Promise<void>;
};

/** Starts bench/desk/server.ts in its own process and waits until it listens. */
export async function startServer(
  app: "desk" | "bare",
  args: string[],
  options: { cpuProfileDir?: string } = {},
): Promise<ServerProcess> {
  const profile = options.cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", options.cpuProfileDir] : [];
  const child = fork(serverScript, ["--app", app, ...args], {
    execArgv: ["--import", import.meta.resolve("tsx"), ...profile],
    // Request logs (with --log) go nowhere, as they would to a log file; errors still show.
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { port: number }).port));
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      reject(new Error(`the ${app} server exited (${signal ?? code}) before listening`)),
    );
  });
  return {
    port,
    pid: child.pid ?? 0,
    cpuMicroseconds: () =>
      new Promise((resolve) => {
        const onMessage = (message: unknown) => {
          const usage = (message as { cpuUsage?: NodeJS.CpuUsage }).cpuUsage;
          if (!usage) return;
          child.off("message", onMessage);
          resolve(usage.user + usage.system);
        };
        child.on("message", onMessage);
        child.send("cpu-usage");
      }),
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(timer);
}

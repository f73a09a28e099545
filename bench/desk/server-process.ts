import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const serverScript = fileURLToPath(new URL("./server.ts", import.meta.url));

export type ServerProcess = {
  port: number;
  pid: number;
  /** The server process's CPU time so far (user + system), in microseconds. */
  cpuMicroseconds(): Promise<number>;
  /** Statements the server has sent to a Postgres server so far (every pg client query, BEGIN and COMMIT included). */
  queries(): Promise<number>;
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
    cpuMicroseconds: async () => {
      const usage = await ask<NodeJS.CpuUsage>(child, "cpu-usage", "cpuUsage");
      return usage.user + usage.system;
    },
    queries: () => ask<number>(child, "query-count", "queries"),
    stop: () => stopChild(child),
  };
}

/** Sends `question` over IPC and resolves with the `field` of the first answer that has it. */
function ask<Answer>(child: ChildProcess, question: string, field: string): Promise<Answer> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (typeof message !== "object" || message === null || !(field in message)) return;
      child.off("message", onMessage);
      resolve((message as Record<string, Answer>)[field] as Answer);
    };
    child.on("message", onMessage);
    child.send(question);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(timer);
}

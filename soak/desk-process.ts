import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { waitFor } from "./soak-helpers.ts";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const responderBin = path.join(root, "packages", "server", "bin", "responder.js");

export type DeskProcessOptions = {
  databaseUrl: string;
  adminToken: string;
  httpPort: number;
  smtpPort: number;
  /** Where replies go out: the soak's sink. */
  outboundSmtpUrl: string;
  /** Embedded-database folder (unused on Postgres, but never the default ./data). */
  dataFolder: string;
  attachmentsFolder: string;
  /** Every line the desk writes, from every start, is appended here. */
  logFile: string;
};

/**
 * One `responder serve` process at a time, on fixed ports, that can be killed without warning and
 * started again: the desk as an operator runs it.
 */
export class DeskProcess {
  private child: ChildProcess | null = null;
  private readonly log: WriteStream;
  private lines: string[] = [];
  starts = 0;
  kills = 0;
  /** Exits nobody asked for: a crash. */
  unexpectedExits: string[] = [];

  constructor(private readonly options: DeskProcessOptions) {
    this.log = createWriteStream(options.logFile, { flags: "a" });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.options.httpPort}`;
  }

  get smtpPort(): number {
    return this.options.smtpPort;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Lines the desk has written so far (all starts). */
  logLines(): string[] {
    return this.lines;
  }

  async start(extraEnvironment: Record<string, string> = {}): Promise<void> {
    const { options } = this;
    this.starts += 1;
    const environment: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      RESPONDER_ADMIN_TOKEN: options.adminToken,
      RESPONDER_SMTP_URL: options.outboundSmtpUrl,
      RESPONDER_EMAIL_FROM: "Support <support@desk.test>",
      RESPONDER_ATTACHMENTS: options.attachmentsFolder,
      RESPONDER_LOG: "off",
      ...extraEnvironment,
    };
    const child = spawn(
      process.execPath,
      [
        responderBin,
        "serve",
        "--port",
        String(options.httpPort),
        "--smtp-port",
        String(options.smtpPort),
        "--no-demo",
        "--data",
        options.dataFolder,
      ],
      { cwd: root, env: environment, stdio: ["ignore", "pipe", "pipe"] },
    );
    this.child = child;
    const start = this.starts;
    this.log.write(`--- start ${start} (pid ${child.pid})\n`);
    const take = (chunk: Buffer) => {
      this.log.write(chunk);
      for (const line of chunk.toString().split("\n")) if (line.trim()) this.lines.push(line);
    };
    child.stdout?.on("data", take);
    child.stderr?.on("data", take);
    child.on("exit", (code, signal) => {
      this.log.write(`--- start ${start} exited (code ${code}, signal ${signal})\n`);
      if (signal !== "SIGKILL" && signal !== "SIGTERM" && this.child === child) {
        this.unexpectedExits.push(`start ${start}: exit code ${code}, signal ${signal}`);
      }
    });
    const healthy = await waitFor(async () => !this.running || (await this.isHealthy()), 60_000, 200);
    if (!healthy || !this.running) {
      throw new Error(`the desk did not come up (see ${options.logFile})`);
    }
  }

  async isHealthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
      return response.status === 200;
    } catch {
      return false;
    }
  }

  /** kill -9: no chance to finish anything. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.kills += 1;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGKILL");
    await exited;
  }

  /** A polite stop (SIGTERM), as at the end of a run. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child && this.running) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    this.child = null;
    await new Promise<void>((resolve) => this.log.end(() => resolve()));
  }
}

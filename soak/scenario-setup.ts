import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { DeskProcess } from "./desk-process.ts";
import { MailSink } from "./mail-sink.ts";
import { freePort } from "./soak-helpers.ts";
import { SoakTraffic } from "./traffic.ts";

export type SoakOptions = {
  /** The server the soak may create databases on (DATABASE_URL). */
  adminUrl: string;
  /** Where desk logs and data go for this run. */
  workFolder: string;
  /** Minutes of sustained traffic in the kill scenario. */
  minutes: number;
  /** Operations per second. */
  rate: number;
  kills: number;
  /** How long to wait, after traffic, for replies still on their way. */
  drainSeconds: number;
};

/** What a scenario works with: its own database, a desk process on it, the sink and the traffic. */
export type ScenarioSetup = {
  databaseUrl: string;
  database: pg.Pool;
  desk: DeskProcess;
  sink: MailSink;
  traffic: SoakTraffic;
  folder: string;
  close(): Promise<void>;
};

/** A fresh database named after the scenario, a sink, and a desk process (not started yet). */
export async function setUpScenario(
  name: string,
  options: SoakOptions,
  overrides: { attachmentsFolder?: string } = {},
): Promise<ScenarioSetup> {
  const folder = path.join(options.workFolder, name);
  await mkdir(folder, { recursive: true });
  const databaseName = `soak_${name.replace(/[^a-z0-9]/g, "_")}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${databaseName}`);
  } finally {
    await admin.end();
  }
  const databaseUrl = withDatabase(options.adminUrl, databaseName);
  const database = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  // The soak's own pool sees the same outages as the desk; an idle client's error is expected then.
  database.on("error", () => {});
  const sink = new MailSink();
  await sink.start();
  const adminToken = `soak-admin-${randomBytes(12).toString("hex")}`;
  const desk = new DeskProcess({
    databaseUrl,
    adminToken,
    httpPort: await freePort(),
    smtpPort: await freePort(),
    outboundSmtpUrl: `smtp://127.0.0.1:${sink.port}`,
    dataFolder: path.join(folder, "data"),
    attachmentsFolder: overrides.attachmentsFolder ?? path.join(folder, "attachments"),
    logFile: path.join(folder, "desk.log"),
  });
  const traffic = new SoakTraffic({ baseUrl: desk.baseUrl, smtpPort: desk.smtpPort, adminToken }, database);
  return {
    databaseUrl,
    database,
    desk,
    sink,
    traffic,
    folder,
    async close() {
      await desk.stop();
      await sink.close();
      await database.end().catch(() => {});
      const cleanup = new pg.Client({ connectionString: options.adminUrl });
      try {
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${databaseName} with (force)`);
      } catch {
        // A leftover database on a throwaway server does no harm.
      } finally {
        await cleanup.end().catch(() => {});
      }
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

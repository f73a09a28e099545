import { readFile } from "node:fs/promises";
import { and, eq, isNull } from "drizzle-orm";
import { type ImapInbound, startImapInbound } from "./channels/email/imap-inbound.ts";
import { type SmtpInbound, startSmtpInbound } from "./channels/email/smtp-inbound.ts";
import { configuredChannels } from "./channels/registry.ts";
import type { Settings } from "./config/config.ts";
import { receiveMessage } from "./core/channels/receive-message.ts";
import { parseSnapshot } from "./core/snapshot/parse-snapshot.ts";
import { shiftSnapshotToDay } from "./core/snapshot/shift-snapshot.ts";
import { createDesk, type Desk, defaultWorkspaceId, ensureDefaultWorkspace, isWorkspaceEmpty } from "./desk.ts";
import { buildApp } from "./http/app.ts";
import { createModelWriter } from "./responder/model-writer.ts";
import { createFolderAttachmentFiles } from "./storage/attachment-files.ts";
import { openDatabase } from "./storage/database.ts";
import * as schema from "./storage/schema.ts";

const demoFile = new URL("./demo/demo-workspace.json", import.meta.url);
// Per sender address: enough for a person, far too few for a mail loop.
const smtpRateLimit = { limit: 30, windowMs: 10 * 60_000 };

/** The desk process: opens the database, seeds a fresh one, serves HTTP until told to stop. */
export async function serve(
  settings: Settings,
  options: { demo: boolean; smtpPort?: number; host: string },
): Promise<void> {
  let ready = false;
  const database = await openDatabase(settings.database);
  const desk = createDesk(database, undefined, {
    model: settings.model ? createModelWriter(settings.model) : null,
    channels: configuredChannels({ settings, database }),
    attachmentFiles: createFolderAttachmentFiles(settings.email.attachmentsFolder),
    publicUrl: settings.publicUrl ?? `http://localhost:${settings.port}`,
  });
  let smtp: SmtpInbound | null = null;
  let imap: ImapInbound | null = null;
  await ensureDefaultWorkspace(database);

  if (options.demo && settings.database.kind === "pglite" && (await isWorkspaceEmpty(database, defaultWorkspaceId))) {
    const snapshot = shiftSnapshotToDay(parseSnapshot(JSON.parse(await readFile(demoFile, "utf8"))), new Date());
    const result = await desk.snapshots.importSnapshot(defaultWorkspaceId, snapshot);
    log(`Loaded the demo workspace "${snapshot.workspace.name}": ${result.tickets} tickets.`);
  }
  if (!settings.adminToken) await announceFirstAdmin(desk);

  const app = await buildApp({
    ...desk,
    defaultWorkspaceId,
    adminToken: settings.adminToken,
    isReady: () => ready,
    logger: settings.log,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping.`);
    await app.close();
    await smtp?.close();
    await imap?.close();
    await desk.jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));

  // Only the serving process runs timers; one-shot commands never start the runner.
  await desk.jobs.start();
  const address = await app.listen({ port: settings.port, host: options.host });
  if (options.smtpPort !== undefined) {
    smtp = await startSmtpInbound({
      port: options.smtpPort,
      host: options.host,
      maxBytes: settings.email.maxBytes,
      mailboxes: settings.email.mailboxes,
      rateLimit: smtpRateLimit,
      clock: desk.clock,
      receive: (message) => receiveMessage({ workspaceId: defaultWorkspaceId, message }, desk),
      log,
    });
    log(`Taking mail over SMTP on ${options.host}:${smtp.port}.`);
  }
  if (settings.email.imap) {
    imap = await startImapInbound({
      ...settings.email.imap,
      pollMs: 60_000,
      maxBytes: settings.email.maxBytes,
      clock: desk.clock,
      receive: (message) => receiveMessage({ workspaceId: defaultWorkspaceId, message }, desk),
      log,
    });
    void imap.pollNow();
    log(`Reading mail from ${settings.email.imap.mailbox} on ${settings.email.imap.host} over IMAP.`);
  }
  ready = true;
  log(`Support Responder is up at ${address} (API docs: ${address}/api/v1/docs; data: ${database.location}).`);
}

/**
 * A desk with no way in yet: give its first admin a token, once. The token is shown here and
 * stored only as a hash. Setting RESPONDER_ADMIN_TOKEN skips this.
 */
async function announceFirstAdmin(desk: Desk): Promise<void> {
  const { db } = desk.database;
  const [existing] = await db
    .select({ id: schema.apiTokens.id })
    .from(schema.apiTokens)
    .where(and(eq(schema.apiTokens.workspaceId, defaultWorkspaceId), isNull(schema.apiTokens.revokedAt)))
    .limit(1);
  if (existing) return;
  let [admin] = await db
    .select()
    .from(schema.agents)
    .where(and(eq(schema.agents.workspaceId, defaultWorkspaceId), eq(schema.agents.role, "admin")))
    .limit(1);
  if (!admin) {
    [admin] = await db
      .insert(schema.agents)
      .values({ workspaceId: defaultWorkspaceId, id: "admin", name: "Admin", email: "admin@localhost", role: "admin" })
      .returning();
  }
  if (!admin) return;
  const issued = await desk.access.issueToken(defaultWorkspaceId, admin.id, "first admin");
  log(
    `First start: an API token for the admin ${admin.name} (${admin.id}). It is shown only this once:\n\n    ${issued.token}\n\n` +
      `Use it as "Authorization: Bearer <token>"; create more with "npx responder token create --agent <id>" while the desk is stopped.`,
  );
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { and, eq, isNull } from "drizzle-orm";
import { type ImapInbound, startImapInbound } from "./channels/email/imap-inbound.ts";
import { type SmtpInbound, startSmtpInbound } from "./channels/email/smtp-inbound.ts";
import { configuredChannels } from "./channels/registry.ts";
import { createLocalAdminToken, type PublishedDeskAddress, publishDeskAddress } from "./cli/desk-address.ts";
import type { Settings } from "./config/config.ts";
import { receiveMessage } from "./core/channels/receive-message.ts";
import { DeskError } from "./core/errors.ts";
import { parseSnapshot } from "./core/snapshot/parse-snapshot.ts";
import { shiftSnapshotToDay } from "./core/snapshot/shift-snapshot.ts";
import {
  createDesk,
  type Desk,
  defaultWorkspaceId,
  ensureDefaultWorkspace,
  ensureDefaultWorkspaceTiers,
  isWorkspaceEmpty,
} from "./desk.ts";
import { buildApp } from "./http/app.ts";
import { createModelWriter } from "./responder/model-writer.ts";
import { createFolderAttachmentFiles } from "./storage/attachment-files.ts";
import { openDatabase } from "./storage/database.ts";
import * as schema from "./storage/schema.ts";

const demoFile = new URL("./demo/demo-workspace.json", import.meta.url);
// Per sender address: enough for a person, far too few for a mail loop.
const smtpRateLimit = { limit: 30, windowMs: 10 * 60_000 };

/**
 * What one desk process runs; several processes on one Postgres split the work:
 * - web: the HTTP API, web app, help center, widget and live sockets, and the SMTP listener
 *   (`--smtp-port`); it schedules jobs but never runs them.
 * - worker: the job runner (timers, deliveries, webhooks, the outbox relay) and IMAP polling, with a
 *   small HTTP listener on `--port` answering GET /healthz and /readyz for orchestration.
 * - all: both (the default, and the only choice for the embedded database).
 */
export const serveRoles = ["web", "worker", "all"] as const;
export type ServeRole = (typeof serveRoles)[number];

export function parseServeRole(value: string): ServeRole {
  const role = serveRoles.find((candidate) => candidate === value);
  if (!role) throw new DeskError("invalid_input", `--role ${value} is not a role: use web, worker or all.`);
  return role;
}

/** The desk process: opens the database, seeds a fresh one, serves HTTP and/or runs jobs until told to stop. */
export async function serve(
  settings: Settings,
  options: { demo: boolean; smtpPort?: number; host: string; role?: ServeRole },
): Promise<void> {
  const role = options.role ?? "all";
  if (role !== "all" && settings.database.kind !== "postgres") {
    throw new DeskError(
      "invalid_input",
      `--role ${role} needs a Postgres server shared by the processes (set DATABASE_URL); the embedded database serves one process, so use --role all.`,
    );
  }
  const web = role !== "worker";
  const worker = role !== "web";
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
  // Commands run beside a desk on the embedded folder go through it with this secret (cli/desk-address.ts).
  const localAdminToken = web && settings.database.kind === "pglite" ? createLocalAdminToken() : undefined;
  let published: PublishedDeskAddress | null = null;
  await ensureDefaultWorkspace(database);

  if (options.demo && settings.database.kind === "pglite" && (await isWorkspaceEmpty(database, defaultWorkspaceId))) {
    const snapshot = shiftSnapshotToDay(parseSnapshot(JSON.parse(await readFile(demoFile, "utf8"))), new Date());
    const result = await desk.snapshots.importSnapshot(defaultWorkspaceId, snapshot);
    log(`Loaded the demo workspace "${snapshot.workspace.name}": ${result.tickets} tickets.`);
  }
  if (!settings.adminToken) await announceFirstAdmin(desk);

  const app = web
    ? await buildApp({
        ...desk,
        defaultWorkspaceId,
        adminToken: settings.adminToken,
        localAdminToken,
        isReady: () => ready,
        logger: settings.log,
      })
    : null;
  const health = web ? null : createHealthListener(() => ready);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping.`);
    await published?.remove();
    await app?.close();
    await closeServer(health);
    await smtp?.close();
    await imap?.close();
    await desk.jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));

  // Only a serving process with the worker role runs timers; one-shot commands never start the runner.
  if (worker) await desk.jobs.start();
  else await ensureDefaultWorkspaceTiers(database, defaultWorkspaceId);
  const address = app
    ? await app.listen({ port: settings.port, host: options.host })
    : await listenHealth(health as Server, settings.port, options.host);
  if (localAdminToken)
    published = await publishDeskAddress(database.location, { url: address, token: localAdminToken });
  if (web && options.smtpPort !== undefined) {
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
  if (worker && settings.email.imap) {
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
  if (role === "worker")
    log(`Support Responder worker is running jobs (health: ${address}/healthz; data: ${database.location}).`);
  else
    log(
      `Support Responder${role === "web" ? " (web)" : ""} is up at ${address} (API docs: ${address}/api/v1/docs; data: ${database.location}).`,
    );
}

/** A worker's only listener: 200 on /healthz while the process runs, and on /readyz once jobs are running. */
function createHealthListener(isReady: () => boolean): Server {
  return createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    const status = path === "/healthz" ? "ok" : path === "/readyz" ? (isReady() ? "ready" : "starting") : null;
    const code = status === null ? 404 : status === "starting" ? 503 : 200;
    response.writeHead(code, { "content-type": "application/json" });
    response.end(JSON.stringify(status === null ? { error: "not_found" } : { status, role: "worker" }));
  });
}

async function listenHealth(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  return `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
}

async function closeServer(server: Server | null): Promise<void> {
  if (!server?.listening) return;
  await new Promise<void>((resolve) => server.close(() => resolve()));
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
      `Use it as "Authorization: Bearer <token>"; create more with "npx responder token create --agent <id>" (it goes through the running desk).`,
  );
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

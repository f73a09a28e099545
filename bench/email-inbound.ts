import os from "node:os";
import { parseArgs } from "node:util";
import { count } from "drizzle-orm";
import nodemailer from "nodemailer";
import { startSmtpInbound } from "../packages/server/src/channels/email/smtp-inbound.ts";
import { receiveMessage } from "../packages/server/src/core/channels/receive-message.ts";
import { createDesk, defaultWorkspaceId, ensureDefaultWorkspace } from "../packages/server/src/desk.ts";
import { openDatabase } from "../packages/server/src/storage/database.ts";
import * as schema from "../packages/server/src/storage/schema.ts";
import { loadAverage, positiveInteger, print } from "./bench-helpers.ts";

/**
 * Inbound email throughput: mails sent over SMTP on loopback to the built-in SMTP server, each
 * parsed, threaded and committed into a ticket before the server answers 250, on the embedded
 * database in one process. Half the mails open tickets, half answer an earlier mail (In-Reply-To).
 *
 *   npx tsx bench/email-inbound.ts [--messages 2000] [--connections 8]
 */

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "2000" },
    connections: { type: "string", default: "8" },
  },
});
const messageCount = positiveInteger(values.messages, "--messages");
const connections = positiveInteger(values.connections, "--connections");

const database = await openDatabase({ kind: "pglite-memory" });
await ensureDefaultWorkspace(database);
const desk = createDesk(database);
const inbound = await startSmtpInbound({
  port: 0,
  host: "127.0.0.1",
  maxBytes: 25 * 1024 * 1024,
  mailboxes: null,
  rateLimit: { limit: messageCount, windowMs: 60_000 },
  clock: desk.clock,
  receive: (message) => receiveMessage({ workspaceId: defaultWorkspaceId, message }, desk),
});
const client = nodemailer.createTransport({
  host: "127.0.0.1",
  port: inbound.port,
  secure: false,
  ignoreTLS: true,
  pool: true,
  maxConnections: connections,
  maxMessages: Number.POSITIVE_INFINITY,
});

print(`  ${os.cpus().length} cores, load ${loadAverage()}; embedded PGlite; ${connections} SMTP connections`);

const mail = (index: number) => {
  const opener = index % 2 === 0;
  const customer = `customer-${Math.floor(index / 2) % 500}@example.test`;
  return {
    from: customer,
    to: "support@desk.example.test",
    subject: opener ? `Question ${index}` : `Re: Question ${index - 1}`,
    text: `Message ${index}: the export page shows an error since the last update.\n\nOn Mon Support wrote:\n> earlier`,
    messageId: `<bench-${index}@example.test>`,
    ...(opener ? {} : { inReplyTo: `<bench-${index - 1}@example.test>` }),
  };
};

// Warm up: the prepared statements and the first customer lookups.
for (let index = 0; index < 20; index += 1) await client.sendMail({ ...mail(index), messageId: `<warm-${index}@x>` });

const started = performance.now();
const cpuAtStart = process.cpuUsage();
let next = 0;
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (next < messageCount) {
      const index = next;
      next += 1;
      await client.sendMail(mail(index));
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuAtStart);

const [messages] = await database.db.select({ total: count() }).from(schema.messages);
const [tickets] = await database.db.select({ total: count() }).from(schema.tickets);
print(
  `  ${messageCount} mails in ${seconds.toFixed(1)} s: ${(messageCount / seconds).toFixed(0)} messages/s into tickets`,
);
// On a shared machine the wall clock moves with the neighbours' load; the process's own CPU time
// per mail (the SMTP client included, it runs in this process too) moves much less.
print(`  CPU time per mail: ${((cpu.user + cpu.system) / 1000 / messageCount).toFixed(2)} ms`);
print(`  stored: ${messages?.total ?? 0} messages in ${tickets?.total ?? 0} tickets (20 warm-up mails included)`);

client.close();
await inbound.close();
await database.close();

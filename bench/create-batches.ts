import os from "node:os";
import { parseArgs } from "node:util";
import { parseSnapshot } from "../packages/server/src/core/snapshot/parse-snapshot.ts";
import { createDesk, defaultWorkspaceId, ensureDefaultWorkspace } from "../packages/server/src/desk.ts";
import { openDatabase } from "../packages/server/src/storage/database.ts";
import { type TicketToOpen, ticketOpener } from "../packages/server/src/storage/ticket-create-statement.ts";
import { generateSnapshot } from "../packages/server/src/testing/snapshot-generator.ts";
import { loadAverage, positiveInteger, print } from "./bench-helpers.ts";
import { createBackend } from "./desk/backend.ts";

/**
 * What a create statement costs per ticket when it carries 1, 2, 4 or 8 tickets: the numbers behind
 * docs/decisions/2026-11-25-create-batching.md. No HTTP: ten callers send the statement the ticket
 * store sends (`ticketOpener`) in a loop, each with a batch of the given size.
 *
 *   npx tsx bench/create-batches.ts [--backend pglite|postgres] [--seconds 5] [--sizes 1,2,4,8]
 *
 * Prints tickets/s and, on Postgres, the server's CPU per ticket; on PGlite (which runs in this
 * process) this process's CPU per ticket. The database is fresh, with 2,000 imported tickets, and
 * removed afterwards. Default backend: postgres when DATABASE_URL is set, else pglite.
 */

const { values } = parseArgs({
  options: {
    backend: { type: "string" },
    seconds: { type: "string", default: "5" },
    sizes: { type: "string", default: "1,2,4,8" },
  },
});
const kind = values.backend ?? (process.env.DATABASE_URL ? "postgres" : "pglite");
if (kind !== "pglite" && kind !== "postgres") throw new Error(`--backend must be pglite or postgres, not ${kind}`);
const seconds = positiveInteger(values.seconds, "--seconds");
const sizes = (values.sizes ?? "").split(",").map((size) => positiveInteger(size, "--sizes"));
const callers = 10;

print(`create statement batches on ${kind} (Node ${process.version}, ${os.cpus().length} CPUs, load ${loadAverage()})`);
const backend = await createBackend(kind);
try {
  const database = await openDatabase(
    backend.desk.kind === "postgres" ? { ...backend.desk, poolSize: callers } : backend.desk,
  );
  try {
    await ensureDefaultWorkspace(database);
    const snapshot = parseSnapshot(JSON.parse(JSON.stringify(generateSnapshot({ tickets: 2000, seed: 2026 }))));
    await createDesk(database).snapshots.importSnapshot(defaultWorkspaceId, snapshot);
    const emails = snapshot.customers.flatMap((customer) => (customer.email ? [customer.email] : []));
    const openTickets = ticketOpener(database.db, "after commit");

    let number = 0;
    const nextTicket = (): TicketToOpen => {
      number += 1;
      return {
        workspaceId: defaultWorkspaceId,
        customer: { by: "identity", kind: "email", value: emails[number % emails.length] as string },
        ticket: {
          channel: "api",
          subject: `Bench ticket ${number}: cannot export the monthly invoice`,
          priority: "normal",
          tags: ["bench", `batch-${number % 10}`],
          topic: null,
          assigneeId: null,
          teamId: null,
          knownIssueId: null,
          attributes: null,
          message: {
            author: "customer",
            public: true,
            body: `Hello, this is request ${number}. When I press Export, the page spins and nothing downloads.`,
          },
        },
        actor: "customer",
        at: new Date(),
      };
    };

    const measure = async (size: number, forSeconds: number) => {
      const cpuBefore = await cpuMicroseconds();
      const started = performance.now();
      const until = started + forSeconds * 1000;
      let opened = 0;
      await Promise.all(
        Array.from({ length: callers }, async () => {
          while (performance.now() < until) {
            const tickets = await openTickets(Array.from({ length: size }, nextTicket));
            if (tickets.some((ticket) => ticket === null)) throw new Error("a generated customer was not found");
            opened += size;
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      return { perSecond: opened / elapsed, cpuPerTicket: ((await cpuMicroseconds()) - cpuBefore) / opened };
    };

    await measure(1, 2);
    const cpuName = kind === "postgres" ? "Postgres CPU" : "process CPU";
    for (const size of sizes) {
      const { perSecond, cpuPerTicket } = await measure(size, seconds);
      print(
        `  ${String(size).padStart(2)} per statement: ${Math.round(perSecond)} tickets/s, ` +
          `${cpuName} ${Math.round(cpuPerTicket)} µs a ticket (${callers} callers, ${seconds} s)`,
      );
    }
  } finally {
    await database.close();
  }
} finally {
  await backend.dispose();
}

async function cpuMicroseconds(): Promise<number> {
  if (backend.databaseCpuMicroseconds) return backend.databaseCpuMicroseconds();
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { count } from "drizzle-orm";
import { createDesk, defaultWorkspaceId, ensureDefaultWorkspace } from "../packages/server/src/desk.ts";
import { zendeskImporter } from "../packages/server/src/interop/zendesk/zendesk-importer.ts";
import { openDatabase } from "../packages/server/src/storage/database.ts";
import * as schema from "../packages/server/src/storage/schema.ts";
import {
  generateZendeskAccount,
  monthFiguresOf,
  startFakeZendesk,
} from "../packages/server/src/testing/fake-providers/fake-zendesk.ts";
import { loadAverage, positiveInteger, print } from "./bench-helpers.ts";

/**
 * A Zendesk migration through the API path, as the "done when" describes it:
 *
 *   npx tsx bench/import-zendesk.ts [--tickets 5000]
 *
 * A fake account on a loopback port with Zendesk's rate limits (700 requests a minute, 10 a minute
 * for the incremental exports; waiting moves the fake's clock, so it costs no real time), goes down
 * halfway through the download; a second run continues from the saved cursor. The folder is then
 * imported twice into a fresh embedded database, and February's report is compared with the figures
 * computed from the fixture. Prints the wall times and the figures; exits non-zero on a mismatch.
 */

const { values } = parseArgs({ options: { tickets: { type: "string", default: "5000" } } });
const tickets = positiveInteger(values.tickets, "--tickets");
const email = "admin@acme.example";
const token = "bench-token";

const root = await mkdtemp(path.join(tmpdir(), "responder-zendesk-bench-"));
const folder = path.join(root, "pages");
const account = generateZendeskAccount({ tickets, seed: 2026 });
const fake = await startFakeZendesk({ account, email, token });
const sleep = async (milliseconds: number) => fake.advance(milliseconds);
let failures = 0;
try {
  print(`Zendesk import of ${tickets} tickets through the API path (load average ${loadAverage()})`);
  let started = performance.now();
  fake.goDownAfter(Math.floor(tickets / 2));
  await zendeskImporter.download({ url: fake.url, email, token, folder, sleep }).then(
    () => {
      throw new Error("the outage did not interrupt the download");
    },
    () => undefined,
  );
  const interruptedAfter = fake.servedPages().length;
  fake.recover();
  await zendeskImporter.download({ url: fake.url, email, token, folder, sleep });
  const served = fake.servedPages();
  print(
    `  download: ${seconds(started)} s, ${served.length} pages (${interruptedAfter} before the outage), ` +
      `${fake.rateLimited()} answers 429, ${served.length - new Set(served).size} pages fetched twice`,
  );
  if (served.length !== new Set(served).size) failures += 1;

  started = performance.now();
  const { snapshot, summary } = await zendeskImporter.readFolder(folder);
  print(`  read folder: ${seconds(started)} s, ${summary.counts.tickets} tickets, ${summary.counts.comments} comments`);

  const database = await openDatabase({
    kind: "pglite",
    dataDir: path.join(root, "data"),
    purpose: "bench/import-zendesk.ts",
  });
  try {
    await ensureDefaultWorkspace(database);
    const desk = createDesk(database, { now: () => new Date("2026-04-20T00:00:00Z") }, { model: null });
    for (let run = 1; run <= 2; run++) {
      started = performance.now();
      await desk.snapshots.importSnapshot(defaultWorkspaceId, snapshot);
      print(`  import run ${run}: ${seconds(started)} s`);
    }
    const [ticketRows] = await database.db.select({ value: count() }).from(schema.tickets);
    const [messageRows] = await database.db.select({ value: count() }).from(schema.messages);
    const live = account.tickets.filter((ticket) => ticket.status !== "deleted");
    const fixtureMessages = live.reduce((sum, ticket) => sum + (account.comments.get(ticket.id)?.length ?? 0), 0);
    print(
      `  database: ${ticketRows?.value} tickets (fixture ${live.length}), ${messageRows?.value} messages (fixture ${fixtureMessages})`,
    );
    if (ticketRows?.value !== live.length || messageRows?.value !== fixtureMessages) failures += 1;

    const report = await desk.reports.monthly(defaultWorkspaceId, "2026-02");
    const expected = monthFiguresOf(account, "2026-02");
    const csatCount = expected.good + expected.bad;
    const rows: [string, number | null, number | null][] = [
      ["volume", report.volume, expected.volume],
      ["first solved", report.resolution.count, expected.firstSolved],
      ["FRT median h", report.frt.medianHours, expected.firstResponseMedianHours],
      ["FCR %", report.fcrPct, expected.fcrPct],
      ["CSAT count", report.csat.count, csatCount],
      ["CSAT satisfied %", report.csat.satisfiedPct, csatCount === 0 ? null : (100 * expected.good) / csatCount],
    ];
    for (const [name, actual, wanted] of rows) {
      const same = actual === wanted || (actual !== null && wanted !== null && Math.abs(actual - wanted) < 1e-9);
      if (!same) failures += 1;
      print(
        `  2026-02 ${name}: report ${format(actual)}, fixture ${format(wanted)} ${same ? "(same)" : "(DIFFERENT)"}`,
      );
    }
  } finally {
    await database.close();
  }
} finally {
  await fake.close();
  await rm(root, { recursive: true, force: true });
}
if (failures > 0) {
  print(`${failures} mismatches`);
  process.exitCode = 1;
}

function seconds(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}

function format(value: number | null): string {
  return value === null ? "none" : Number.isInteger(value) ? String(value) : value.toFixed(3);
}

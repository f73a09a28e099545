import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { createDesk, defaultWorkspaceId, ensureDefaultWorkspace } from "../packages/server/src/desk.ts";
import { buildApp } from "../packages/server/src/http/app.ts";
import { openDatabase } from "../packages/server/src/storage/database.ts";
import * as schema from "../packages/server/src/storage/schema.ts";
import { fillMissingDueTimes } from "../packages/server/src/storage/sla-due-store.ts";
import { chromiumPath, requireBrowserAndBuild } from "./desk-process.ts";

/**
 * First meaningful paint of the inbox with many open tickets, measured in the browser:
 *
 *   npx tsx e2e/inbox-first-paint.ts [--tickets 10000]
 *
 * Fills an in-memory desk with open tickets (one customer message each), serves the built app,
 * signs in, then loads the inbox cold five times and prints the time from navigation start to the
 * first ticket row on screen.
 */

const { values } = parseArgs({ options: { tickets: { type: "string", default: "10000" } } });
const ticketCount = Number(values.tickets);
requireBrowserAndBuild();

const database = await openDatabase({ kind: "pglite-memory" });
await ensureDefaultWorkspace(database);
const desk = createDesk(database);
const { db } = database;
const now = Date.now();
let started = performance.now();
const customerCount = Math.ceil(ticketCount / 4);
for (let from = 0; from < customerCount; from += 1000) {
  const rows = [];
  for (let index = from; index < Math.min(from + 1000, customerCount); index += 1) {
    rows.push({
      workspaceId: defaultWorkspaceId,
      id: `customer-${index}`,
      name: `Customer ${index}`,
      email: `c${index}@example.test`,
    });
  }
  await db.insert(schema.customers).values(rows);
}
for (let from = 0; from < ticketCount; from += 1000) {
  const tickets = [];
  const messages = [];
  for (let index = from; index < Math.min(from + 1000, ticketCount); index += 1) {
    const at = new Date(now - (ticketCount - index) * 60_000);
    const id = String(10_000 + index);
    tickets.push({
      workspaceId: defaultWorkspaceId,
      id,
      customerId: `customer-${index % customerCount}`,
      channel: "email",
      subject: `Question number ${index} about exports`,
      status: "open",
      priority: (["low", "normal", "high", "urgent"] as const)[index % 4],
      tags: ["export"],
      createdAt: at,
      updatedAt: at,
    });
    messages.push({
      workspaceId: defaultWorkspaceId,
      id: `message-${id}`,
      ticketId: id,
      position: 0,
      at,
      author: "customer",
      public: true,
      body: `My export number ${index} fails. Can you help?`,
    });
  }
  await db.insert(schema.tickets).values(tickets);
  await db.insert(schema.messages).values(messages);
}
print(`seeded ${ticketCount} open tickets in ${((performance.now() - started) / 1000).toFixed(1)} s`);
// Rows inserted straight into the table have no SLA due time yet: what a desk's start does for them.
started = performance.now();
const filled = await fillMissingDueTimes(db);
print(`computed the SLA due time of ${filled} tickets in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const app = await buildApp({ ...desk, defaultWorkspaceId, isReady: () => true });
const address = await app.listen({ port: 0, host: "127.0.0.1" });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(address);
  await page.getByLabel("Name").fill("Bench Admin");
  await page.getByLabel("Email").fill("bench@example.test");
  await page.getByLabel("Password").fill("bench password 123");
  const firstInbox = page.waitForResponse((response) => response.url().includes("/api/v1/inbox"), { timeout: 30_000 });
  const signedInAt = performance.now();
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  const coldInbox = await firstInbox;
  await coldInbox.finished();
  await page.locator("table.tickets tbody tr").first().waitFor({ timeout: 30_000 });
  const timing = coldInbox.request().timing();
  print(
    `cold server: GET /inbox ${Math.round(timing.responseEnd - timing.requestStart)} ms; ` +
      `sign-in click to first ticket row ${Math.round(performance.now() - signedInAt)} ms`,
  );
  const samples: number[] = [];
  for (let attempt = 0; attempt < 5; attempt += 1) {
    started = performance.now();
    await page.goto(address);
    await page.locator("table.tickets tbody tr").first().waitFor({ timeout: 30_000 });
    samples.push(await page.evaluate(() => performance.now()));
  }
  samples.sort((left, right) => left - right);
  // A string, so the bundler's helpers never end up in the page.
  const api = (await page.evaluate(`(async () => {
    const timed = async (url) => { const start = performance.now(); await fetch(url); return Math.round(performance.now() - start); };
    return { session: await timed("/api/v1/session"), inbox: await timed("/api/v1/inbox?view=all&limit=50") };
  })()`)) as { session: number; inbox: number };
  print(
    `warm server (ticket details cached by version): GET /session ${api.session} ms, GET /inbox (50 rows) ${api.inbox} ms`,
  );
  print(
    `inbox first meaningful paint with ${ticketCount} open tickets: median ${samples[2]?.toFixed(0)} ms ` +
      `(min ${samples[0]?.toFixed(0)}, max ${samples[4]?.toFixed(0)}; navigation start to first ticket row)`,
  );
} finally {
  await browser.close();
  await app.close();
  await database.close();
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

import { readFile } from "node:fs/promises";
import { parseSnapshot } from "../packages/server/src/core/snapshot/parse-snapshot.ts";
import { shiftSnapshotToDay } from "../packages/server/src/core/snapshot/shift-snapshot.ts";
import { createTestDesk } from "../packages/server/src/testing/create-test-desk.ts";

/**
 * Offline draft latency: every ticket of the demo workspace drafted in turn on the embedded
 * database, through the same `desk.responder.draft` the API and CLI call. The first draft of a
 * workspace also learns its topics and indexes its articles and tickets; it is reported apart.
 */

const demoFile = new URL("../packages/server/src/demo/demo-workspace.json", import.meta.url);
const snapshot = shiftSnapshotToDay(parseSnapshot(JSON.parse(await readFile(demoFile, "utf8"))), new Date());
const desk = await createTestDesk({ now: new Date() });
await desk.snapshots.importSnapshot("default", snapshot);

const ticketIds = snapshot.tickets.map((ticket) => ticket.id);
const first = performance.now();
await desk.responder.draft("default", ticketIds[0] ?? "");
const firstMs = performance.now() - first;

const timings: number[] = [];
const engines = new Map<string, number>();
for (const id of ticketIds) {
  const started = performance.now();
  const draft = await desk.responder.draft("default", id);
  timings.push(performance.now() - started);
  engines.set(draft.engine, (engines.get(draft.engine) ?? 0) + 1);
}
await desk.close();

timings.sort((a, b) => a - b);
const at = (share: number) => timings[Math.min(timings.length - 1, Math.floor(share * timings.length))] ?? 0;
console.log(
  `offline drafts: ${timings.length} tickets of the demo workspace (${[...engines].map(([engine, count]) => `${engine} ${count}`).join(", ")})`,
);
console.log(`  first draft (learns the workspace): ${firstMs.toFixed(0)} ms`);
console.log(
  `  per draft: median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms (goal: p95 under 50 ms)`,
);

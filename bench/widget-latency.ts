import os from "node:os";
import { parseArgs } from "node:util";
import { connectSocket, type SocketClient } from "../packages/server/src/channels/chat/socket-test-client.ts";
import { createDesk, defaultWorkspaceId, ensureDefaultWorkspace } from "../packages/server/src/desk.ts";
import { buildApp } from "../packages/server/src/http/app.ts";
import { openDatabase } from "../packages/server/src/storage/database.ts";
import * as schema from "../packages/server/src/storage/schema.ts";
import { loadAverage, positiveInteger, print } from "./bench-helpers.ts";

/**
 * Widget message round trips with many widgets connected, on the embedded database, in one process:
 *
 * 1. `--widgets` visitor sockets connect and say hello;
 * 2. visitor → desk: `--messages` messages from random widgets at `--rate` per second, each timed
 *    from send until its ack (the message is stored in a ticket before the ack);
 * 3. agent → visitor: `--replies` agent replies posted through the HTTP API, each timed from the
 *    POST until the widget has it (through the outbox feed that pushes replies live).
 *
 *   npx tsx bench/widget-latency.ts [--widgets 1000] [--messages 300] [--rate 20] [--replies 100]
 */

const { values } = parseArgs({
  options: {
    widgets: { type: "string", default: "1000" },
    messages: { type: "string", default: "300" },
    rate: { type: "string", default: "20" },
    replies: { type: "string", default: "100" },
  },
});
const widgetCount = positiveInteger(values.widgets, "--widgets");
const messageCount = positiveInteger(values.messages, "--messages");
const rate = positiveInteger(values.rate, "--rate");
const replyCount = positiveInteger(values.replies, "--replies");

const database = await openDatabase({ kind: "pglite-memory" });
await ensureDefaultWorkspace(database);
const desk = createDesk(database);
const app = await buildApp({ ...desk, defaultWorkspaceId, isReady: () => true, logger: false });
const address = await app.listen({ port: 0, host: "127.0.0.1" });
const socketUrl = `${address.replace(/^http/, "ws")}/widget/socket?workspace=${defaultWorkspaceId}`;
await database.db.insert(schema.agents).values({
  workspaceId: defaultWorkspaceId,
  id: "bench-agent",
  name: "Bench",
  email: "bench@example.test",
  role: "agent",
});
const agent = await desk.access.issueToken(defaultWorkspaceId, "bench-agent", "bench");

print(`  ${os.cpus().length} cores, load ${loadAverage()}; embedded PGlite; ${widgetCount} widgets`);

let started = performance.now();
const widgets: SocketClient[] = [];
for (let batch = 0; batch < widgetCount; batch += 100) {
  const size = Math.min(100, widgetCount - batch);
  const opened = await Promise.all(
    Array.from({ length: size }, async (_unused, index) => {
      const client = await connectSocket(socketUrl);
      client.send({ type: "hello", visitorId: `bench-visitor-${String(batch + index).padStart(8, "0")}` });
      await client.next("welcome");
      return client;
    }),
  );
  widgets.push(...opened);
}
print(`  connect + hello: ${widgetCount} widgets in ${((performance.now() - started) / 1000).toFixed(2)} s`);

const visitorLatencies: number[] = [];
const conversations = new Map<number, string>();
started = performance.now();
const sends: Promise<void>[] = [];
for (let index = 0; index < messageCount; index++) {
  const due = started + (index * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const widgetIndex = Math.floor(Math.random() * widgets.length);
  const widget = widgets[widgetIndex];
  if (!widget) continue;
  const clientId = `bench-message-${index}`;
  const sentAt = performance.now();
  widget.send({ type: "message", clientId, body: `Question number ${index}` });
  sends.push(
    widget
      .next("ack", (frame) => frame.clientId === clientId)
      .then((ack) => {
        visitorLatencies.push(performance.now() - sentAt);
        conversations.set(widgetIndex, ack.conversationId);
      }),
  );
}
await Promise.all(sends);
const sendSeconds = (performance.now() - started) / 1000;
print(
  `  visitor → desk (stored, acknowledged): ${messageCount} messages at ${rate}/s in ${sendSeconds.toFixed(1)} s: ${summary(visitorLatencies)}`,
);

const replyLatencies: number[] = [];
const talking = [...conversations.entries()];
for (let index = 0; index < replyCount; index++) {
  const entry = talking[index % talking.length];
  if (!entry) break;
  const [widgetIndex, conversationId] = entry;
  const widget = widgets[widgetIndex];
  const conversation = await desk.widgets.conversation(defaultWorkspaceId, conversationId);
  const ticketId = conversation?.ticketIds.at(-1);
  if (!widget || !ticketId) continue;
  const body = `Answer number ${index}`;
  const sentAt = performance.now();
  const arrived = widget.next("message", (frame) => frame.message?.body === body);
  const response = await fetch(`${address}/api/v1/tickets/${ticketId}/messages`, {
    method: "POST",
    headers: { authorization: `Bearer ${agent.token}`, "content-type": "application/json" },
    body: JSON.stringify({ author: "agent", public: true, body }),
  });
  if (response.status !== 200) throw new Error(`posting a reply answered ${response.status}`);
  await arrived;
  replyLatencies.push(performance.now() - sentAt);
}
print(
  `  agent → widget (API reply until the widget has it): ${replyLatencies.length} replies: ${summary(replyLatencies)}`,
);

for (const widget of widgets) widget.socket.terminate();
await app.close();
await database.close();

function summary(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
  return `p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`;
}

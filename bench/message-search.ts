import os from "node:os";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { ensureDefaultWorkspace } from "../packages/server/src/desk.ts";
import { type DatabaseHandle, openDatabase } from "../packages/server/src/storage/database.ts";
import { createMessageSearch, rankedMessagesLimit } from "../packages/server/src/storage/message-search.ts";
import { loadAverage, positiveInteger, print } from "./bench-helpers.ts";
import { createBackend } from "./desk/backend.ts";

/**
 * Message search at scale: loads N messages straight into the tables (generate_series over a
 * support vocabulary, never through the API), then runs varied queries through the store the
 * HTTP route uses and prints p50/p95/p99. The goal on Postgres at a million messages: p95 < 50 ms.
 * It also times single-row inserts into a copy of the messages table with and without the search
 * column and its indexes, and prints the ratio.
 *
 *   npx tsx bench/message-search.ts [--backend pglite|postgres] [--messages 1000000] [--queries 300] [--explain]
 */

const { values } = parseArgs({
  options: {
    backend: { type: "string" },
    messages: { type: "string", default: "1000000" },
    queries: { type: "string", default: "300" },
    inserts: { type: "string", default: "2000" },
    explain: { type: "boolean", default: false },
  },
});
const kind = values.backend ?? (process.env.DATABASE_URL ? "postgres" : "pglite");
if (kind !== "pglite" && kind !== "postgres") throw new Error(`--backend must be pglite or postgres, not ${kind}`);
const messageCount = positiveInteger(values.messages, "--messages");
const queryCount = positiveInteger(values.queries, "--queries");
const insertCount = positiveInteger(values.inserts, "--inserts");
const workspaceId = "bench";
const messagesPerTicket = 5;
const goalMilliseconds = 50;

// What customers and agents write about; earlier words come up more often in messages and in queries.
const supportWords =
  "order refund invoice payment charge charged card account password login email delivery shipping tracking parcel package subscription plan upgrade cancel cancellation billing receipt price discount coupon trial renewal export import report dashboard sync app mobile browser error crash bug slow timeout blocked locked reset verify verification code address phone number delay damaged missing wrong double twice late return exchange warranty replacement credit bank transfer wallet checkout cart basket team seat admin permission access integration webhook api token limit quota storage upload download file attachment notification reminder calendar booking appointment schedule shift driver courier warehouse stock inventory product feature request setting settings language currency tax vat statement month week yesterday today tomorrow urgent asap help support agent manager".split(
    " ",
  );
const commonWords =
  "the a to and is it my i you for not on with this that have was but are can be of in at we your me do what when how why still again please thanks hello hi there just already since after before could would should will".split(
    " ",
  );
const names =
  "amal bruno chen dana elif farah goran hana ivan jonas kemal lina marta nadia oskar priya quentin rosa sami tomas".split(
    " ",
  );

const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
print(
  `message search bench on ${kind}: ${messageCount} messages (Node ${process.version}, ${os.cpus().length} × ${cpu}, load average ${loadAverage()})`,
);

const backend = await createBackend(kind);
const stopping = () => {
  void backend.dispose().finally(() => process.exit(130));
};
process.once("SIGINT", stopping);
process.once("SIGTERM", stopping);
try {
  const database = await openDatabase(backend.desk);
  try {
    await load(database);
    await measureQueries(database);
    await measureInserts(database);
  } finally {
    await database.close();
  }
} finally {
  await backend.dispose();
}
print(`  load average at the end: ${loadAverage()}`);

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

async function load(database: DatabaseHandle): Promise<void> {
  const { db } = database;
  await ensureDefaultWorkspace(database);
  await db.execute(sql`insert into workspaces (id, name, timezone) values (${workspaceId}, 'Bench', 'UTC')`);
  const started = performance.now();
  await db.execute(sql`
    insert into customers (workspace_id, id, name, email)
    select ${workspaceId}, 'c' || g, 'Customer ' || g, 'customer' || g || '@example.test' from generate_series(1, 2000) g`);
  const ticketCount = Math.ceil(messageCount / messagesPerTicket);
  // Tickets over the last two years, a few minutes apart, the newest last (as a desk fills up).
  await db.execute(sql`
    insert into tickets (workspace_id, id, customer_id, channel, subject, status, created_at, updated_at)
    select ${workspaceId}, 't' || g, 'c' || (1 + g % 2000), 'email', 'Ticket ' || g, 'open',
           now() - make_interval(mins => (${ticketCount} - g) * 5), now()
      from generate_series(1, ${ticketCount}) g`);

  // The search indexes are built once after the load, as a restore would, from their own definitions.
  const indexes = rowsOf<{ name: string; definition: string }>(
    await db.execute(sql`select indexname as name, indexdef as definition from pg_indexes
                          where tablename = 'messages' and indexname in ('messages_search', 'messages_recent')`),
  );
  for (const index of indexes) await db.execute(sql.raw(`drop index ${index.name}`));

  // Function words first: they are in most messages, while any one support word is in a few percent.
  const words = [...commonWords, ...supportWords];
  const batch = kind === "postgres" ? 100_000 : 25_000;
  for (let first = 1; first <= messageCount; first += batch) {
    const last = Math.min(messageCount, first + batch - 1);
    // Each body: 6–35 words, skewed towards the front of the list, sometimes a name or an order number.
    await db.execute(sql`
      insert into messages (workspace_id, id, ticket_id, position, at, author, public, body)
      select ${workspaceId}, 'm' || g, 't' || (1 + (g - 1) / ${messagesPerTicket}), (g - 1) % ${messagesPerTicket},
             t.created_at + make_interval(mins => (g - 1) % ${messagesPerTicket}),
             case when g % 2 = 0 then 'agent' else 'customer' end, true,
             (select string_agg(w[1 + floor(power(random(), 1.5) * array_length(w, 1))::int + s * 0], ' ')
                from generate_series(1, 6 + (random() * 29)::int + g * 0) s)
             || case when g % 7 = 0 then ' ' || (string_to_array(${names.join(" ")}, ' '))[1 + g % ${names.length}] else '' end
             || case when g % 11 = 0 then ' order ' || (100000 + g % 900000) else '' end
        from generate_series(${first}::int, ${last}::int) g
        join tickets t on t.workspace_id = ${workspaceId} and t.id = 't' || (1 + (g - 1) / ${messagesPerTicket}),
             (select string_to_array(${words.join(" ")}, ' ') as w) vocabulary`);
  }
  print(`  loaded ${messageCount} messages (${ticketCount} tickets) in ${seconds(started)} s`);
  const indexStarted = performance.now();
  for (const index of indexes) await db.execute(sql.raw(index.definition));
  await db.execute(sql`analyze customers, tickets, messages`);
  const [size] = rowsOf<{ table: string; search: string }>(
    await db.execute(sql`select pg_size_pretty(pg_total_relation_size('messages')) as table,
                                pg_size_pretty(pg_relation_size('messages_search')) as search`),
  );
  print(
    `  built ${indexes.map((index) => index.name).join(", ")} in ${seconds(indexStarted)} s; messages ${size?.table} with indexes, search index ${size?.search}`,
  );
}

/** A small seeded generator, so every run asks the same questions. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function queries(count: number): string[] {
  const random = seeded(2026);
  const pick = (list: readonly string[]) => list[Math.floor(random() ** 1.5 * list.length)] as string;
  const support = () => pick(supportWords);
  const list: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const shape = index % 10;
    if (shape <= 2) list.push(support());
    else if (shape <= 5) list.push(`${support()} ${support()}`);
    else if (shape === 6) list.push(`${support()} ${support()} ${support()}`);
    else if (shape === 7) list.push(`"${support()} ${support()}"`);
    else if (shape === 8) list.push(index % 20 === 8 ? `order ${100000 + Math.floor(random() * 900000)}` : pick(names));
    else list.push(`${support()} -${support()}`);
  }
  return list;
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

async function measureQueries(database: DatabaseHandle): Promise<void> {
  const search = createMessageSearch(database.db);
  const asked = queries(queryCount);
  for (const query of asked.slice(0, 20)) await search.search(workspaceId, query, { limit: 20 });
  const timings: number[] = [];
  let hits = 0;
  let empty = 0;
  const started = performance.now();
  for (const query of asked) {
    const start = performance.now();
    const page = await search.search(workspaceId, query, { limit: 20 });
    timings.push(performance.now() - start);
    hits += page.items.length;
    if (page.items.length === 0) empty += 1;
  }
  const sorted = [...timings].sort((left, right) => left - right);
  const p95 = percentile(sorted, 0.95);
  print(
    `  ${asked.length} queries (20 hits a page, ${rankedMessagesLimit} newest matches ranked) in ${seconds(started)} s: ` +
      `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, ` +
      `max ${sorted.at(-1)?.toFixed(1)} ms; ${(hits / asked.length).toFixed(1)} hits a query, ${empty} with none`,
  );
  const slowest = asked
    .map((query, index) => ({ query, milliseconds: timings[index] ?? 0 }))
    .sort((left, right) => right.milliseconds - left.milliseconds)
    .slice(0, 3);
  print(`  slowest: ${slowest.map((entry) => `${entry.query} (${entry.milliseconds.toFixed(0)} ms)`).join(", ")}`);
  if (values.explain) {
    for (const { query } of slowest) {
      const plan = rowsOf<{ "QUERY PLAN": string }>(
        await database.db.execute(sql`explain (analyze, buffers)
          select m.id from messages m
           where m.workspace_id = ${workspaceId} and m.search @@ websearch_to_tsquery('simple', ${query})
           order by ${query.includes('"') ? sql`m.at + interval '0 seconds'` : sql`m.at`} desc, m.id desc
           limit ${rankedMessagesLimit}`),
      );
      print(`  plan of the candidates for ${query}:\n${plan.map((row) => `    ${row["QUERY PLAN"]}`).join("\n")}`);
    }
  }
  print(
    `  goal p95 < ${goalMilliseconds} ms at 1,000,000 messages on Postgres: ${
      kind === "postgres" && messageCount >= 1_000_000 ? (p95 < goalMilliseconds ? "met" : "NOT met") : "not this run"
    }`,
  );
}

/** Single-row inserts into two copies of the messages table that differ only by the search column and its indexes. */
async function measureInserts(database: DatabaseHandle): Promise<void> {
  const { db } = database;
  await db.execute(sql`create table insert_plain (like messages including defaults including indexes)`);
  await db.execute(
    sql`create table insert_search (like messages including defaults including indexes including generated)`,
  );
  const copied = rowsOf<{ name: string }>(
    await db.execute(sql`select indexname as name from pg_indexes where tablename = 'insert_plain'
                          and (indexdef like '%gin%' or indexdef like '%(workspace_id, at)%')`),
  );
  for (const index of copied) await db.execute(sql.raw(`drop index ${index.name}`));
  await db.execute(sql`alter table insert_plain drop column search`);
  const body =
    "Hello, I was charged twice for my subscription this month and the invoice shows the wrong amount. Could you refund the double charge? Order 482133, thanks.";
  const time = async (table: "insert_plain" | "insert_search", round: number) => {
    const start = performance.now();
    for (let index = 0; index < insertCount; index += 1) {
      await db.execute(sql`insert into ${sql.raw(table)} (workspace_id, id, ticket_id, position, at, author, public, body)
        values (${workspaceId}, ${`r${round}-${index}`}, ${`t${index % 500}`}, ${index}, now(), 'customer', true, ${`${body} ${index}`})`);
    }
    return (performance.now() - start) / insertCount;
  };
  const plain: number[] = [];
  const searchable: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    plain.push(await time("insert_plain", round));
    searchable.push(await time("insert_search", round));
  }
  const best = (list: number[]) => Math.min(...list);
  print(
    `  single-row inserts (best of 3 × ${insertCount}): ${(best(plain) * 1000).toFixed(0)} µs without search, ` +
      `${(best(searchable) * 1000).toFixed(0)} µs with the search column and indexes (${(best(searchable) / best(plain)).toFixed(2)}×)`,
  );
  await db.execute(sql`drop table insert_plain, insert_search`);
}

import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import Fastify, { type FastifyInstance } from "fastify";
import pg from "pg";

/**
 * The ceiling the desk is measured against: fastify with its default JSON body parser and one route
 * that inserts one row into a ticket-like table in one transaction (BEGIN, INSERT ... RETURNING,
 * COMMIT) and answers 201 with the row. No validation, no auth, no ORM: what the machine, the driver
 * and the database can do at best for "store a ticket".
 */

export type BareBackend = { kind: "postgres"; url: string; poolSize: number } | { kind: "pglite"; dataDir: string };

type BareTicketBody = {
  customer?: { email?: string };
  channel?: string;
  subject?: string;
  priority?: string;
  tags?: string[];
  message?: { body?: string };
};

type Query = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

const createTable = `
  create table if not exists bare_tickets (
    seq bigserial primary key,
    workspace_id text not null,
    customer_email text not null,
    channel text not null,
    subject text,
    status text not null,
    priority text,
    tags text[],
    body text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`;

const insertTicket = `
  insert into bare_tickets
    (workspace_id, customer_email, channel, subject, status, priority, tags, body, created_at, updated_at)
  values ($1, $2, $3, $4, 'new', $5, $6, $7, $8, $8)
  returning seq, workspace_id, customer_email, channel, subject, status, priority, tags, created_at`;

export async function buildBareApp(backend: BareBackend): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const database = backend.kind === "postgres" ? openPool(backend.url, backend.poolSize) : await openPglite(backend);
  await database.setUp(createTable);

  const app = Fastify({ logger: false });
  app.post("/tickets", async (request, reply) => {
    const body = request.body as BareTicketBody;
    const row = await database.inTransaction(async (query) => {
      const { rows } = await query(insertTicket, [
        "default",
        body.customer?.email ?? "unknown@example.com",
        body.channel ?? "api",
        body.subject ?? null,
        body.priority ?? null,
        body.tags ?? [],
        body.message?.body ?? "",
        new Date(),
      ]);
      return rows[0];
    });
    return reply.status(201).send(row);
  });
  return {
    app,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

type BareDatabase = {
  setUp(statement: string): Promise<void>;
  inTransaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

function openPool(url: string, poolSize: number): BareDatabase {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  return {
    setUp: async (statement) => {
      await pool.query(statement);
    },
    async inTransaction(work) {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const result = await work((text, params) => client.query(text, params));
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(backend: { dataDir: string }): Promise<BareDatabase> {
  await mkdir(backend.dataDir, { recursive: true });
  const client = new PGlite(backend.dataDir);
  await client.waitReady;
  return {
    setUp: async (statement) => {
      await client.exec(statement);
    },
    inTransaction: (work) =>
      client.transaction((transaction) =>
        work((text, params) => transaction.query<Record<string, unknown>>(text, params)),
      ),
    close: () => client.close(),
  };
}

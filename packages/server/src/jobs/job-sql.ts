import type { PGlite, Transaction } from "@electric-sql/pglite";
import type pg from "pg";
import type { DatabaseHandle } from "../storage/database.ts";

/** Plain SQL with $1-style parameters, as pg-boss speaks it: the rows of the (last) statement. */
export type SqlExecutor = {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
};

export type SqlSession = SqlExecutor & {
  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(work: (executor: SqlExecutor) => Promise<T>): Promise<T>;
};

/**
 * The raw client under the desk's drizzle handle (a PGlite instance or a pg pool), for pg-boss and
 * for the few statements that need FOR UPDATE SKIP LOCKED across a transaction.
 */
export function sqlSessionOf(database: DatabaseHandle): SqlSession {
  const client = (database.db as unknown as { $client: unknown }).$client;
  return database.kind === "postgres" ? poolSession(client as pg.Pool) : pgliteSession(client as PGlite);
}

function pgliteSession(client: PGlite): SqlSession {
  return {
    executeSql: async (text, values) => {
      try {
        return await pgliteExecute(client, text, values);
      } catch (error) {
        // A failed "BEGIN; ...; COMMIT" would leave PGlite's one session in an aborted transaction,
        // refusing every later statement of the whole desk.
        if (!values?.length) await client.exec("rollback").catch(() => {});
        throw error;
      }
    },
    transaction: (work) =>
      client.transaction((transaction) =>
        work({ executeSql: (text, values) => pgliteExecute(transaction, text, values) }),
      ),
  };
}

// pg-boss sends several statements in one string when it has no parameters; PGlite's query()
// takes one statement, exec() takes many and returns every result: the last one is the answer.
async function pgliteExecute(
  client: PGlite | Transaction,
  text: string,
  values: unknown[] = [],
): Promise<{ rows: Record<string, unknown>[] }> {
  if (values.length > 0) {
    const result = await client.query<Record<string, unknown>>(text, values.map(toPgliteValue));
    return { rows: result.rows };
  }
  const results = await client.exec(text);
  return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
}

// node-postgres sends objects as JSON text; PGlite serialises by the parameter's type, which for an
// untyped json parameter is text, so objects are turned into JSON here the way pg would.
function toPgliteValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || Array.isArray(value) || typeof value !== "object") return value;
  return JSON.stringify(value);
}

function poolSession(pool: pg.Pool): SqlSession {
  // An idle connection the server ends (a restart, a dropped database) is an "error" event on the
  // pool; unheard, it would end the process. The pool replaces the connection on next use.
  if (pool.listenerCount("error") === 0) pool.on("error", () => {});
  return {
    executeSql: async (text, values) => {
      const result = await pool.query(text, values as unknown[]);
      // A multi-statement query answers with one result per statement.
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
    },
    transaction: async (work) => {
      const connection = await pool.connect();
      try {
        await connection.query("begin");
        const result = await work({
          executeSql: async (text, values) => ({ rows: (await connection.query(text, values as unknown[])).rows }),
        });
        await connection.query("commit");
        return result;
      } catch (error) {
        await connection.query("rollback").catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    },
  };
}

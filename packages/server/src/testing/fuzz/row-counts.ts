import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../../storage/database.ts";
import * as schema from "../../storage/schema.ts";

export type RowCounts = Record<string, number>;

// The audit log records every admin attempt with the status it got, refusals included, by design;
// the shared rate-limit counters count every public request, refused ones included.
const recordsOfAttempts = new Set(["audit_log", "rate_limit_windows"]);

const tableNames = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table))
  .filter((name) => !recordsOfAttempts.has(name))
  .sort();

/** How many rows every table of the desk holds, in one statement. */
export async function countRows(db: Database, tables: readonly string[] = tableNames): Promise<RowCounts> {
  const columns = sql.join(
    tables.map((name) => sql`(select count(*) from ${sql.identifier(name)})::int as ${sql.identifier(name)}`),
    sql`, `,
  );
  const result = (await db.execute(sql`select ${columns}`)) as unknown as
    | { rows: Array<Record<string, number>> }
    | Array<Record<string, number>>;
  const row = Array.isArray(result) ? result[0] : result.rows[0];
  return { ...row };
}

/** The tables whose counts differ between two readings, with both counts. */
export function changedTables(before: RowCounts, after: RowCounts): string[] {
  return Object.keys(after)
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name}: ${before[name]} -> ${after[name]}`);
}

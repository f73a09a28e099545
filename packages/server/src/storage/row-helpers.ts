import { createHash } from "node:crypto";
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/** Splits an object into the fields a format version knows and the rest, which is kept as is. */
export function splitKnown<T extends object>(value: T, known: readonly string[]): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (!known.includes(key)) extra[key] = field;
  }
  return extra;
}

/** `on conflict do update set` for every column but the keys, the arrival order and generated ones. */
export function updateAllExcept(table: PgTable, keep: readonly string[]): Record<string, SQL> {
  const set: Record<string, SQL> = {};
  for (const [property, column] of Object.entries(getTableColumns(table))) {
    if (keep.includes(property) || column.generated) continue;
    set[property] = sql.raw(`excluded."${column.name}"`);
  }
  return set;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

export function stableHash(value: unknown): string {
  return createHash("sha256").update(stableStringify(value)).digest("hex").slice(0, 20);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${stableStringify(field)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Drops undefined and null fields, so an export carries only what is set. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined && field !== null) result[key] = field;
  }
  return result as T;
}

/**
 * Awaits drizzle queries one after another. A transaction holds one connection, and pg refuses
 * (and pg 9 will fail) a query sent while another runs on it, which `Promise.all` would do.
 * Query builders are lazy, so none starts before its turn.
 */
export async function inSequence<const Queries extends readonly PromiseLike<unknown>[]>(
  queries: Queries,
): Promise<{ -readonly [Index in keyof Queries]: Awaited<Queries[Index]> }> {
  const results: unknown[] = [];
  for (const query of queries) results.push(await query);
  return results as { -readonly [Index in keyof Queries]: Awaited<Queries[Index]> };
}

/** The rows of a raw `execute`: node-postgres and PGlite both answer `{ rows }` behind drizzle. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

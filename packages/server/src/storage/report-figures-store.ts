import { sql } from "drizzle-orm";
import type { Database } from "./database.ts";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * Recomputes the report's per-ticket times (first replies, escalation, reopening, solves: migration
 * 0006) of these tickets from their messages and events, for writers the insert triggers do not cover:
 * messages moving between tickets, rows rewritten by a re-import.
 */
export async function refreshReportFigures(tx: Transaction, workspaceId: string, ticketIds: readonly string[]) {
  if (ticketIds.length === 0) return;
  await tx.execute(sql`
    select responder_refresh_report_figures(${workspaceId}::text,
      array(select jsonb_array_elements_text(${JSON.stringify(ticketIds)}::jsonb)))`);
}

/** For a bulk writer that calls refreshReportFigures itself: the per-row triggers skip this transaction. */
export async function deferReportFigures(tx: Transaction) {
  await tx.execute(sql`set local responder.defer_report_figures = 'on'`);
}

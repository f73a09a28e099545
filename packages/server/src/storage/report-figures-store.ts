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

/** For a bulk writer that writes the times itself: the per-row triggers skip this transaction. */
export async function deferReportFigures(tx: Transaction) {
  await tx.execute(sql`set local responder.defer_report_figures = 'on'`);
}

type TimedMessage = { at: string; author: string; public: boolean };
type TimedEvent = { at: string; type: string; to?: string | null };

/**
 * The same times as the migration's recount, from a ticket's messages and events as a snapshot gives
 * them: for an importer, which writes them with the ticket instead of updating it afterwards.
 */
export function reportTimesOf(messages: readonly TimedMessage[], events: readonly TimedEvent[]) {
  const sorted = (instants: string[]) =>
    instants.map((at) => new Date(at)).sort((left, right) => left.getTime() - right.getTime());
  const replies = sorted(
    messages
      .filter((message) => message.public && (message.author === "responder" || message.author.startsWith("agent:")))
      .map((message) => message.at),
  );
  const firstOf = (type: string) =>
    sorted(events.filter((event) => event.type === type).map((event) => event.at))[0] ?? null;
  const solves = sorted(
    events.filter((event) => event.type === "status_changed" && event.to === "solved").map((event) => event.at),
  );
  return {
    firstReplyAt: replies[0] ?? null,
    secondReplyAt: replies[1] ?? null,
    firstEscalatedAt: firstOf("escalated"),
    firstReopenedAt: firstOf("reopened"),
    firstSolvedAt: solves[0] ?? null,
    lastSolvedAt: solves.at(-1) ?? null,
    solvedAt: solves.length === 0 ? null : solves,
  };
}

import type { TicketFigures } from "./report-store.ts";

const columns = [
  "ticket_id",
  "subject",
  "channel",
  "priority",
  "topic",
  "known_issue_id",
  "created_at",
  "created_in_period",
  "first_response_at",
  "first_response_hours",
  "first_response_target_minutes",
  "first_response_target_met",
  "public_agent_replies",
  "escalated",
  "reopened",
  "solved_in_period",
  "first_contact_resolution",
  "first_solved_at",
  "resolution_hours",
  "csat_score",
  "csat_at",
  "status_at_period_end",
  "open_at_period_end",
] as const;

type Cell = string | number | boolean | null;

const instant = (value: number | null): string | null => (value === null ? null : new Date(value).toISOString());

// A spreadsheet runs a cell that starts with one of these as a formula; a leading quote keeps it text.
const formulaStart = /^[=+\-@\t\r]/;

function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One row per ticket the report touches, with every per-ticket figure. A figure is empty where the
 * ticket does not count toward that metric, so a column's average (or share of "yes") in a
 * spreadsheet is the report's figure: first_response_hours → FRT, first_contact_resolution → FCR,
 * resolution_hours → resolution time, csat_score → CSAT, open_at_period_end → open tickets.
 */
export function renderReportCsv(figures: readonly TicketFigures[]): string {
  const rows = figures.map((ticket): Cell[] => [
    ticket.id,
    ticket.subject,
    ticket.channel,
    ticket.priority,
    ticket.topic,
    ticket.knownIssueId,
    instant(ticket.createdAt),
    ticket.createdInPeriod,
    instant(ticket.createdInPeriod ? ticket.firstReplyAt : null),
    ticket.frtHours,
    ticket.frtTargetMinutes,
    ticket.frtTargetMet,
    ticket.publicReplies,
    ticket.escalated,
    ticket.reopened,
    ticket.solvedInPeriod,
    ticket.fcr,
    instant(ticket.firstSolvedAt),
    ticket.resolutionHours,
    ticket.csatInPeriod,
    instant(ticket.csatInPeriod === null ? null : ticket.csatAt),
    ticket.statusAtEnd,
    ticket.openAtEnd,
  ]);
  return [columns.join(","), ...rows.map((row) => row.map(csvCell).join(","))].map((line) => `${line}\r\n`).join("");
}

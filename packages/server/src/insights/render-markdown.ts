import type { BreakdownRow, Breakdowns, Report } from "./report-schema.ts";

const oneDecimal = (value: number): string => (Math.round(value * 10) / 10).toFixed(1);
const hours = (value: number | null): string => (value === null ? "—" : `${oneDecimal(value)} hours`);
const percent = (value: number | null): string => (value === null ? "—" : `${oneDecimal(value)}%`);
const signed = (value: number): string => `${value > 0 ? "+" : value < 0 ? "−" : "±"}${oneDecimal(Math.abs(value))}`;
const cell = (text: string): string => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/** "March 2026" for a `YYYY-MM`. */
export function monthTitle(month: string): string {
  const [year = 1970, monthNumber = 1] = month.split("-").map(Number);
  return new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    Date.UTC(year, monthNumber - 1, 1),
  );
}

/** The report as the brief shows it: metric, current, target, status; then top issues and recommendations. */
export function renderReportMarkdown(report: Report, title: string): string {
  const { targets } = report;
  const status = (ok: boolean | null) => (ok === null ? "—" : ok ? "✅" : "⚠️ Below target");
  const rows: [string, string, string, string][] = [
    [
      "Avg First Response",
      hours(report.frt.meanHours),
      `<${targets.frtHours} hours`,
      report.frt.meanHours === null ? "—" : report.frt.meanHours < targets.frtHours ? "✅" : "⚠️ Over target",
    ],
    ["Median First Response", hours(report.frt.medianHours), "—", "—"],
    ["First Response Within SLA", percent(report.frt.targetMetPct), "—", `${report.frt.count} responses`],
    [
      "First Contact Resolution",
      percent(report.fcrPct),
      `${targets.fcrPct}%`,
      status(report.fcrPct === null ? null : report.fcrPct >= targets.fcrPct),
    ],
    [
      "CSAT Score",
      report.csat.mean === null ? "—" : `${report.csat.mean.toFixed(2)}/5.0`,
      `>${targets.csat}`,
      `${report.csat.mean === null ? "—" : report.csat.mean > targets.csat ? "✅" : "⚠️ Below target"} (${report.csat.count} ratings, ${percent(report.csat.satisfiedPct)} satisfied)`,
    ],
    [
      "Ticket Volume",
      String(report.volume),
      "—",
      report.volumeChangePct === null
        ? `${report.volumePrev} last month`
        : `${signed(report.volumeChangePct)}% MoM (${report.volumePrev} last month)`,
    ],
    [
      "Open Tickets",
      String(report.openTickets),
      `<${targets.openTickets}`,
      report.openTickets < targets.openTickets ? "✅" : "⚠️ Over target",
    ],
    ["Avg Resolution Time", hours(report.resolution.meanHours), "—", `${report.resolution.count} first solved`],
    ["Median Resolution Time", hours(report.resolution.medianHours), "—", "—"],
    ["Escalation Rate", percent(report.escalationRatePct), "—", "—"],
  ];

  const lines = [
    `# ${title}`,
    "",
    `${report.period.start} to ${report.period.end} (${report.period.timezone})`,
    "",
    "| Metric | Current | Target | Status |",
    "|--------|---------|--------|--------|",
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
    "",
    ...renderBreakdowns(report.breakdowns),
    "## Top Issues",
    "",
  ];
  if (report.topIssues.length === 0) lines.push("No tickets were created in this period.");
  else {
    lines.push(
      "| Topic | Tickets | Trend | FCR | Escalated | CSAT | Known issue |",
      "|-------|---------|-------|-----|-----------|------|-------------|",
    );
    for (const issue of report.topIssues) {
      const knownIssue = issue.knownIssueId
        ? `${issue.knownIssueId}${issue.knownIssueStatus ? ` (${issue.knownIssueStatus.replaceAll("_", " ")})` : ""}`
        : "—";
      lines.push(
        `| ${cell(issue.topic)} | ${issue.count} | ${trend(issue.trendPct)} | ${percent(issue.fcrPct)} | ${percent(issue.escalationRatePct)} | ${csatCell(issue.csat)} | ${cell(knownIssue)} |`,
      );
    }
  }
  lines.push("", "## Recommendations", "");
  if (report.recommendations.length === 0) lines.push("Every figure is on target; nothing to recommend.");
  for (const recommendation of report.recommendations) {
    lines.push(`- ${recommendation.text}`);
    for (const evidence of recommendation.evidence) lines.push(`  - ${evidence}`);
  }
  return `${lines.join("\n")}\n`;
}

function trend(value: number | null | undefined): string {
  if (value === undefined) return "—";
  if (value === null) return "new";
  return `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(1)}%`;
}

function csatCell(csat: { mean: number | null; count: number } | undefined): string {
  return csat?.mean == null ? "—" : `${csat.mean.toFixed(2)} (${csat.count})`;
}

const breakdownTitles: Record<keyof Breakdowns, string> = {
  week: "Week (from Monday)",
  channel: "Channel",
  team: "Team",
  agent: "Agent",
  priority: "Priority",
  topic: "Topic",
};
const breakdownOrder: (keyof Breakdowns)[] = ["week", "channel", "team", "agent", "priority", "topic"];
/** Above this many rows in all, the Markdown shows only the channel and team breakdowns (the JSON has all). */
export const maximumBreakdownRows = 40;

function breakdownTable(name: keyof Breakdowns, rows: readonly BreakdownRow[]): string[] {
  const lines = [
    `### By ${breakdownTitles[name].toLowerCase()}`,
    "",
    `| ${breakdownTitles[name]} | Tickets | Avg First Response | Within SLA | FCR | CSAT | Open |`,
    "|---|---|---|---|---|---|---|",
  ];
  for (const row of rows) {
    const csat = row.csat.mean === null ? "—" : `${row.csat.mean.toFixed(2)} (${row.csat.count})`;
    lines.push(
      `| ${cell(row.key)} | ${row.volume} | ${hours(row.frt.meanHours)} | ${percent(row.frt.targetMetPct)} | ${percent(row.fcrPct)} | ${csat} | ${row.openTickets} |`,
    );
  }
  return [...lines, ""];
}

/** The breakdowns as compact tables: all six, or only channel and team when that would be long. */
function renderBreakdowns(breakdowns: Breakdowns): string[] {
  const total = breakdownOrder.reduce((sum, name) => sum + breakdowns[name].length, 0);
  const shown = total > maximumBreakdownRows ? (["channel", "team"] as const) : breakdownOrder;
  const lines = ["## Breakdowns", ""];
  for (const name of shown) lines.push(...breakdownTable(name, breakdowns[name]));
  if (shown.length < breakdownOrder.length) {
    lines.push("By week, agent, priority and topic: see the JSON form (`--json`).", "");
  }
  return lines;
}

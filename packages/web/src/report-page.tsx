import { useEffect, useState } from "react";
import { client, encode, type MonthlyReport } from "./api.ts";
import { navigate, onLinkClick } from "./router.ts";

type Report = MonthlyReport;
type Row = Report["breakdowns"]["channel"][number];

const number = (value: number | null, digits = 1) => (value === null ? "—" : value.toFixed(digits));

export function ReportPage({ month }: { month: string | null }) {
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setReport(null);
    client.reports
      .monthly(month ?? undefined)
      .then(setReport)
      .catch((caught: Error) => setError(caught.message));
  }, [month]);

  const shownMonth = report ? report.period.start.slice(0, 7) : (month ?? "");
  const rows = report
    ? [
        {
          metric: "First response (mean hours)",
          current: number(report.frt.meanHours),
          target: `≤ ${report.targets.frtHours}`,
          ok: report.frt.meanHours === null ? null : report.frt.meanHours <= report.targets.frtHours,
        },
        {
          metric: "First-contact resolution %",
          current: number(report.fcrPct),
          target: `≥ ${report.targets.fcrPct}`,
          ok: report.fcrPct === null ? null : report.fcrPct >= report.targets.fcrPct,
        },
        {
          metric: `CSAT (${report.csat.count} ratings)`,
          current: number(report.csat.mean, 2),
          target: `≥ ${report.targets.csat}`,
          ok: report.csat.mean === null ? null : report.csat.mean >= report.targets.csat,
        },
        {
          metric: "Open tickets",
          current: String(report.openTickets),
          target: `≤ ${report.targets.openTickets}`,
          ok: report.openTickets <= report.targets.openTickets,
        },
        { metric: "Volume", current: String(report.volume), target: `last month ${report.volumePrev}`, ok: null },
      ]
    : [];

  return (
    <section aria-labelledby="report-title" className="report">
      <header className="toolbar">
        <h1 id="report-title">Monthly report</h1>
        <label>
          Month
          <input
            type="month"
            value={shownMonth}
            onChange={(event) => event.target.value && navigate(`/reports?month=${event.target.value}`)}
          />
        </label>
        <a
          className="button secondary"
          href={`/api/v1/reports/monthly?format=csv${month ? `&month=${encode(month)}` : ""}`}
          download
        >
          Download CSV
        </a>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!report && !error && <p className="muted">Computing the report…</p>}
      {report && (
        <>
          <table className="metrics">
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Current</th>
                <th scope="col">Target</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.metric}>
                  <th scope="row">{row.metric}</th>
                  <td>{row.current}</td>
                  <td>{row.target}</td>
                  <td className={row.ok === null ? "" : row.ok ? "good" : "bad"}>
                    {row.ok === null ? "—" : row.ok ? "on target" : "off target"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="charts">
            <BarChart
              title="Tickets by week"
              rows={report.breakdowns.week.map((row) => ({
                label: row.key,
                value: row.volume,
                href: weekHref(report, row.key),
              }))}
            />
            <BarChart
              title="Tickets by channel"
              rows={report.breakdowns.channel.map((row) => ({
                label: row.key,
                value: row.volume,
                href: drillHref(`Tickets by ${row.key} in ${report.period.start.slice(0, 7)}`, {
                  channel: row.key,
                  createdAfter: report.period.start,
                  createdBefore: report.period.end,
                }),
              }))}
            />
            <BarChart
              title="First-contact resolution % by week"
              rows={report.breakdowns.week.map((row) => ({ label: row.key, value: row.fcrPct ?? 0 }))}
              target={report.targets.fcrPct}
            />
          </div>
          <h2>Top issues</h2>
          {report.topIssues.length === 0 ? (
            <p className="muted">No recurring topics this month.</p>
          ) : (
            <table className="metrics">
              <thead>
                <tr>
                  <th scope="col">Topic</th>
                  <th scope="col">Tickets</th>
                  <th scope="col">FCR %</th>
                  <th scope="col">Escalated %</th>
                  <th scope="col">Known issue</th>
                </tr>
              </thead>
              <tbody>
                {report.topIssues.map((issue) => (
                  <tr key={issue.topic}>
                    <th scope="row">
                      {issue.topic === noTopic ? (
                        issue.topic
                      ) : (
                        <a
                          href={drillHref(`"${issue.topic}" in ${report.period.start.slice(0, 7)}`, {
                            topic: issue.topic,
                            createdAfter: report.period.start,
                            createdBefore: report.period.end,
                          })}
                          onClick={onLinkClick}
                        >
                          {issue.topic}
                        </a>
                      )}
                    </th>
                    <td>{issue.count}</td>
                    <td>{number(issue.fcrPct)}</td>
                    <td>{number(issue.escalationRatePct)}</td>
                    <td>{issue.knownIssueId ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.recommendations.length > 0 && (
            <>
              <h2>Recommendations</h2>
              <ul>
                {report.recommendations.map((recommendation) => (
                  <li key={recommendation.text}>{recommendation.text}</li>
                ))}
              </ul>
            </>
          )}
          <h2>By team</h2>
          <Breakdown rows={report.breakdowns.team} />
          <h2>By priority</h2>
          <Breakdown rows={report.breakdowns.priority} />
        </>
      )}
    </section>
  );
}

/** The report's name for tickets without a topic (insights/aggregate.ts); there is no filter for it. */
const noTopic = "(no topic)";

function drillHref(title: string, filter: Record<string, string>): string {
  return `/tickets?${new URLSearchParams({ ...filter, title }).toString()}`;
}

/** A week's tickets within the report's period (the first and last weeks are cut at its edges). */
function weekHref(report: Report, key: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(key)) return undefined;
  const weekStart = new Date(`${key}T00:00:00Z`).getTime();
  const start = new Date(Math.max(weekStart, Date.parse(report.period.start))).toISOString();
  const end = new Date(Math.min(weekStart + 7 * 86_400_000, Date.parse(report.period.end))).toISOString();
  return drillHref(`Tickets created in the week of ${key}`, { createdAfter: start, createdBefore: end });
}

function Breakdown({ rows }: { rows: Row[] }) {
  if (!rows.length) return <p className="muted">No tickets.</p>;
  return (
    <table className="metrics">
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">Tickets</th>
          <th scope="col">FRT mean h</th>
          <th scope="col">FCR %</th>
          <th scope="col">CSAT</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.key}</th>
            <td>{row.volume}</td>
            <td>{number(row.frt.meanHours)}</td>
            <td>{number(row.fcrPct)}</td>
            <td>{number(row.csat.mean, 2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BarChart({
  title,
  rows,
  target,
}: {
  title: string;
  rows: { label: string; value: number; href?: string }[];
  target?: number;
}) {
  const width = 320;
  const barHeight = 18;
  const labelWidth = 96;
  const max = Math.max(1, target ?? 0, ...rows.map((row) => row.value));
  const scale = (value: number) => ((width - labelWidth - 40) * value) / max;
  const height = rows.length * (barHeight + 4) + 4;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {rows.length === 0 ? (
        <p className="muted small">No data.</p>
      ) : (
        <svg
          width={width}
          height={height}
          role="img"
          aria-label={`${title}: ${rows.map((row) => `${row.label} ${Math.round(row.value)}`).join(", ")}`}
        >
          {rows.map((row, index) => {
            const y = 2 + index * (barHeight + 4);
            return (
              <g key={row.label}>
                <text x={0} y={y + 13} className="chart-label">
                  {row.label}
                </text>
                {row.href ? (
                  <a
                    href={row.href}
                    onClick={onLinkClick}
                    aria-label={`${row.label}: ${Math.round(row.value)}, show the tickets`}
                  >
                    <rect
                      x={labelWidth}
                      y={y}
                      width={Math.max(scale(row.value), 2)}
                      height={barHeight}
                      className="bar link"
                    />
                  </a>
                ) : (
                  <rect x={labelWidth} y={y} width={scale(row.value)} height={barHeight} className="bar" />
                )}
                <text x={labelWidth + scale(row.value) + 4} y={y + 13} className="chart-label">
                  {Math.round(row.value)}
                </text>
              </g>
            );
          })}
          {target !== undefined && (
            <line
              x1={labelWidth + scale(target)}
              x2={labelWidth + scale(target)}
              y1={0}
              y2={height}
              className="target"
            />
          )}
        </svg>
      )}
    </figure>
  );
}

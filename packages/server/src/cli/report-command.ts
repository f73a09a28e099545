import { DeskError } from "../core/errors.ts";
import { monthFormatMessage } from "../insights/period.ts";
import type { Reports } from "../insights/reports.ts";

export type ReportCommandOptions = {
  /** YYYY-MM; the current month in the workspace's time zone when absent. */
  month?: string;
  json?: boolean;
  csv?: boolean;
};

/** Refuses a bad --month or --json with --csv, before anything opens the database. */
export function checkReportOptions(options: ReportCommandOptions): void {
  if (options.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(options.month)) {
    throw new DeskError("invalid_input", `--month ${monthFormatMessage} (got "${options.month}").`);
  }
  if (options.json && options.csv) throw new DeskError("invalid_input", "Give --json or --csv, not both.");
}

/**
 * `responder report [--month YYYY-MM] [--json | --csv]`: the brief's Markdown table by default,
 * the Report as JSON, or one CSV row per ticket. `reports` may be a loader, called only once the
 * options are known to be valid, so a mistyped command never opens the database.
 */
export async function runReportCommand(
  reports: Reports | (() => Promise<Reports>),
  workspaceId: string,
  options: ReportCommandOptions,
  out: NodeJS.WritableStream,
): Promise<void> {
  checkReportOptions(options);
  const source = typeof reports === "function" ? await reports() : reports;
  if (options.json) {
    out.write(`${JSON.stringify(await source.monthly(workspaceId, options.month), null, 2)}\n`);
  } else if (options.csv) {
    out.write(await source.monthlyCsv(workspaceId, options.month));
  } else {
    out.write(await source.monthlyMarkdown(workspaceId, options.month));
  }
}

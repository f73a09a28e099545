import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Report } from "../insights/report-schema.ts";
import type { Reports } from "../insights/reports.ts";
import { runReportCommand } from "./report-command.ts";

const fakeReports: Reports = {
  monthly: async (_workspaceId, month) => ({ month }) as unknown as Report,
  monthlyCsv: async () => "ticket_id\r\n",
  monthlyMarkdown: async (_workspaceId, month) => `# ${month}\n`,
  discoveredTopics: async () => {
    throw new Error("the report command does not discover topics");
  },
};

async function run(options: Parameters<typeof runReportCommand>[2]): Promise<string> {
  const out = new PassThrough();
  let text = "";
  out.on("data", (chunk) => {
    text += String(chunk);
  });
  await runReportCommand(fakeReports, "default", options, out);
  return text;
}

describe("responder report", () => {
  it("prints Markdown by default, JSON with --json and CSV with --csv", async () => {
    expect(await run({ month: "2026-03" })).toBe("# 2026-03\n");
    expect(JSON.parse(await run({ month: "2026-03", json: true }))).toEqual({ month: "2026-03" });
    expect(await run({ csv: true })).toBe("ticket_id\r\n");
  });

  it("refuses a bad month before opening the database", async () => {
    let opened = false;
    const loader = async () => {
      opened = true;
      return fakeReports;
    };
    await expect(runReportCommand(loader, "default", { month: "03-2026" }, new PassThrough())).rejects.toThrow(
      /--month must be a month written YYYY-MM/,
    );
    expect(opened).toBe(false);
  });
});

import { z } from "zod";
import { monthFormatMessage } from "../../insights/period.ts";
import { reportSchema } from "../../insights/report-schema.ts";
import type { Reports } from "../../insights/reports.ts";
import type { HttpApp } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

const monthlyReportQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, monthFormatMessage)
    .optional()
    .describe("YYYY-MM in the workspace's time zone; the current month when absent"),
  format: z
    .enum(["json", "markdown", "csv"])
    .default("json")
    .describe("json: the Report; markdown: the table of the brief; csv: one row per ticket with its figures"),
});

export function registerReportRoutes(api: HttpApp, deps: { reports: Reports }) {
  api.get(
    "/reports/monthly",
    {
      config: { access: "agent" },
      schema: {
        tags: ["reports"],
        summary: "The support metrics of a calendar month (spec/metrics.md)",
        description:
          "Computed from stored messages and events dated before the month's end, so a past month gives the same answer after its tickets change. " +
          "`format=markdown` answers text/markdown, `format=csv` text/csv (one row per ticket the report touches, with every per-ticket figure).",
        querystring: monthlyReportQuery,
        response: { 200: reportSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { workspaceId } = principalOf(request);
      const { month, format } = request.query;
      // Text forms: fastify sends a string with a non-JSON content type as it is, past the response schema.
      const sendText = (type: string, text: string) => reply.type(type).send(text as never);
      if (format === "csv") {
        const name = `support-metrics-${month ?? "current"}.csv`;
        reply.header("content-disposition", `attachment; filename="${name}"`);
        return sendText("text/csv; charset=utf-8", await deps.reports.monthlyCsv(workspaceId, month));
      }
      if (format === "markdown") {
        return sendText("text/markdown; charset=utf-8", await deps.reports.monthlyMarkdown(workspaceId, month));
      }
      return deps.reports.monthly(workspaceId, month);
    },
  );
}

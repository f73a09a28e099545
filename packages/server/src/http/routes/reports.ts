import { z } from "zod";
import type { Clock, TicketStore } from "../../core/ports.ts";
import { updateTicket } from "../../core/tickets/ticket-use-cases.ts";
import type { AgentQualityReports } from "../../insights/agent-quality.ts";
import { monthFormatMessage } from "../../insights/period.ts";
import type { ProductReports } from "../../insights/product-loop/product-reports.ts";
import { reportSchema } from "../../insights/report-schema.ts";
import type { Reports } from "../../insights/reports.ts";
import type { HttpApp } from "../app.ts";
import { actorOf, principalOf } from "../auth.ts";
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

const monthQuery = monthlyReportQuery.pick({ month: true });

const discoveredTopicSchema = z.object({
  label: z.string().describe("a suggested name built from the key terms"),
  keyTerms: z.array(z.string()),
  count: z.number().int(),
  ticketIds: z.array(z.string()),
  cohesion: z.number().describe("mean cosine similarity of the topic's tickets to its centre, 0–1"),
});

const discoveredTopicsSchema = z
  .object({
    month: z.string(),
    topics: z.array(discoveredTopicSchema),
    unclusteredCount: z.number().int().describe("untagged tickets that fit no topic"),
    silhouette: z.number().nullable(),
  })
  .meta({ id: "DiscoveredTopics" });

const keepTopicBody = z.object({
  name: z.string().trim().min(1, "give the topic a name").max(200),
  ticketIds: z.array(z.string().min(1)).min(1, "name at least one ticket").max(1000, "at most 1,000 tickets at once"),
});

const keptTopicSchema = z.object({
  topic: z.string(),
  updated: z.array(z.string()).describe("tickets that now carry the topic"),
  skipped: z
    .array(z.object({ ticketId: z.string(), reason: z.string() }))
    .describe("tickets left as they were: not found, or given another topic meanwhile"),
});

const dimension = z.number().describe("0–1, mean over the agent's replies");

const agentQualitySchema = z
  .object({
    month: z.string(),
    agents: z.array(
      z.object({
        agentId: z.string(),
        name: z.string(),
        replies: z.number().int(),
        scores: z.object({
          empathy: dimension,
          specificity: dimension,
          personalisation: dimension,
          nextSteps: dimension,
          followUpKept: dimension.nullable().describe("null when no reply promised a follow-up"),
          overall: dimension,
        }),
        coaching: z.array(z.object({ note: z.string(), replies: z.number().int() })),
      }),
    ),
  })
  .meta({ id: "AgentQuality" });

const affectedSchema = {
  customersAffected: z.number().int(),
  plans: z.record(z.string(), z.number().int()).describe('customers by plan; "(no plan)" when unknown'),
  attributeTotals: z
    .record(z.string(), z.number())
    .describe("sums over the affected customers of numeric attributes named like revenue, mrr, arr, seats or value"),
};

const productReportSchema = z
  .object({
    month: z.string(),
    bugs: z.array(
      z.object({
        knownIssueId: z.string(),
        title: z.string(),
        status: z.string(),
        ticketsInPeriod: z.number().int(),
        ticketsTotal: z.number().int().describe("linked tickets created before the month's end"),
        ...affectedSchema,
      }),
    ),
    featureRequests: z.array(
      z.object({ request: z.string(), tickets: z.number().int(), ticketIds: z.array(z.string()), ...affectedSchema }),
    ),
  })
  .meta({ id: "ProductReport" });

export function registerReportRoutes(
  api: HttpApp,
  deps: {
    reports: Reports;
    agentQuality: AgentQualityReports;
    productReports: ProductReports;
    tickets: TicketStore;
    clock: Clock;
  },
) {
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

  api.get(
    "/reports/topics",
    {
      config: { access: "agent" },
      schema: {
        tags: ["reports"],
        summary: "Topics discovered among the month's tickets that have none",
        description:
          "The tickets created in the month without a topic are clustered by their subject and first customer message " +
          "(TF-IDF and k-means, offline); each cluster comes with a suggested label and its key terms. " +
          "Name one and keep it with POST /topics/keep.",
        querystring: monthQuery,
        response: { 200: discoveredTopicsSchema, ...errors },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      const discovery = await deps.reports.discoveredTopics(workspaceId, request.query.month);
      return {
        month: discovery.month,
        topics: discovery.topics.map((topic) => ({ ...topic, count: topic.ticketIds.length })),
        unclusteredCount: discovery.unclustered.length,
        silhouette: discovery.silhouette,
      };
    },
  );

  api.post(
    "/topics/keep",
    {
      config: { access: "agent" },
      schema: {
        tags: ["reports"],
        summary: "Give a discovered topic a name and set it on its tickets",
        description:
          "Each ticket that still has no topic gets this one (recorded as a topic_changed event); a ticket given another topic meanwhile is left as it is.",
        body: keepTopicBody,
        response: { 200: keptTopicSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { name, ticketIds } = request.body;
      const updated: string[] = [];
      const skipped: { ticketId: string; reason: string }[] = [];
      for (const ticketId of new Set(ticketIds)) {
        const ticket = await deps.tickets.get(principal.workspaceId, ticketId);
        if (!ticket) skipped.push({ ticketId, reason: "no such ticket" });
        else if (ticket.topic && ticket.topic !== name)
          skipped.push({ ticketId, reason: `has the topic "${ticket.topic}"` });
        else {
          await updateTicket(
            {
              workspaceId: principal.workspaceId,
              ticketId,
              patch: { topic: name },
              actor: actorOf(principal),
              expectedVersion: ticket.version,
            },
            deps,
          );
          updated.push(ticketId);
        }
      }
      return { topic: name, updated, skipped };
    },
  );

  api.get(
    "/reports/agent-quality",
    {
      config: { access: "agent" },
      schema: {
        tags: ["reports"],
        summary: "Reply quality per agent for coaching",
        description:
          "Every public agent reply of the month scored 0–1 on empathy, specificity, personalisation, next steps and " +
          "follow-up kept (a promised follow-up counts as kept when another reply came within 48 hours), averaged per " +
          "agent, lowest overall first, with the notes that came up most often.",
        querystring: monthQuery,
        response: { 200: agentQualitySchema, ...errors },
      },
    },
    async (request) => deps.agentQuality.monthly(principalOf(request).workspaceId, request.query.month),
  );

  api.get(
    "/reports/product",
    {
      config: { access: "agent" },
      schema: {
        tags: ["reports"],
        summary: "Bugs and feature requests for the product team",
        description:
          "Bugs are known issues with the tickets linked to them; feature requests are the month's tickets tagged " +
          "feature-request (or with that topic), grouped by their subject. Each comes with the customers it touches, " +
          "their plans and the totals of their revenue-like attributes. Most customers first.",
        querystring: monthQuery,
        response: { 200: productReportSchema, ...errors },
      },
    },
    async (request) => deps.productReports.monthly(principalOf(request).workspaceId, request.query.month),
  );
}

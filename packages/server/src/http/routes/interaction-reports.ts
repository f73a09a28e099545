import { z } from "zod";
import { DeskError } from "../../core/errors.ts";
import {
  type InteractionReportStore,
  renderInteractionReportMarkdown,
} from "../../core/interaction-report/interaction-report.ts";
import { type TicketTriage, writeInteractionReport } from "../../core/interaction-report/write-interaction-report.ts";
import type {
  ArticleStore,
  Clock,
  CustomerStore,
  KnownIssueStore,
  TicketStore,
  WorkspaceStore,
} from "../../core/ports.ts";
import type { Responder } from "../../responder/responder.ts";
import type { HttpApp } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse, ticketIdParams } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const instant = z.string().describe("ISO 8601 instant");
const slaOutcome = z.enum(["met", "missed", "no_target"]);

export const interactionReportResponse = z
  .object({
    ticketId: z.string(),
    writtenAt: instant,
    customer: z.object({
      id: z.string(),
      name: z.string().nullable(),
      plan: z.string().nullable(),
      channel: z.string(),
      priority: z.string().nullable(),
      priorTickets: z.number().int().describe("the customer's tickets created before this one"),
      priorAverageCsat: z.number().nullable(),
    }),
    issue: z.object({
      subject: z.string().nullable(),
      category: z.string().nullable().describe("the responder's triage"),
      topic: z.string().nullable(),
      description: z.string().nullable().describe("the customer's first message"),
      urgency: z.string().nullable(),
      emotion: z.object({ sentiment: z.string(), frustration: z.number() }).nullable(),
    }),
    resolution: z.object({
      rootCause: z.string().nullable().describe("the linked known issue; null when none was recorded"),
      customerGoal: z.string().nullable(),
      steps: z.array(z.object({ at: instant, by: z.string(), action: z.string(), result: z.string().nullable() })),
      teams: z.array(z.object({ id: z.string(), name: z.string() })),
      articles: z.array(z.object({ id: z.string(), title: z.string() })),
      confirmation: z.object({ how: z.enum(["customer", "window_passed", "not_yet"]), at: instant.nullable() }),
    }),
    outcome: z.object({
      resolutionMinutes: z.number().nullable(),
      firstContactResolution: z.boolean(),
      csat: z.object({ score: z.number(), comment: z.string().nullable() }).nullable(),
      sla: z.object({ firstResponse: slaOutcome, resolution: slaOutcome }),
      escalations: z.array(z.object({ at: instant, toTeam: z.string().nullable(), reason: z.string().nullable() })),
      reopened: z.number().int(),
      recurrenceRisk: z.object({ level: z.enum(["low", "medium", "high"]), reasons: z.array(z.string()) }),
    }),
    followUps: z.array(
      z.object({ after: z.enum(["24 hours", "7 days", "30 days"]), dueAt: instant, action: z.string() }),
    ),
  })
  .meta({ id: "InteractionReport" });

const reportQuery = z.object({
  format: z.enum(["json", "markdown"]).default("json").describe("markdown answers text/markdown"),
});

export function registerInteractionReportRoutes(
  api: HttpApp,
  deps: {
    interactionReports: InteractionReportStore;
    tickets: TicketStore;
    customers: CustomerStore;
    knownIssues: KnownIssueStore;
    workspaces: WorkspaceStore;
    articles: ArticleStore;
    clock: Clock;
    responder: Responder;
  },
) {
  const triage = async (workspaceId: string, ticketId: string): Promise<TicketTriage> => {
    const draft = await deps.responder.draft(workspaceId, ticketId);
    return {
      ...draft.triage,
      articleIds: draft.citations.filter((citation) => citation.kind === "article").map((citation) => citation.id),
    };
  };
  api.get(
    "/tickets/:id/interaction-report",
    {
      config: { access: "agent" },
      schema: {
        tags: ["tickets"],
        summary: "The interaction report the desk wrote when the ticket was solved",
        description:
          "Customer, issue and emotion, root cause and steps, teams and articles, how the fix was confirmed, outcome " +
          "figures and follow-ups at 24 hours, 7 days and 30 days, from stored data only (a fact that was not recorded is null). " +
          "Written when the ticket is solved and rewritten when it changes again; a solved ticket without one gets it now. " +
          "`format=markdown` answers text/markdown.",
        params: ticketIdParams,
        querystring: reportQuery,
        response: { 200: interactionReportResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { workspaceId } = principalOf(request);
      const ticketId = request.params.id;
      let report = await deps.interactionReports.get(workspaceId, ticketId);
      if (!report) {
        const ticket = await deps.tickets.get(workspaceId, ticketId);
        if (!ticket) throw new DeskError("not_found", `There is no ticket ${ticketId}.`);
        report = await writeInteractionReport({ workspaceId, ticketId }, { ...deps, triage });
        if (!report) {
          throw new DeskError(
            "not_found",
            `Ticket ${ticketId} is ${ticket.status}; its interaction report is written when it is solved.`,
          );
        }
      }
      if (request.query.format === "markdown") {
        return reply.type("text/markdown; charset=utf-8").send(renderInteractionReportMarkdown(report) as never);
      }
      return report;
    },
  );
}

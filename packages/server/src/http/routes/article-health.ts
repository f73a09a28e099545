import { z } from "zod";
import { DeskError } from "../../core/errors.ts";
import { defaultEffectWeeks } from "../../insights/article-health.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const day = 24 * 3_600_000;
const defaultDays = 30;

const instantQuery = z
  .string()
  .refine((text) => /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text)), {
    message: "must be a date or an instant in ISO 8601, e.g. 2026-03-01 or 2026-03-01T00:00:00Z",
  })
  .transform((text) => new Date(text));

const articleHealthQuery = z.object({
  from: instantQuery.optional().describe(`start of the period (inclusive); ${defaultDays} days before to when absent`),
  to: instantQuery.optional().describe("end of the period (exclusive); now when absent"),
  weeks: z.coerce
    .number()
    .int()
    .min(1, "weeks must be 1 or more")
    .max(26, "weeks must be 26 or fewer")
    .default(defaultEffectWeeks)
    .describe("full weeks compared before and after each article was published"),
});

const weekCount = z.object({ week: z.string().describe("the Monday the week starts on"), tickets: z.number().int() });

export const articleEffectResponse = z
  .object({
    articleId: z.string(),
    title: z.string(),
    topic: z.string().describe("the topic the article covers, matched as the monthly report matches articles"),
    publishedAt: z.string().describe("when its first version was saved"),
    weeks: z.number().int(),
    ticketsBefore: z.array(weekCount),
    ticketsAfter: z.array(weekCount).describe("only weeks that have ended"),
    beforePerWeek: z.number(),
    afterPerWeek: z.number().nullable(),
    changePct: z.number().nullable(),
    met: z.boolean().nullable().describe("fell by 25% or more; null until every week after has ended"),
    status: z.enum(["measured", "measuring", "no_tickets_before"]),
  })
  .meta({ id: "ArticleEffect" });

const articleHealthResponse = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), timezone: z.string() }),
    thresholds: z.object({
      bounceRatePct: z.number(),
      minimumReadsForBounce: z.number().int(),
      lowRatingReaders: z.number().int(),
      ticketsAfterReading: z.number().int(),
      successReductionPct: z.number(),
      effectWeeks: z.number().int(),
    }),
    articles: z.array(
      z.object({
        articleId: z.string(),
        title: z.string(),
        public: z.boolean(),
        reads: z.number().int(),
        readers: z.number().int(),
        bounceRatePct: z.number().nullable(),
        ratings: z.object({
          count: z.number().int(),
          lowCount: z.number().int().describe("readers who rated it 2 or less"),
          mean: z.number().nullable(),
        }),
        ticketsAfterReading: z.number().int().describe("contact-form and widget tickets within 24 h after a read"),
        needsRework: z.boolean(),
        flags: z.array(
          z.object({
            reason: z.enum(["bounce_rate", "low_ratings", "tickets_after_reading"]),
            evidence: z.string(),
          }),
        ),
        effect: articleEffectResponse.nullable().describe("null for internal articles and articles matching no topic"),
      }),
    ),
  })
  .meta({ id: "ArticleHealth" });

const healthDescription =
  "Per article over [from, to): reads of the public help center (bots not counted), bounce rate, ratings and tickets " +
  "opened after reading, flagged for rework when bounce is over 60% (with at least 10 reads), more than 5 readers rate " +
  "it 2 or less, or more than 20 tickets were opened within 24 h after reading it. A read bounces when the visitor " +
  "opened no other help-center page within 30 minutes, did not interact with the page (rate, write to support, click, " +
  "select) and it was in view under 10 s. `effect` compares the topic's tickets per full week (Monday, workspace time " +
  "zone) before and after the article was published.";

export function registerArticleHealthRoutes(api: HttpApp, deps: Pick<HttpDeps, "articleHealth" | "clock">) {
  api.get(
    "/reports/article-health",
    {
      config: { access: "agent" },
      schema: {
        tags: ["reports"],
        summary: "Knowledge-base health: reading, ratings, tickets after reading, rework flags and before/after",
        description: healthDescription,
        querystring: articleHealthQuery,
        response: { 200: articleHealthResponse, ...errors },
      },
    },
    async (request) => {
      const to = request.query.to ?? deps.clock.now();
      const from = request.query.from ?? new Date(to.getTime() - defaultDays * day);
      if (to.getTime() <= from.getTime()) {
        throw new DeskError("invalid_input", "to must be after from, e.g. from=2026-03-01&to=2026-04-01.");
      }
      return deps.articleHealth.report(principalOf(request).workspaceId, { from, to, weeks: request.query.weeks });
    },
  );
}

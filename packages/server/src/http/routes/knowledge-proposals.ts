import { z } from "zod";
import type { ArticleProposal, ArticleProposals } from "../../insights/knowledge-loop/article-proposals.ts";
import { monthFormatMessage } from "../../insights/period.ts";
import type { HttpApp } from "../app.ts";
import { actorOf, principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";
import { articleResponse, presentArticle } from "./articles.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

const proposalSchema = z
  .object({
    id: z.string(),
    topic: z.string(),
    kind: z.enum(["troubleshooting", "how_to", "billing"]).describe("the template the draft follows"),
    title: z.string(),
    body: z.string().describe("markdown, every sentence taken from the cited tickets or known issue"),
    sources: z.object({ ticketIds: z.array(z.string()), knownIssueId: z.string().nullable() }),
    status: z.enum(["proposed", "accepted", "dismissed"]),
    articleId: z.string().nullable().describe("the article it became, once accepted"),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
  })
  .meta({ id: "ArticleProposal" });

const proposalParams = z.object({ id: z.string().min(1) });

function present(proposal: ArticleProposal) {
  return {
    ...proposal,
    createdAt: proposal.createdAt.toISOString(),
    decidedAt: proposal.decidedAt?.toISOString() ?? null,
  };
}

export function registerKnowledgeProposalRoutes(api: HttpApp, deps: { articleProposals: ArticleProposals }) {
  api.post(
    "/knowledge/proposals",
    {
      config: { access: "agent" },
      schema: {
        tags: ["knowledge base"],
        summary: "Propose articles for the month's recurring topics that no article covers",
        description:
          "Each topic of the month's report with enough tickets and no article mentioning it gets one proposal, drafted " +
          "from the replies that solved its tickets in the template for its kind. A topic with a proposal already " +
          "(even a dismissed one) is skipped.",
        body: z.object({
          month: z
            .string()
            .regex(/^\d{4}-(0[1-9]|1[0-2])$/, monthFormatMessage)
            .optional(),
        }),
        response: { 200: z.object({ created: z.array(proposalSchema) }), ...errors },
      },
    },
    async (request) => {
      const created = await deps.articleProposals.generate(principalOf(request).workspaceId, request.body.month);
      return { created: created.map(present) };
    },
  );

  api.get(
    "/knowledge/proposals",
    {
      config: { access: "agent" },
      schema: {
        tags: ["knowledge base"],
        summary: "Article proposals, newest first",
        querystring: z.object({ status: z.enum(["proposed", "accepted", "dismissed"]).optional() }),
        response: { 200: z.object({ items: z.array(proposalSchema) }), ...errors },
      },
    },
    async (request) => ({
      items: (await deps.articleProposals.list(principalOf(request).workspaceId, request.query.status)).map(present),
    }),
  );

  api.post(
    "/knowledge/proposals/:id/accept",
    {
      config: { access: "agent" },
      schema: {
        tags: ["knowledge base"],
        summary: "Publish a proposal as an article, with the editor's changes",
        description: "The article is internal unless `public` is true.",
        params: proposalParams,
        body: z.object({
          title: z.string().trim().min(1).max(300).optional(),
          body: z.string().min(1).max(200_000).optional(),
          public: z.boolean().optional(),
        }),
        response: { 200: z.object({ proposal: proposalSchema, article: articleResponse }), ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { proposal, article } = await deps.articleProposals.accept(
        principal.workspaceId,
        request.params.id,
        actorOf(principal),
        request.body,
      );
      return { proposal: present(proposal), article: presentArticle(article) };
    },
  );

  api.post(
    "/knowledge/proposals/:id/dismiss",
    {
      config: { access: "agent" },
      schema: {
        tags: ["knowledge base"],
        summary: "Dismiss a proposal; its topic is not proposed again",
        params: proposalParams,
        response: { 200: proposalSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return present(await deps.articleProposals.dismiss(principal.workspaceId, request.params.id, actorOf(principal)));
    },
  );
}

import { z } from "zod";
import { DeskError } from "../../core/errors.ts";
import type { Article, ArticleListItem } from "../../core/ports.ts";
import { normaliseTags } from "../../core/tickets/lifecycle.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { actorOf, principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

const articleVersionResponse = z.object({
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  editedBy: z.string().nullable(),
  createdAt: z.string().describe("ISO 8601 instant"),
});

const tags = z.array(z.string().max(100)).max(50).describe("lower-cased and de-duplicated when stored");

export const articleResponse = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string().describe("markdown"),
    tags: z.array(z.string()),
    public: z.boolean().describe("shown in the public help center"),
    updatedAt: z.string().nullable().describe("ISO 8601 instant"),
  })
  .meta({ id: "Article" });

const articleListItem = articleResponse
  .extend({ score: z.number().nullable().describe("full-text rank when the list is a search, else null") })
  .meta({ id: "ArticleListItem" });

const listArticlesQuery = z.object({
  search: z.string().max(500).optional().describe("words to find; quotes, OR and -word work as in web search"),
  tag: z.string().max(100).optional(),
  public: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional()
    .describe("only public (true) or only internal (false) articles"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional().describe("nextCursor from the previous page"),
});

const createArticleBody = z
  .object({
    id: z.string().trim().min(1).max(200).optional().describe("your own id; one is made up when absent"),
    title: z.string().trim().min(1, "must not be empty").max(500),
    body: z.string().max(1_000_000),
    tags: tags.default([]),
    public: z.boolean().default(false),
  })
  .strict();

const updateArticleBody = z
  .object({
    title: z.string().trim().min(1, "must not be empty").max(500).optional(),
    body: z.string().max(1_000_000).optional(),
    tags: tags.optional(),
    public: z.boolean().optional(),
  })
  .strict();

const articleIdParams = z.object({ id: z.string().min(1).max(200) });

export function presentArticle(article: Article) {
  return {
    id: article.id,
    title: article.title,
    body: article.body,
    tags: article.tags,
    public: article.public,
    updatedAt: article.updatedAt?.toISOString() ?? null,
  };
}

const presentListItem = (article: ArticleListItem) => ({ ...presentArticle(article), score: article.score });

const notFound = (id: string) => new DeskError("not_found", `There is no article ${id}.`);

export function registerArticleRoutes(api: HttpApp, deps: Pick<HttpDeps, "articles" | "clock">) {
  api.get(
    "/articles",
    {
      config: { access: "agent" },
      schema: {
        tags: ["knowledge base"],
        summary: "List knowledge-base articles, newest first; with `search`, best match first",
        querystring: listArticlesQuery,
        response: {
          200: z.object({ articles: z.array(articleListItem), nextCursor: z.string().nullable() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const page = await deps.articles.list(principalOf(request).workspaceId, request.query);
      return { articles: page.items.map(presentListItem), nextCursor: page.nextCursor };
    },
  );

  api.get(
    "/articles/:id",
    {
      config: { access: "agent" },
      schema: {
        tags: ["knowledge base"],
        summary: "One article",
        params: articleIdParams,
        response: { 200: articleResponse, ...errors },
      },
    },
    async (request) => {
      const article = await deps.articles.get(principalOf(request).workspaceId, request.params.id);
      if (!article) throw notFound(request.params.id);
      return presentArticle(article);
    },
  );

  api.post(
    "/articles",
    {
      config: { access: "agent" },
      schema: {
        tags: ["knowledge base"],
        summary: "Write an article",
        body: createArticleBody,
        response: { 201: articleResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { tags: given, ...article } = request.body;
      const principal = principalOf(request);
      const created = await deps.articles.create(
        principal.workspaceId,
        { ...article, tags: normaliseTags(given) },
        deps.clock.now(),
        actorOf(principal),
      );
      return reply
        .status(201)
        .header("location", `/api/v1/articles/${encodeURIComponent(created.id)}`)
        .send(presentArticle(created));
    },
  );

  api.patch(
    "/articles/:id",
    {
      config: { access: "agent" },
      schema: {
        tags: ["knowledge base"],
        summary: "Change an article's title, body, tags or visibility",
        params: articleIdParams,
        body: updateArticleBody,
        response: { 200: articleResponse, ...errors },
      },
    },
    async (request) => {
      const { tags: given, ...patch } = request.body;
      const principal = principalOf(request);
      const updated = await deps.articles.update(
        principal.workspaceId,
        request.params.id,
        { ...patch, ...(given === undefined ? {} : { tags: normaliseTags(given) }) },
        deps.clock.now(),
        actorOf(principal),
      );
      if (!updated) throw notFound(request.params.id);
      return presentArticle(updated);
    },
  );

  api.get(
    "/articles/:id/versions",
    {
      config: { access: "agent" },
      schema: {
        tags: ["knowledge base"],
        summary: "Every saved state of an article, newest first",
        description:
          "Each create and update through the desk keeps a version with who saved it; an imported article's state " +
          'before its first edit here is version 1 (edited by "import").',
        params: articleIdParams,
        response: { 200: z.object({ versions: z.array(articleVersionResponse) }), ...errors },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      if (!(await deps.articles.get(workspaceId, request.params.id))) throw notFound(request.params.id);
      const versions = await deps.articles.versions(workspaceId, request.params.id);
      return { versions: versions.map((version) => ({ ...version, createdAt: version.createdAt.toISOString() })) };
    },
  );

  api.delete(
    "/articles/:id",
    {
      config: { access: "admin" },
      schema: {
        tags: ["knowledge base"],
        summary: "Delete an article (admins only)",
        params: articleIdParams,
        response: { 204: z.null().describe("deleted"), ...errors },
      },
    },
    async (request, reply) => {
      const deleted = await deps.articles.delete(principalOf(request).workspaceId, request.params.id);
      if (!deleted) throw notFound(request.params.id);
      return reply.status(204).send(null);
    },
  );
}

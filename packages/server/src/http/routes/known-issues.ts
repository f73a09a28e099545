import { z } from "zod";
import { DeskError } from "../../core/errors.ts";
import type { KnownIssue, KnownIssueDetail } from "../../core/ports.ts";
import { knownIssueStatuses } from "../../core/snapshot/snapshot-schema.ts";
import { normaliseTags } from "../../core/tickets/lifecycle.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { principalOf } from "../auth.ts";
import { csvOf, errorResponse } from "../schemas.ts";
import { knownIssueExportResponse, presentExport } from "./known-issue-export.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

const status = z.enum(knownIssueStatuses);
const tags = z.array(z.string().max(100)).max(50).describe("lower-cased and de-duplicated when stored");

export const knownIssueResponse = z
  .object({
    id: z.string(),
    title: z.string(),
    status,
    tags: z.array(z.string()),
    workaround: z.string().nullable().describe("what agents can tell customers until it is fixed"),
    ticketCount: z.number().int().describe("how many tickets are incidents of this issue"),
  })
  .meta({ id: "KnownIssue" });

const knownIssueDetailResponse = knownIssueResponse
  .extend({
    ticketIds: z.array(z.string()).describe("the linked tickets, oldest first"),
    export: knownIssueExportResponse
      .nullable()
      .optional()
      .describe(
        "its export to an issue tracker (POST /known-issues/{id}/export), with the tracker's link; null before the first",
      ),
  })
  .meta({ id: "KnownIssueDetail" });

const listKnownIssuesQuery = z.object({
  status: csvOf(knownIssueStatuses).optional().describe("comma-separated, e.g. open,fix_in_progress"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional().describe("nextCursor from the previous page"),
});

const createKnownIssueBody = z
  .object({
    id: z.string().trim().min(1).max(200).optional().describe("your own id; one is made up when absent"),
    title: z.string().trim().min(1, "must not be empty").max(500),
    status: status.default("open"),
    tags: tags.default([]),
    workaround: z.string().max(100_000).nullable().default(null),
  })
  .strict();

const updateKnownIssueBody = z
  .object({
    title: z.string().trim().min(1, "must not be empty").max(500).optional(),
    status: status.optional(),
    tags: tags.optional(),
    workaround: z.string().max(100_000).nullable().optional().describe("null removes it"),
  })
  .strict();

const knownIssueIdParams = z.object({ id: z.string().min(1).max(200) });

const presentKnownIssue = (issue: KnownIssue) => ({
  id: issue.id,
  title: issue.title,
  status: issue.status,
  tags: issue.tags,
  workaround: issue.workaround,
  ticketCount: issue.ticketCount,
});

const presentKnownIssueDetail = (issue: KnownIssueDetail) => ({
  ...presentKnownIssue(issue),
  ticketIds: issue.ticketIds,
});

const notFound = (id: string) => new DeskError("not_found", `There is no known issue ${id}.`);

export function registerKnownIssueRoutes(api: HttpApp, deps: Pick<HttpDeps, "knownIssues" | "knownIssueExports">) {
  api.get(
    "/known-issues",
    {
      config: { access: "agent" },
      schema: {
        tags: ["known issues"],
        summary: "List known issues (problems behind many tickets), newest first",
        querystring: listKnownIssuesQuery,
        response: {
          200: z.object({ knownIssues: z.array(knownIssueResponse), nextCursor: z.string().nullable() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const page = await deps.knownIssues.list(principalOf(request).workspaceId, request.query);
      return { knownIssues: page.items.map(presentKnownIssue), nextCursor: page.nextCursor };
    },
  );

  api.get(
    "/known-issues/:id",
    {
      config: { access: "agent" },
      schema: {
        tags: ["known issues"],
        summary: "A known issue with the tickets linked to it",
        params: knownIssueIdParams,
        response: { 200: knownIssueDetailResponse, ...errors },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      const issue = await deps.knownIssues.get(workspaceId, request.params.id);
      if (!issue) throw notFound(request.params.id);
      const exported = await deps.knownIssueExports.get(workspaceId, issue.id);
      return { ...presentKnownIssueDetail(issue), export: exported ? presentExport(exported) : null };
    },
  );

  api.post(
    "/known-issues",
    {
      config: { access: "agent" },
      schema: {
        tags: ["known issues"],
        summary: "Record a known issue; link tickets to it with PATCH /tickets/{id} knownIssueId",
        body: createKnownIssueBody,
        response: { 201: knownIssueDetailResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { tags: given, ...issue } = request.body;
      const created = await deps.knownIssues.create(principalOf(request).workspaceId, {
        ...issue,
        tags: normaliseTags(given),
      });
      return reply
        .status(201)
        .header("location", `/api/v1/known-issues/${encodeURIComponent(created.id)}`)
        .send(presentKnownIssueDetail(created));
    },
  );

  api.patch(
    "/known-issues/:id",
    {
      config: { access: "agent" },
      schema: {
        tags: ["known issues"],
        summary: "Change a known issue's status, title, tags or workaround",
        params: knownIssueIdParams,
        body: updateKnownIssueBody,
        response: { 200: knownIssueDetailResponse, ...errors },
      },
    },
    async (request) => {
      const { tags: given, ...patch } = request.body;
      const updated = await deps.knownIssues.update(principalOf(request).workspaceId, request.params.id, {
        ...patch,
        ...(given === undefined ? {} : { tags: normaliseTags(given) }),
      });
      if (!updated) throw notFound(request.params.id);
      return presentKnownIssueDetail(updated);
    },
  );
}

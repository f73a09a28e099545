import { z } from "zod";
import { exportKnownIssue, knownIssueExportedKind } from "../../insights/product-loop/export-known-issue.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const instant = z.string().describe("ISO 8601 instant");

export const trackerLinkResponse = z
  .object({
    url: z.string().describe("the item in the issue tracker"),
    key: z.string().describe("the tracker's key for it, e.g. PROD-123"),
  })
  .meta({ id: "TrackerLink" });

export const knownIssueExportResponse = z
  .object({
    exports: z.number().int().describe("how many times it was exported"),
    firstExportedAt: instant,
    lastExportedAt: instant,
    tracker: trackerLinkResponse.nullable().describe("the link the tracker answered with, once it answered with one"),
  })
  .meta({ id: "KnownIssueExport" });

const exportResultResponse = z
  .object({
    knownIssueId: z.string(),
    action: z.enum(["create", "update"]).describe("create on the first export, update on every later one"),
    eventId: z.string(),
    deliveries: z.array(
      z.object({
        subscriptionId: z.string(),
        deliveryId: z.string(),
        status: z.enum(["succeeded", "retrying", "failed"]),
        responseStatus: z.number().int().nullable(),
        error: z.string().nullable(),
      }),
    ),
    export: knownIssueExportResponse,
  })
  .meta({ id: "KnownIssueExportResult" });

const exportDescription =
  `Sends the known issue to every webhook subscribed to \`${knownIssueExportedKind}\` (signed like every delivery). ` +
  "The body's `data` is `{ action, knownIssue: { id, title, description, status, kind (bug | feature_request), tags, " +
  "workaround, customersAffected, plans, attributeTotals, ticketCount, ticketIds, links }, tracker }`. The first export " +
  "is a create; every later one is an update of the same item and carries the stored `tracker` link. A receiver that " +
  'answers 2xx with JSON `{ "url": "...", "key": "..." }` has that link stored on the known issue.';

export const presentExport = (record: {
  exports: number;
  firstExportedAt: Date;
  lastExportedAt: Date;
  tracker: { url: string; key: string } | null;
}) => ({
  exports: record.exports,
  firstExportedAt: record.firstExportedAt.toISOString(),
  lastExportedAt: record.lastExportedAt.toISOString(),
  tracker: record.tracker,
});

export function registerKnownIssueExportRoutes(
  api: HttpApp,
  deps: Pick<HttpDeps, "knownIssues" | "knownIssueExports" | "webhooks" | "jobs" | "clock" | "publicUrl">,
) {
  api.post(
    "/known-issues/:id/export",
    {
      config: { access: "admin" },
      schema: {
        tags: ["known issues"],
        summary: "Export a known issue to an issue tracker through the outbound webhook",
        description: exportDescription,
        params: z.object({ id: z.string().min(1).max(200) }),
        response: { 200: exportResultResponse, ...errors },
      },
    },
    async (request) => {
      const result = await exportKnownIssue(
        { workspaceId: principalOf(request).workspaceId, knownIssueId: request.params.id },
        { ...deps, publicUrl: deps.publicUrl ?? "http://localhost:3000" },
      );
      return { ...result, export: presentExport(result.export) };
    },
  );
}

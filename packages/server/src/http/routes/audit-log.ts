import { z } from "zod";
import type { AuditEntry, AuditStore } from "../../core/ports.ts";
import type { HttpApp } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";

const auditEntryResponse = z
  .object({
    at: z.string().describe("ISO 8601 instant"),
    actor: z
      .string()
      .describe(
        'an agent id, "admin-token" for RESPONDER_ADMIN_TOKEN, "local-cli" for a command run beside the desk, or "anonymous" (failed sign-in)',
      ),
    action: z.string().describe('the route, e.g. "PUT /routing"'),
    targetId: z.string().nullable().describe("the object acted on, when there is one"),
    requestId: z.string().describe("the request's id in the desk's logs"),
    status: z.number().int().describe("the HTTP status the desk answered with; 4xx means refused or failed"),
  })
  .meta({ id: "AuditEntry" });

const listQuery = z.object({
  limit: z.coerce.number().int().min(1, "limit: at least 1").max(200, "limit: at most 200").default(50),
  cursor: z.string().max(200).optional().describe("nextCursor from the previous page"),
});

const present = (entry: AuditEntry) => ({
  at: entry.at.toISOString(),
  actor: entry.actor,
  action: entry.action,
  targetId: entry.targetId,
  requestId: entry.requestId,
  status: entry.status,
});

export function registerAuditLogRoutes(api: HttpApp, deps: { audit: AuditStore }) {
  api.get(
    "/audit-log",
    {
      config: { access: "admin" },
      schema: {
        tags: ["audit"],
        summary: "Admin actions, sign-ins and sign-outs, tokens issued and revoked; newest first",
        description:
          "One entry for every change an admin asked for, whether it succeeded or failed (its status says which). " +
          "Attempts the access check refused (401, 403) are not recorded: they have no actor to name.",
        querystring: listQuery,
        response: {
          200: z.object({ items: z.array(auditEntryResponse), nextCursor: z.string().nullable() }),
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
        },
      },
    },
    async (request) => {
      const page = await deps.audit.list(principalOf(request).workspaceId, request.query);
      return { items: page.items.map(present), nextCursor: page.nextCursor };
    },
  );
}

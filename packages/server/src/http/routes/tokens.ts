import { z } from "zod";
import { DeskError } from "../../core/errors.ts";
import type { AccessStore, TokenSummary } from "../../core/ports.ts";
import type { HttpApp } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const instant = z.string().describe("ISO 8601 instant");

const tokenResponse = z
  .object({
    id: z.string(),
    name: z.string().describe("what the token is for"),
    agentId: z.string().describe("the agent the token acts as"),
    createdAt: instant,
    lastUsedAt: instant.nullable().describe("to the minute; null if never used"),
    revokedAt: instant.nullable(),
  })
  .meta({ id: "ApiToken" });

const issuedResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    agentId: z.string(),
    token: z.string().describe("the secret; shown only here and stored only as a hash, keep it"),
  })
  .meta({ id: "ApiTokenIssued" });

const issueBody = z
  .object({
    agentId: z.string().trim().min(1, "agentId: name the agent the token acts as").max(200),
    name: z.string().trim().min(1, "name: say what the token is for").max(200).default("api"),
  })
  .strict();

const idParams = z.object({ id: z.string().min(1).max(200) });

const present = (token: TokenSummary) => ({
  id: token.id,
  name: token.name,
  agentId: token.agentId,
  createdAt: token.createdAt.toISOString(),
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  revokedAt: token.revokedAt?.toISOString() ?? null,
});

/** Admin routes for the workspace's API tokens: list, issue (the secret is shown once), revoke. */
export function registerTokenRoutes(api: HttpApp, deps: { access: AccessStore }) {
  api.get(
    "/tokens",
    {
      config: { access: "admin" },
      schema: {
        tags: ["tokens"],
        summary: "The workspace's API tokens, newest first (never their secrets)",
        response: { 200: z.object({ tokens: z.array(tokenResponse) }), 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => ({
      tokens: (await deps.access.listTokens(principalOf(request).workspaceId)).map(present),
    }),
  );

  api.post(
    "/tokens",
    {
      config: { access: "admin" },
      schema: {
        tags: ["tokens"],
        summary: "Issue an API token for an agent; the secret is in this answer only",
        body: issueBody,
        response: { 201: issuedResponse, ...errors },
      },
    },
    async (request, reply) => {
      const issued = await deps.access.issueToken(
        principalOf(request).workspaceId,
        request.body.agentId,
        request.body.name,
      );
      return reply.status(201).send({ id: issued.id, name: issued.name, agentId: issued.agentId, token: issued.token });
    },
  );

  api.delete(
    "/tokens/:id",
    {
      config: { access: "admin" },
      schema: {
        tags: ["tokens"],
        summary: "Revoke a token: it stops working at once on this desk process (within 30 s on others)",
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const revoked = await deps.access.revokeToken(principalOf(request).workspaceId, request.params.id);
      if (!revoked) throw new DeskError("not_found", `There is no active token ${request.params.id}.`);
      return reply.status(204).send(null);
    },
  );
}

import { z } from "zod";
import { autoReply } from "../../responder/auto-reply.ts";
import { autonomyPolicyOf, autonomySchema } from "../../responder/autonomy.ts";
import { draftSchema } from "../../responder/draft.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse, ticketIdParams } from "../schemas.ts";

const errors = { 401: errorResponse, 403: errorResponse, 404: errorResponse };

const autoReplyResponse = z.object({
  sent: z.boolean(),
  reason: z.string().describe("why it was or was not sent, for the audit trail"),
  draft: draftSchema,
});

export function registerDraftRoutes(
  api: HttpApp,
  deps: Pick<HttpDeps, "responder" | "tickets" | "workspaces" | "clock" | "defaultWorkspaceId">,
) {
  api.post(
    "/tickets/:id/draft",
    {
      config: { access: "agent" },
      schema: {
        tags: ["responder"],
        summary: "The responder's draft for a ticket: triage, reply, internal note, proposed actions, citations",
        description:
          "A proposal only: nothing is sent and the ticket does not change. Every fact in the reply is cited; the offline engine is used unless a model is configured.",
        params: ticketIdParams,
        response: { 200: draftSchema, ...errors },
      },
    },
    async (request) => deps.responder.draft(principalOf(request).workspaceId, request.params.id),
  );

  api.post(
    "/tickets/:id/auto-reply",
    {
      config: { access: "agent" },
      schema: {
        tags: ["responder"],
        summary: "Send the responder's reply on its own, if the workspace's autonomy policy allows it",
        description:
          "Drafts, checks the policy (off by default; confidence threshold and allowed categories), and only then adds the reply as a public message authored by the responder, with its internal note. Never sends twice for one customer message.",
        params: ticketIdParams,
        response: { 200: autoReplyResponse, ...errors },
      },
    },
    async (request) => autoReply(principalOf(request).workspaceId, request.params.id, deps),
  );

  api.get(
    "/responder/autonomy",
    {
      config: { access: "agent" },
      schema: {
        tags: ["responder"],
        summary: "The workspace's autonomy policy",
        response: { 200: autonomySchema, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const profile = await deps.workspaces.profile(principalOf(request).workspaceId);
      return autonomyPolicyOf(profile?.settings ?? {});
    },
  );

  api.put(
    "/responder/autonomy",
    {
      config: { access: "admin" },
      schema: {
        tags: ["responder"],
        summary: "Set the workspace's autonomy policy (admin)",
        body: autonomySchema,
        response: { 200: autonomySchema, 400: errorResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      const profile = await deps.workspaces.profile(workspaceId);
      const responder = typeof profile?.settings.responder === "object" ? profile.settings.responder : {};
      await deps.workspaces.updateSettings(workspaceId, { responder: { ...responder, autonomy: request.body } });
      return request.body;
    },
  );
}

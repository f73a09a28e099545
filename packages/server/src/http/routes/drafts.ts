import { draftSchema } from "../../responder/draft.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse, ticketIdParams } from "../schemas.ts";

const errors = { 401: errorResponse, 403: errorResponse, 404: errorResponse };

export function registerDraftRoutes(api: HttpApp, deps: Pick<HttpDeps, "responder">) {
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
}

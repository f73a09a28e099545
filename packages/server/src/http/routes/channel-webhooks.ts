import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ChannelAccountStore, ChannelWebhook, WebhookRequest } from "../../core/ports.ts";
import type { HttpApp } from "../app.ts";
import { errorResponse } from "../schemas.ts";

/** Providers' payloads are small; a larger body is refused before it is read whole. */
export const webhookBodyLimitBytes = 1024 * 1024;
/** The generic API channel may carry attachments (base64). */
export const apiMessageBodyLimitBytes = 8 * 1024 * 1024;

export type ChannelWebhookDeps = {
  channelAccounts: Pick<ChannelAccountStore, "load">;
  channelWebhooks: readonly ChannelWebhook[];
};

const accountParams = z.object({ id: z.string().min(1).max(100) });
const received = z
  .object({
    ticketId: z.string(),
    messageId: z.string(),
    openedTicket: z.boolean(),
    duplicate: z.boolean().describe("true when this Idempotency-Key was already taken: nothing new was stored"),
  })
  .meta({ id: "ReceivedMessage" });
const webhookAnswers = {
  200: z.string().describe("what the provider expects: the verification challenge, a JSON acknowledgement or TwiML"),
  400: errorResponse,
  403: errorResponse,
  404: errorResponse,
  413: errorResponse,
};
const eventParams = accountParams.extend({ "*": z.string().max(100) });

/**
 * Where providers deliver: /channels/{id}/webhook[/event] (WhatsApp, Messenger, Instagram, Telegram,
 * Twilio) and /channels/{id}/messages (the generic API channel). Public, because providers hold no
 * API token: each provider's handler checks its own signature against the raw body, which these
 * routes alone keep unparsed (in their own scope, so other routes' parsing is untouched).
 */
export function registerChannelWebhookRoutes(api: HttpApp, deps: ChannelWebhookDeps) {
  const byProvider = new Map(deps.channelWebhooks.map((webhook) => [webhook.provider, webhook]));

  api.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

    const handle = async (request: FastifyRequest, reply: FastifyReply, event: string | null) => {
      const { id } = request.params as { id: string };
      const account = await deps.channelAccounts.load(id);
      const webhook = account?.enabled ? byProvider.get(account.provider) : undefined;
      const isApi = account?.provider === "api";
      if (!account || !webhook || isApi !== (event === "messages")) {
        return reply
          .status(404)
          .send({ code: "not_found", message: `There is no enabled channel account ${id} taking this.` });
      }
      const delivery: WebhookRequest = {
        method: request.method === "GET" ? "GET" : "POST",
        event,
        url: fullUrl(request),
        query: Object.fromEntries(
          Object.entries((request.query ?? {}) as Record<string, unknown>).map(([key, value]) => [key, String(value)]),
        ),
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [
            name,
            Array.isArray(value) ? value.join(", ") : value,
          ]),
        ),
        rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      };
      const answer = await webhook.handle(delivery, account);
      return reply.status(answer.status).type(answer.contentType).send(answer.body);
    };

    const webhookRoute = {
      config: { access: "public" as const },
      bodyLimit: webhookBodyLimitBytes,
      schema: {
        tags: ["channels"],
        summary: "Where a provider delivers (verification GET, signed POST); refuses forged signatures with 403",
        params: accountParams,
        security: [],
        response: webhookAnswers,
      },
    };
    scope.get("/channels/:id/webhook", webhookRoute, (request, reply) => handle(request, reply, null));
    scope.post("/channels/:id/webhook", webhookRoute, (request, reply) => handle(request, reply, null));
    const eventRoute = { ...webhookRoute, schema: { ...webhookRoute.schema, params: eventParams } };
    scope.post("/channels/:id/webhook/*", eventRoute, (request, reply) =>
      handle(request, reply, (request.params as { "*": string })["*"] || null),
    );
    scope.post(
      "/channels/:id/messages",
      {
        config: { access: "public" },
        bodyLimit: apiMessageBodyLimitBytes,
        schema: {
          tags: ["channels"],
          summary:
            "A message into an API channel account: Idempotency-Key header, signed with X-Responder-Signature or the account's inbound token",
          params: accountParams,
          security: [],
          response: {
            200: received,
            201: received,
            400: errorResponse,
            401: errorResponse,
            404: errorResponse,
            413: errorResponse,
          },
        },
      },
      (request, reply) => handle(request, reply, "messages"),
    );
  });
}

/** The URL as the provider called it (Twilio signs it); a proxy's forwarded headers win. */
function fullUrl(request: FastifyRequest): string {
  const forwardedProto = String(request.headers["x-forwarded-proto"] ?? "")
    .split(",")[0]
    ?.trim();
  const forwardedHost = String(request.headers["x-forwarded-host"] ?? "")
    .split(",")[0]
    ?.trim();
  return `${forwardedProto || request.protocol}://${forwardedHost || request.host}${request.url}`;
}

import { z } from "zod";
import {
  newWebhookSecret,
  type WebhookDelivery,
  type WebhookStore,
  type WebhookSubscription,
  webhookEventKinds,
  webhookMaxAttempts,
  webhookPauseAfterFailures,
} from "../../core/automation/webhooks.ts";
import { DeskError } from "../../core/errors.ts";
import type { Clock } from "../../core/ports.ts";
import type { HttpApp } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const instant = z.string().describe("ISO 8601 instant");

const kindPattern = z
  .string()
  .refine(
    (kind) =>
      kind === "*" ||
      (webhookEventKinds as readonly string[]).includes(kind) ||
      /^(ticket|message|customer|known_issue)\.\*$/.test(kind),
    { message: `must be one of ${webhookEventKinds.join(", ")}, a family such as ticket.*, or *` },
  );

const webhookUrl = z
  .url({ protocol: /^https?$/, message: "must be an http:// or https:// URL" })
  .max(2000)
  .describe("where deliveries are POSTed");

const signatureDocs =
  "Every delivery is a POST with a JSON body `{ id, kind, occurredAt, workspaceId, data: { ticket, message?, change } }` and the headers " +
  "`X-Responder-Event` (the kind), `X-Responder-Delivery` (the delivery id, the same on every retry) and " +
  "`X-Responder-Signature: t=<unix seconds>,v1=<hex>`, where v1 is HMAC-SHA256 with the subscription's secret over `<t>.<raw body>`. " +
  "Receivers should recompute it over the raw bytes, compare in constant time and refuse a t more than 5 minutes old. " +
  `Any 2xx answer is success; anything else (or no answer within 10 s) is retried with exponential backoff (1, 2, 4, 8, 16 minutes; ${webhookMaxAttempts} tries in all). ` +
  `After ${webhookPauseAfterFailures} failed tries in a row the subscription is paused; PATCH it with status "active" to resume.`;

const subscriptionResponse = z
  .object({
    id: z.string(),
    url: z.string(),
    kinds: z.array(z.string()),
    description: z.string().nullable(),
    status: z.enum(["active", "paused"]),
    consecutiveFailures: z.number().int(),
    pausedReason: z.string().nullable(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: "WebhookSubscription" });

const createdResponse = subscriptionResponse
  .extend({ secret: z.string().describe("the signing secret; shown only here, keep it") })
  .meta({ id: "WebhookSubscriptionCreated" });

const deliveryResponse = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(["pending", "succeeded", "failed", "skipped"]),
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: instant,
    lastAttemptAt: instant.nullable(),
    nextAttemptAt: instant.nullable(),
    body: z.string().describe("the JSON that was (or will be) sent"),
  })
  .meta({ id: "WebhookDelivery" });

const createBody = z
  .object({
    url: webhookUrl,
    kinds: z.array(kindPattern).min(1, "name at least one event kind").max(20),
    description: z.string().trim().max(500).nullable().default(null),
  })
  .strict();

const updateBody = z
  .object({
    url: webhookUrl.optional(),
    kinds: z.array(kindPattern).min(1, "name at least one event kind").max(20).optional(),
    description: z.string().trim().max(500).nullable().optional(),
    status: z
      .enum(["active", "paused"])
      .optional()
      .describe('"active" resumes a paused subscription and clears its failures'),
  })
  .strict();

const idParams = z.object({ id: z.string().min(1).max(200) });
const deliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

const present = (subscription: WebhookSubscription) => ({
  id: subscription.id,
  url: subscription.url,
  kinds: subscription.kinds,
  description: subscription.description,
  status: subscription.status,
  consecutiveFailures: subscription.consecutiveFailures,
  pausedReason: subscription.pausedReason,
  createdAt: subscription.createdAt.toISOString(),
  updatedAt: subscription.updatedAt.toISOString(),
});

const presentDelivery = (delivery: WebhookDelivery) => ({
  id: delivery.id,
  kind: delivery.kind,
  status: delivery.status,
  attempts: delivery.attempts,
  responseStatus: delivery.responseStatus,
  lastError: delivery.lastError,
  createdAt: delivery.createdAt.toISOString(),
  lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
  nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
  body: delivery.body,
});

const notFound = (id: string) => new DeskError("not_found", `There is no webhook subscription ${id}.`);

export function registerWebhookRoutes(api: HttpApp, deps: { webhooks: WebhookStore; clock: Clock }) {
  api.get(
    "/webhooks",
    {
      config: { access: "admin" },
      schema: {
        tags: ["webhooks"],
        summary: "List webhook subscriptions",
        description: signatureDocs,
        response: { 200: z.object({ webhooks: z.array(subscriptionResponse) }), ...errors },
      },
    },
    async (request) => ({ webhooks: (await deps.webhooks.list(principalOf(request).workspaceId)).map(present) }),
  );

  api.post(
    "/webhooks",
    {
      config: { access: "admin" },
      schema: {
        tags: ["webhooks"],
        summary: "Subscribe a URL to ticket, message or customer events",
        description: signatureDocs,
        body: createBody,
        response: { 201: createdResponse, ...errors },
      },
    },
    async (request, reply) => {
      const secret = newWebhookSecret();
      const created = await deps.webhooks.create(
        principalOf(request).workspaceId,
        { ...request.body, secret },
        deps.clock.now(),
      );
      return reply
        .status(201)
        .header("location", `/api/v1/webhooks/${created.id}`)
        .send({ ...present(created), secret });
    },
  );

  api.get(
    "/webhooks/:id",
    {
      config: { access: "admin" },
      schema: {
        tags: ["webhooks"],
        summary: "A webhook subscription",
        params: idParams,
        response: { 200: subscriptionResponse, ...errors },
      },
    },
    async (request) => {
      const found = await deps.webhooks.get(principalOf(request).workspaceId, request.params.id);
      if (!found) throw notFound(request.params.id);
      return present(found);
    },
  );

  api.patch(
    "/webhooks/:id",
    {
      config: { access: "admin" },
      schema: {
        tags: ["webhooks"],
        summary: "Change a subscription, pause it, or resume it",
        params: idParams,
        body: updateBody,
        response: { 200: subscriptionResponse, ...errors },
      },
    },
    async (request) => {
      const updated = await deps.webhooks.update(
        principalOf(request).workspaceId,
        request.params.id,
        request.body,
        deps.clock.now(),
      );
      if (!updated) throw notFound(request.params.id);
      return present(updated);
    },
  );

  api.delete(
    "/webhooks/:id",
    {
      config: { access: "admin" },
      schema: {
        tags: ["webhooks"],
        summary: "Delete a subscription and its delivery log",
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const deleted = await deps.webhooks.delete(principalOf(request).workspaceId, request.params.id);
      if (!deleted) throw notFound(request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    "/webhooks/:id/deliveries",
    {
      config: { access: "admin" },
      schema: {
        tags: ["webhooks"],
        summary: "The subscription's delivery log, newest first",
        params: idParams,
        querystring: deliveriesQuery,
        response: { 200: z.object({ deliveries: z.array(deliveryResponse) }), ...errors },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      if (!(await deps.webhooks.get(workspaceId, request.params.id))) throw notFound(request.params.id);
      const deliveries = await deps.webhooks.deliveries(workspaceId, request.params.id, request.query.limit);
      return { deliveries: deliveries.map(presentDelivery) };
    },
  );
}

import { z } from "zod";
import { DeskError } from "../../core/errors.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse, ticketIdParams } from "../schemas.ts";

const deliveryResponse = z.object({
  messageId: z.string(),
  channel: z.string(),
  provider: z.string(),
  status: z.enum(["pending", "sending", "sent", "retrying", "rejected", "failed"]),
  attempts: z.number().int(),
  externalId: z.string().describe("the id the reply goes out under (an email's Message-ID), the same on every retry"),
  providerMessageId: z.string().nullable().describe("the id the provider gave the sent message"),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});

const errors = { 401: errorResponse, 403: errorResponse, 404: errorResponse };

export function registerDeliveryRoutes(api: HttpApp, deps: Pick<HttpDeps, "tickets" | "deliveries">) {
  api.get(
    "/tickets/:id/deliveries",
    {
      config: { access: "agent" },
      schema: {
        tags: ["tickets"],
        summary: "How each public reply on a ticket went out on its channel: sent, retrying, rejected or failed",
        params: ticketIdParams,
        response: { 200: z.object({ deliveries: z.array(deliveryResponse) }), ...errors },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      const ticket = await deps.tickets.get(workspaceId, request.params.id);
      if (!ticket) throw new DeskError("not_found", `There is no ticket ${request.params.id}.`);
      const deliveries = await deps.deliveries.listForTicket(workspaceId, ticket.id);
      return {
        deliveries: deliveries.map((delivery) => ({
          messageId: delivery.messageId,
          channel: delivery.channel,
          provider: delivery.provider,
          status: delivery.status,
          attempts: delivery.attempts,
          externalId: delivery.externalId,
          providerMessageId: delivery.providerMessageId,
          lastError: delivery.lastError,
          createdAt: delivery.createdAt.toISOString(),
          updatedAt: delivery.updatedAt.toISOString(),
          sentAt: delivery.sentAt?.toISOString() ?? null,
          nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
        })),
      };
    },
  );
}

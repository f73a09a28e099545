import { z } from "zod";
import type { Broadcast, BroadcastDetail, BroadcastStore } from "../../core/broadcasts/broadcast.ts";
import { approveBroadcast, cancelBroadcast } from "../../core/broadcasts/broadcast-use-cases.ts";
import { DeskError } from "../../core/errors.ts";
import type { Clock, TicketStore } from "../../core/ports.ts";
import { channels } from "../../core/snapshot/snapshot-schema.ts";
import type { HttpApp } from "../app.ts";
import { actorOf, principalOf } from "../auth.ts";
import { csvOf, errorResponse } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

const broadcastStatuses = ["draft", "sending", "sent", "cancelled"] as const;

const broadcastResponse = z
  .object({
    id: z.string(),
    knownIssueId: z.string(),
    knownIssueTitle: z.string(),
    status: z.enum(broadcastStatuses).describe("draft until an admin approves or cancels it"),
    createdAt: z.string(),
    approvedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    cancelledBy: z.string().nullable(),
    sentAt: z.string().nullable().describe("when every recipient's message was sent (or failed)"),
    recipientCount: z.number().int(),
  })
  .meta({ id: "Broadcast" });

const recipientResponse = z
  .object({
    customerId: z.string(),
    customerName: z.string().nullable(),
    ticketId: z.string().describe("the customer's ticket linked to the known issue"),
    channel: z.enum(channels),
    language: z.string(),
    body: z.string().describe("the message the responder drafted for this customer"),
    citations: z.array(z.object({ kind: z.enum(["known_issue", "ticket"]), id: z.string() })),
    status: z.enum(["pending", "sending", "sent", "failed"]),
    messageId: z.string().nullable().describe("the public reply that carried it, once sent"),
    sentTicketId: z.string().nullable().describe("where it was sent: the ticket, or its follow-up when it was closed"),
    sentAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: "BroadcastRecipient" });

const broadcastDetailResponse = broadcastResponse
  .extend({ recipients: z.array(recipientResponse) })
  .meta({ id: "BroadcastDetail" });

const listBroadcastsQuery = z.object({
  knownIssueId: z.string().min(1).max(200).optional().describe("only this known issue's broadcasts"),
  status: csvOf(broadcastStatuses).optional().describe("comma-separated, e.g. draft,sending"),
});

const broadcastIdParams = z.object({ id: z.string().min(1).max(200) });

const iso = (date: Date | null) => date?.toISOString() ?? null;

const presentBroadcast = (broadcast: Broadcast) => ({
  id: broadcast.id,
  knownIssueId: broadcast.knownIssueId,
  knownIssueTitle: broadcast.knownIssueTitle,
  status: broadcast.status,
  createdAt: broadcast.createdAt.toISOString(),
  approvedAt: iso(broadcast.approvedAt),
  approvedBy: broadcast.approvedBy,
  cancelledAt: iso(broadcast.cancelledAt),
  cancelledBy: broadcast.cancelledBy,
  sentAt: iso(broadcast.sentAt),
  recipientCount: broadcast.recipientCount,
});

const presentBroadcastDetail = (broadcast: BroadcastDetail) => ({
  ...presentBroadcast(broadcast),
  recipients: broadcast.recipients.map((recipient) => ({
    customerId: recipient.customerId,
    customerName: recipient.customerName,
    ticketId: recipient.ticketId,
    channel: recipient.channel,
    language: recipient.language,
    body: recipient.body,
    citations: recipient.citations,
    status: recipient.status,
    messageId: recipient.messageId,
    sentTicketId: recipient.sentTicketId,
    sentAt: iso(recipient.sentAt),
    error: recipient.error,
  })),
});

export function registerBroadcastRoutes(
  api: HttpApp,
  deps: { broadcasts: BroadcastStore; tickets: TicketStore; clock: Clock },
) {
  api.get(
    "/broadcasts",
    {
      config: { access: "agent" },
      schema: {
        tags: ["known issues"],
        summary: "Broadcasts to the customers of fixed known issues, newest first",
        querystring: listBroadcastsQuery,
        response: { 200: z.object({ broadcasts: z.array(broadcastResponse) }), ...errors },
      },
    },
    async (request) => {
      const broadcasts = await deps.broadcasts.list(principalOf(request).workspaceId, request.query);
      return { broadcasts: broadcasts.map(presentBroadcast) };
    },
  );

  api.get(
    "/broadcasts/:id",
    {
      config: { access: "agent" },
      schema: {
        tags: ["known issues"],
        summary: "A broadcast with every recipient, their ticket, channel and drafted message",
        params: broadcastIdParams,
        response: { 200: broadcastDetailResponse, ...errors },
      },
    },
    async (request) => {
      const broadcast = await deps.broadcasts.get(principalOf(request).workspaceId, request.params.id);
      if (!broadcast) throw new DeskError("not_found", `There is no broadcast ${request.params.id}.`);
      return presentBroadcastDetail(broadcast);
    },
  );

  api.post(
    "/broadcasts/:id/approve",
    {
      config: { access: "admin" },
      schema: {
        tags: ["known issues"],
        summary:
          "Approve and send: each recipient's message goes out as a public reply on their ticket's channel; approving again sends nothing twice",
        params: broadcastIdParams,
        response: { 200: broadcastDetailResponse, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const broadcast = await approveBroadcast(
        { workspaceId: principal.workspaceId, broadcastId: request.params.id, actor: actorOf(principal) },
        deps,
      );
      return presentBroadcastDetail(broadcast);
    },
  );

  api.post(
    "/broadcasts/:id/cancel",
    {
      config: { access: "admin" },
      schema: {
        tags: ["known issues"],
        summary: "Cancel a draft broadcast; nothing is sent",
        params: broadcastIdParams,
        response: { 200: broadcastDetailResponse, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const broadcast = await cancelBroadcast(
        { workspaceId: principal.workspaceId, broadcastId: request.params.id, actor: actorOf(principal) },
        deps,
      );
      return presentBroadcastDetail(broadcast);
    },
  );
}

import type { MessageReceipt } from "../../core/channels/message-receipts.ts";
import { DeskError } from "../../core/errors.ts";
import { ticketSla } from "../../core/sla/ticket-sla.ts";
import type { Author } from "../../core/tickets/ticket.ts";
import { addMessage, openTicket, updateTicket } from "../../core/tickets/ticket-use-cases.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { actorOf, principalOf } from "../auth.ts";
import { presentSla, presentTicket, presentTicketDetail } from "../presenters.ts";
import {
  addMessageBody,
  createTicketBody,
  errorResponse,
  listTicketsQuery,
  ticketDetailResponse,
  ticketIdParams,
  ticketPage,
  ticketWithSlaResponse,
  updateTicketBody,
} from "../schemas.ts";

/**
 * Writes an answer as the handler built it. Its type is checked against the response schema when
 * compiling, and the presenters build exactly that shape, so checking it again with zod on every
 * new ticket (the busiest write) would only cost time.
 */
const writePresented = () => (data: unknown) => JSON.stringify(data);

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export function registerTicketRoutes(
  api: HttpApp,
  deps: Pick<HttpDeps, "tickets" | "customers" | "workspaces" | "clock" | "messageReceipts">,
) {
  api.get(
    "/tickets",
    {
      config: { access: "agent" },
      schema: {
        tags: ["tickets"],
        summary: "List tickets, newest first or earliest SLA due first, with filters and cursor pagination",
        querystring: listTicketsQuery,
        response: { 200: ticketPage, ...errors },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      const { limit, cursor, sort, assigneeId, createdAfter, createdBefore, ...filter } = request.query;
      const page = await deps.tickets.list(
        workspaceId,
        {
          ...filter,
          assigneeId: assigneeId === "none" ? null : assigneeId,
          createdAfter: createdAfter ? new Date(createdAfter) : undefined,
          createdBefore: createdBefore ? new Date(createdBefore) : undefined,
        },
        { limit, cursor, order: sort === "sla_due" ? "slaDue" : "newest" },
      );
      return { tickets: page.items.map(presentTicket), nextCursor: page.nextCursor };
    },
  );

  api.get(
    "/tickets/:id",
    {
      config: { access: "agent" },
      schema: {
        tags: ["tickets"],
        summary: "A ticket with its messages, internal notes, event log and SLA clocks",
        params: ticketIdParams,
        response: { 200: ticketWithSlaResponse, ...errors },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      const ticket = await deps.tickets.get(workspaceId, request.params.id);
      if (!ticket) throw new DeskError("not_found", `There is no ticket ${request.params.id}.`);
      const workspace = await deps.workspaces.profile(workspaceId);
      const receipts = deps.messageReceipts
        ? await deps.messageReceipts.latest(
            workspaceId,
            ticket.messages.filter((message) => message.author !== "customer").map((message) => message.id),
          )
        : new Map();
      const detail = presentTicketDetail(ticket);
      return {
        ...detail,
        messages: detail.messages.map((message) => ({
          ...message,
          receipt: presentReceipt(receipts.get(message.id)),
        })),
        sla: presentSla(workspace ? ticketSla(ticket, workspace, deps.clock.now()) : null),
      };
    },
  );

  api.post(
    "/tickets",
    {
      config: { access: "agent" },
      serializerCompiler: writePresented,
      schema: {
        tags: ["tickets"],
        summary: "Open a ticket for a customer (found by id, email or phone, or created)",
        body: createTicketBody,
        response: { 201: ticketDetailResponse, ...errors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { customer, message, ...fields } = request.body;
      const author: Author = message.author === "agent" ? (actorOf(principal) as Author) : "customer";
      const ticket = await openTicket(
        {
          workspaceId: principal.workspaceId,
          customer,
          ...fields,
          message: { author, body: message.body },
          actor: actorOf(principal),
        },
        deps,
      );
      return reply.status(201).send(presentTicketDetail(ticket));
    },
  );

  api.patch(
    "/tickets/:id",
    {
      config: { access: "agent" },
      schema: {
        tags: ["tickets"],
        summary: "Change status, priority, assignee, team, tags or topic; every change is logged as an event",
        params: ticketIdParams,
        body: updateTicketBody,
        response: { 200: ticketDetailResponse, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { version, ...patch } = request.body;
      const ticket = await updateTicket(
        {
          workspaceId: principal.workspaceId,
          ticketId: request.params.id,
          patch,
          actor: actorOf(principal),
          expectedVersion: version,
        },
        deps,
      );
      return presentTicketDetail(ticket);
    },
  );

  api.post(
    "/tickets/:id/messages",
    {
      config: { access: "agent" },
      schema: {
        tags: ["tickets"],
        summary: "Add a public reply or an internal note (or record a customer's message)",
        description:
          "A customer message on a closed ticket opens a new ticket linked to it (attributes.followUpOf); that ticket is returned with status 201 and a Location header.",
        params: ticketIdParams,
        body: addMessageBody,
        response: { 200: ticketDetailResponse, 201: ticketDetailResponse, ...errors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { author, ...message } = request.body;
      const resolvedAuthor: Author = author === "agent" ? (actorOf(principal) as Author) : author;
      const result = await addMessage(
        { workspaceId: principal.workspaceId, ticketId: request.params.id, author: resolvedAuthor, ...message },
        deps,
      );
      if (result.followUp) {
        return reply
          .status(201)
          .header("location", `/api/v1/tickets/${encodeURIComponent(result.followUp.id)}`)
          .send(presentTicketDetail(result.followUp));
      }
      return presentTicketDetail(result.ticket);
    },
  );
}

function presentReceipt(receipt: MessageReceipt | undefined) {
  return receipt ? { status: receipt.status, at: receipt.at.toISOString(), error: receipt.error } : null;
}

import { z } from "zod";
import { DeskError } from "../../core/errors.ts";
import { mergeBody, mergeCustomers, mergeTickets } from "../../core/merge/merge.ts";
import type { MergeStore } from "../../core/ports.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { actorOf, principalOf } from "../auth.ts";
import { presentTicketDetail } from "../presenters.ts";
import { errorResponse, ticketDetailResponse } from "../schemas.ts";
import { customerResponse } from "./customers.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const idParams = z.object({ id: z.string().trim().min(1).max(200) });

const customerMergeResponse = z
  .object({
    customer: customerResponse,
    mergedCustomerId: z.string(),
    movedTicketIds: z.array(z.string()),
    movedIdentities: z.number().int(),
    movedAccountEvents: z.number().int(),
  })
  .meta({ id: "CustomerMerge" });

const ticketMergeResponse = z
  .object({ ticket: ticketDetailResponse, mergedTicketId: z.string(), movedMessages: z.number().int() })
  .meta({ id: "TicketMerge" });

export function registerMergeRoutes(api: HttpApp, deps: Pick<HttpDeps, "tickets" | "clock"> & { merges: MergeStore }) {
  api.post(
    "/customers/:id/merge",
    {
      config: { access: "agent" },
      schema: {
        tags: ["customers"],
        summary:
          "Merge the customer named in `from` into this one: identities, tickets and account events move here, empty profile fields are filled, and `from` is deleted",
        params: idParams,
        body: mergeBody.omit({ allowDifferentCustomers: true }),
        response: { 200: customerMergeResponse, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const result = await mergeCustomers(
        {
          workspaceId: principal.workspaceId,
          survivorId: request.params.id,
          mergedId: request.body.from,
          actor: actorOf(principal),
        },
        deps,
      );
      return { ...result, customer: { ...result.customer }, mergedCustomerId: request.body.from };
    },
  );

  api.post(
    "/tickets/:id/merge",
    {
      config: { access: "agent" },
      schema: {
        tags: ["tickets"],
        summary:
          "Merge the ticket named in `from` into this one: its messages move here in time order and it is closed with a note pointing here",
        params: idParams,
        body: mergeBody,
        response: { 200: ticketMergeResponse, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const result = await mergeTickets(
        {
          workspaceId: principal.workspaceId,
          survivorId: request.params.id,
          mergedId: request.body.from,
          actor: actorOf(principal),
          allowDifferentCustomers: request.body.allowDifferentCustomers,
        },
        deps,
      );
      const ticket = await deps.tickets.get(principal.workspaceId, result.survivorId);
      if (!ticket) throw new DeskError("not_found", `There is no ticket ${result.survivorId}.`);
      return {
        ticket: presentTicketDetail(ticket),
        mergedTicketId: result.mergedId,
        movedMessages: result.movedMessages,
      };
    },
  );
}

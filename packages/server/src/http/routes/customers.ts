import { z } from "zod";
import type { Customer } from "../../core/customers/customer.ts";
import { DeskError } from "../../core/errors.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { principalOf } from "../auth.ts";
import { presentTicket } from "../presenters.ts";
import { errorResponse, ticketResponse } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

export const customerResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    handles: z.record(z.string(), z.string()).nullable(),
    company: z.string().nullable(),
    plan: z.string().nullable(),
    language: z.string().nullable(),
    attributes: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "Customer" });

const accountEventResponse = z
  .object({ id: z.string(), at: z.string(), type: z.string(), data: z.record(z.string(), z.unknown()).nullable() })
  .meta({ id: "AccountEvent" });

const customerDetailResponse = customerResponse
  .extend({ tickets: z.array(ticketResponse), accountEvents: z.array(accountEventResponse) })
  .meta({ id: "CustomerDetail" });

const presentCustomer = (customer: Customer) => ({ ...customer });

export function registerCustomerRoutes(api: HttpApp, deps: Pick<HttpDeps, "customers" | "tickets">) {
  api.get(
    "/customers",
    {
      config: { access: "agent" },
      schema: {
        tags: ["customers"],
        summary: "List customers, newest first; `search` matches name, email, phone or company",
        querystring: z.object({
          search: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().optional(),
        }),
        response: {
          200: z.object({ customers: z.array(customerResponse), nextCursor: z.string().nullable() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const page = await deps.customers.list(principalOf(request).workspaceId, request.query);
      return { customers: page.items.map(presentCustomer), nextCursor: page.nextCursor };
    },
  );

  api.get(
    "/customers/:id",
    {
      config: { access: "agent" },
      schema: {
        tags: ["customers"],
        summary: "A customer with their ticket history and what their account recorded",
        params: z.object({ id: z.string().min(1) }),
        response: { 200: customerDetailResponse, ...errors },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      const customer = await deps.customers.get(workspaceId, request.params.id);
      if (!customer) throw new DeskError("not_found", `There is no customer ${request.params.id}.`);
      const [tickets, accountEvents] = await Promise.all([
        deps.tickets.list(workspaceId, { customerId: customer.id }, { limit: 200 }),
        deps.customers.accountEvents(workspaceId, customer.id, 200),
      ]);
      return {
        ...presentCustomer(customer),
        tickets: tickets.items.map(presentTicket),
        accountEvents: accountEvents.map((event) => ({
          id: event.id,
          at: event.at.toISOString(),
          type: event.type,
          data: event.data,
        })),
      };
    },
  );
}

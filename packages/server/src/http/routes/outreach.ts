import { z } from "zod";
import { DeskError } from "../../core/errors.ts";
import type { Author } from "../../core/tickets/ticket.ts";
import { openTicket, type TicketDeps } from "../../core/tickets/ticket-use-cases.ts";
import { atRiskRules } from "../../insights/outreach/at-risk-customers.ts";
import type { Outreach } from "../../insights/outreach/outreach.ts";
import { proactiveRules } from "../../insights/outreach/proactive-triggers.ts";
import type { HttpApp } from "../app.ts";
import { actorOf, principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";

const atRiskCustomerSchema = z.object({
  customerId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  plan: z.string().nullable(),
  reasons: z.array(
    z.object({
      kind: z.enum(["repeat_contacts", "low_csat", "unresolved", "open_escalation", "frustration"]),
      text: z.string(),
      ticketIds: z.array(z.string()),
    }),
  ),
});

const proactiveMessageSchema = z.object({
  customerId: z.string(),
  customerName: z.string(),
  kind: z.enum(["app_error", "feature_confusion", "inactivity", "onboarding"]),
  feature: z
    .string()
    .optional()
    .describe("the feature the message is about (the part of the event type before the first dot)"),
  reason: z.string(),
  evidence: z.array(
    z.object({
      id: z.string(),
      at: z.string().describe("ISO 8601 instant"),
      type: z.string(),
      data: z.record(z.string(), z.unknown()).nullable().optional(),
    }),
  ),
  searchText: z.string(),
  draft: z.object({
    body: z.string(),
    citations: z.array(z.object({ kind: z.enum(["article", "account_event"]), id: z.string() })),
  }),
});

const proactiveListSchema = z.object({ messages: z.array(proactiveMessageSchema) }).meta({ id: "ProactiveMessages" });

const atRiskListSchema = z.object({ customers: z.array(atRiskCustomerSchema) }).meta({ id: "AtRiskCustomers" });

const proactiveKinds = ["app_error", "feature_confusion", "inactivity", "onboarding"] as const;

const sendProactiveBody = z.object({
  customerId: z.string().min(1).max(200),
  kind: z.enum(proactiveKinds),
  feature: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe(
      "the message's feature: it becomes the ticket's topic, so the trigger is not offered again while it is open",
    ),
  body: z.string().trim().min(1, "body must not be empty: send the draft or your own words").max(10_000),
});

const sentProactiveResponse = z
  .object({ ticketId: z.string(), messageId: z.string().nullable() })
  .meta({ id: "SentProactiveMessage" });

export function registerOutreachRoutes(api: HttpApp, deps: { outreach: Outreach } & TicketDeps) {
  api.get(
    "/outreach/at-risk",
    {
      config: { access: "agent" },
      schema: {
        tags: ["reports"],
        summary: "Customers to reach out to now, each with why",
        description:
          `A customer is at risk with more than ${atRiskRules.repeatContactsAbove} tickets in the last 30 days, a CSAT of ` +
          `${atRiskRules.lowCsatAtMost} or less in the last 7 days, a ticket unresolved for more than ${atRiskRules.unresolvedHours} hours, ` +
          "an escalation still open, or frustration the responder reads in an open ticket. Most reasons first.",
        response: { 200: atRiskListSchema, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => ({ customers: await deps.outreach.atRiskCustomers(principalOf(request).workspaceId) }),
  );
  api.get(
    "/outreach/proactive",
    {
      config: { access: "agent" },
      schema: {
        tags: ["reports"],
        summary: "In-app messages customers need now, drafted from the knowledge base for an agent to send",
        description:
          "From the account events the customer's app reported (widget `track`, snapshots): an error in the last " +
          `${proactiveRules.errorWithinHours} h not followed by a success, ${proactiveRules.confusionAttempts} tries at a feature within ` +
          `${proactiveRules.confusionWithinMinutes} minutes without success, no activity for ${proactiveRules.inactiveDays} days, and ` +
          `onboarding for customers in their first ${proactiveRules.newCustomerDays} days towards features most customers use. ` +
          "Each comes with the events behind it and a draft citing them and the public article that helps. Nothing is sent.",
        response: { 200: proactiveListSchema, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const messages = await deps.outreach.proactiveMessages(principalOf(request).workspaceId);
      return {
        messages: messages.map((message) => ({
          ...message,
          evidence: message.evidence.map((event) => ({ ...event, at: event.at.toISOString() })),
        })),
      };
    },
  );

  api.post(
    "/outreach/proactive/send",
    {
      config: { access: "agent" },
      schema: {
        tags: ["reports"],
        summary: "Send a proactive in-app message an agent reviewed",
        description:
          "Opens an in-app ticket for the customer with the message as the agent's public reply, so it goes out through the " +
          "in-app channel like any reply, and the customer's answer lands on that ticket.",
        body: sendProactiveBody,
        response: {
          201: sentProactiveResponse,
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { customerId, kind, feature, body } = request.body;
      const known = await deps.customers.get(principal.workspaceId, customerId);
      if (!known) throw new DeskError("not_found", `There is no customer ${customerId} in this workspace.`);
      const ticket = await openTicket(
        {
          workspaceId: principal.workspaceId,
          customer: { id: customerId },
          channel: "in_app",
          subject: feature ? `About ${feature}` : "Checking in",
          tags: ["proactive", kind],
          ...(feature ? { topic: feature } : {}),
          message: { author: actorOf(principal) as Author, body },
          actor: actorOf(principal),
        },
        deps,
      );
      const sent = ticket.messages.at(-1);
      return reply.status(201).send({ ticketId: ticket.id, messageId: sent?.id ?? null });
    },
  );
}

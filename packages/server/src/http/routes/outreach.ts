import { z } from "zod";
import { atRiskRules } from "../../insights/outreach/at-risk-customers.ts";
import type { Outreach } from "../../insights/outreach/outreach.ts";
import type { HttpApp } from "../app.ts";
import { principalOf } from "../auth.ts";
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

const atRiskListSchema = z.object({ customers: z.array(atRiskCustomerSchema) }).meta({ id: "AtRiskCustomers" });

export function registerOutreachRoutes(api: HttpApp, deps: { outreach: Outreach }) {
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
}

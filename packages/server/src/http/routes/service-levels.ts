import { z } from "zod";
import { DeskError } from "../../core/errors.ts";
import { defaultSlaPolicies } from "../../core/sla/sla-policy.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";

const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day as HH:MM, e.g. 09:00");
const minutes = z.number().positive("must be more than 0 minutes").max(525_600, "must be at most a year (525600)");

const businessHours = z
  .object({
    days: z.array(z.enum(weekdays)).min(1, "name at least one day, e.g. mon"),
    start: clockTime,
    end: clockTime,
  })
  .refine((hours) => hours.start < hours.end, { message: "end must be after start", path: ["end"] });

const slaPolicy = z
  .object({
    priority: z.enum(["low", "normal", "high", "urgent"]).optional(),
    channel: z.enum(["email", "chat", "phone", "social", "in_app", "api"]).optional(),
    firstResponseMinutes: minutes,
    nextResponseMinutes: minutes.optional(),
    resolutionMinutes: minutes.optional(),
  })
  .strict();

const serviceLevelsBody = z.object({
  businessHours: businessHours.nullable().describe("null: the clock runs around the week"),
  slaPolicies: z
    .array(slaPolicy)
    .max(100)
    .describe("for each target, the strictest matching policy wins; empty: the desk's defaults apply"),
  reportInBusinessHours: z.boolean().describe("report first-response and resolution times in business hours"),
});

const serviceLevelsResponse = serviceLevelsBody
  .extend({
    timezone: z.string().describe("the workspace's IANA time zone, which business hours are in"),
    defaultSlaPolicies: z.array(slaPolicy).describe("the targets used while slaPolicies is empty"),
  })
  .meta({ id: "ServiceLevels" });

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

export function registerServiceLevelRoutes(api: HttpApp, deps: Pick<HttpDeps, "serviceLevels">) {
  const { serviceLevels } = deps;
  async function current(workspaceId: string) {
    const levels = await serviceLevels.get(workspaceId);
    if (!levels) throw new DeskError("not_found", `There is no workspace ${workspaceId}.`);
    return { ...levels, defaultSlaPolicies: [...defaultSlaPolicies] };
  }

  api.get(
    "/service-levels",
    {
      config: { access: "agent" },
      schema: {
        tags: ["routing"],
        summary: "The workspace's SLA policies, business hours and whether reports count business hours",
        response: { 200: serviceLevelsResponse, ...errors },
      },
    },
    async (request) => serviceLevelsResponse.parse(await current(principalOf(request).workspaceId)),
  );

  api.put(
    "/service-levels",
    {
      config: { access: "admin" },
      schema: {
        tags: ["routing"],
        summary: "Set the SLA policies, business hours and reporting clock (admin)",
        body: serviceLevelsBody,
        response: { 200: serviceLevelsResponse, ...errors },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      if (!(await serviceLevels.set(workspaceId, request.body)))
        throw new DeskError("not_found", `There is no workspace ${workspaceId}.`);
      return serviceLevelsResponse.parse(await current(workspaceId));
    },
  );
}

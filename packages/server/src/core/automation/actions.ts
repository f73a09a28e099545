import { z } from "zod";
import { priorities, ticketStatuses } from "../snapshot/snapshot-schema.ts";

const identifier = z.string().trim().min(1, "must not be empty").max(200);
const tagList = z.array(z.string().trim().min(1).max(100)).min(1, "name at least one tag").max(50);

/** What a macro or a trigger may do to a ticket. */
export const ticketActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("assign"), agentId: identifier.nullable().describe("null unassigns") }).strict(),
  z
    .object({ type: z.literal("assign_in_team"), teamId: identifier })
    .strict()
    .describe("picks an agent of the team by its auto-assignment strategy (round robin by default)"),
  z.object({ type: z.literal("add_tags"), tags: tagList }).strict(),
  z.object({ type: z.literal("remove_tags"), tags: tagList }).strict(),
  z.object({ type: z.literal("set_priority"), priority: z.enum(priorities) }).strict(),
  z.object({ type: z.literal("set_status"), status: z.enum(ticketStatuses).exclude(["new", "closed"]) }).strict(),
  z.object({ type: z.literal("escalate"), teamId: identifier, reason: z.string().trim().min(1).max(1000) }).strict(),
  z
    .object({ type: z.literal("notify"), text: z.string().trim().min(1).max(5000) })
    .strict()
    .describe("an internal note on the ticket (agents see it; the customer does not)"),
  z.object({ type: z.literal("send_macro"), macroId: identifier }).strict(),
]);

export type TicketAction = z.infer<typeof ticketActionSchema>;

/** Macros may do everything but run another macro. */
export const macroActionSchema = ticketActionSchema.refine((action) => action.type !== "send_macro", {
  message: "a macro cannot send another macro",
});

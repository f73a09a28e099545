import { z } from "zod";
import { receiptStatuses } from "../core/channels/message-receipts.ts";
import { channels, priorities, ticketEventTypes, ticketStatuses } from "../core/snapshot/snapshot-schema.ts";

/** Every HTTP shape once: validation, response serialisation and the OpenAPI document. */

export const errorResponse = z
  .object({
    code: z.string().describe("stable machine-readable error code"),
    message: z.string().describe("what went wrong and what to do about it"),
  })
  .meta({ id: "Error" });

const instant = z.string().describe("ISO 8601 instant");

export const ticketResponse = z
  .object({
    id: z.string(),
    customerId: z.string(),
    channel: z.enum(channels),
    knownIssueId: z.string().nullable(),
    subject: z.string().nullable(),
    status: z.enum(ticketStatuses),
    priority: z.enum(priorities).nullable(),
    tags: z.array(z.string()),
    topic: z.string().nullable(),
    assigneeId: z.string().nullable(),
    teamId: z.string().nullable(),
    createdAt: instant,
    updatedAt: instant,
    version: z.number().int().describe("send back as `version` on update to refuse lost updates"),
    csat: z.object({ score: z.number(), comment: z.string().nullable(), at: instant }).nullable(),
    attributes: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "Ticket" });

export const messageResponse = z
  .object({
    id: z.string(),
    at: instant,
    author: z.string().describe('"customer", "responder", "system" or "agent:<id>"'),
    public: z.boolean().describe("false for an internal note"),
    body: z.string().describe("as received; HTML is kept raw and sanitised where it is rendered"),
  })
  .meta({ id: "Message" });

export const ticketEventResponse = z
  .object({
    at: instant,
    actor: z.string().nullable(),
    type: z.enum(ticketEventTypes),
    from: z.string().nullable(),
    to: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "TicketEvent" });

export const ticketDetailResponse = ticketResponse
  .extend({ messages: z.array(messageResponse), events: z.array(ticketEventResponse) })
  .meta({ id: "TicketDetail" });

const slaClockResponse = z.object({
  dueAt: z.string().nullable().describe("when the target is breached; null while paused or without a target"),
  metAt: z.string().nullable(),
  breached: z.boolean(),
  warning: z.boolean().describe("less than a fifth of the target is left"),
  paused: z.boolean().describe("waiting on the customer (pending), or solved"),
  remainingMinutes: z.number().nullable().describe("working minutes left before the breach"),
});

export const messageReceiptResponse = z
  .object({
    status: z.enum(receiptStatuses),
    at: instant,
    error: z.string().nullable().describe("why the provider could not deliver it, when it failed"),
  })
  .meta({ id: "MessageReceipt" });

export const messageWithReceiptResponse = messageResponse
  .extend({
    // Optional so a ticket that an update returned (without receipts) still fits the type.
    receipt: messageReceiptResponse
      .nullable()
      .optional()
      .describe("the latest delivery status the provider reported for a reply (WhatsApp); null when none"),
  })
  .meta({ id: "MessageWithReceipt" });

export const ticketWithSlaResponse = ticketDetailResponse
  .extend({
    messages: z.array(messageWithReceiptResponse),
    sla: z
      .object({ firstResponse: slaClockResponse, nextResponse: slaClockResponse, resolution: slaClockResponse })
      .describe("the ticket's SLA clocks under the workspace's policies, in its business hours"),
  })
  .meta({ id: "TicketWithSla" });

/** A comma-separated query value whose parts must each be one of `values`. */
export const csvOf = <const Values extends readonly [string, ...string[]]>(values: Values) =>
  z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)));

export const listTicketsQuery = z.object({
  status: csvOf(ticketStatuses).optional().describe("comma-separated, e.g. new,open"),
  priority: csvOf(priorities).optional(),
  channel: csvOf(channels).optional(),
  assigneeId: z.string().optional().describe('an agent id, or "none" for unassigned tickets'),
  teamId: z.string().optional(),
  customerId: z.string().optional(),
  tag: z.string().optional(),
  topic: z.string().optional(),
  createdAfter: z.iso.datetime({ offset: true }).optional(),
  createdBefore: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional().describe("nextCursor from the previous page"),
  sort: z
    .enum(["newest", "sla_due"])
    .default("newest")
    .describe(
      "newest: newest first. sla_due: earliest SLA due time first (the earliest running first response, next response or resolution target), tickets without a running clock last, newest first",
    ),
});

export const ticketPage = z.object({ tickets: z.array(ticketResponse), nextCursor: z.string().nullable() });

const body = z.string().min(1, "must not be empty").max(1_000_000);

export const customerReference = z
  .object({
    id: z.string().optional(),
    email: z.email().optional(),
    phone: z.string().min(3).optional(),
    name: z.string().min(1).optional(),
  })
  .refine((customer) => customer.id || customer.email || customer.phone, {
    message: "needs an id, an email or a phone number",
  });

export const createTicketBody = z.object({
  customer: customerReference.describe("an existing customer's id, or an email/phone that finds or creates one"),
  channel: z.enum(channels).default("api"),
  subject: z.string().max(500).optional(),
  priority: z.enum(priorities).optional(),
  tags: z.array(z.string().max(100)).max(50).optional(),
  topic: z.string().max(200).optional(),
  assigneeId: z.string().optional(),
  teamId: z.string().optional(),
  message: z.object({
    body,
    author: z.enum(["customer", "agent"]).default("customer").describe("who wrote the first message"),
  }),
  attributes: z.record(z.string(), z.unknown()).optional(),
});

export const updateTicketBody = z
  .object({
    status: z.enum(ticketStatuses).optional(),
    priority: z.enum(priorities).nullable().optional(),
    assigneeId: z.string().nullable().optional(),
    teamId: z.string().nullable().optional(),
    tags: z.array(z.string().max(100)).max(50).optional(),
    topic: z.string().max(200).nullable().optional(),
    subject: z.string().max(500).nullable().optional(),
    knownIssueId: z.string().nullable().optional(),
    confirmation: z
      .enum(["customer", "window_passed"])
      .optional()
      .describe("needed to close a solved ticket: the customer confirmed, or the window passed"),
    version: z.number().int().optional().describe("the version you read; a newer one refuses the update (409)"),
  })
  .strict();

export const addMessageBody = z.object({
  body,
  public: z.boolean().default(true).describe("false for an internal note"),
  author: z
    .enum(["agent", "customer", "system"])
    .default("agent")
    .describe("agent: the caller; customer: record what the customer sent (integrations)"),
});

export const ticketIdParams = z.object({ id: z.string().min(1).max(200) });

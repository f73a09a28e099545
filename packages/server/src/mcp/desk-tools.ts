import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { type DeskClient, isDeskApiError, type Ticket } from "@support-responder/client";
import { z } from "zod";
import { channels, priorities, ticketStatuses } from "../core/snapshot/snapshot-schema.ts";

/**
 * The desk's tools for other agents, written once over the typed API client: whoever the client's
 * token belongs to, the HTTP layer decides what they may see and do (role and workspace).
 */
export const deskToolNames = [
  "search_tickets",
  "search_customers",
  "get_ticket",
  "draft_reply",
  "add_note",
  "escalate",
  "schedule_follow_up",
  "search_knowledge_base",
  "get_monthly_report",
] as const;

const ticketId = z.string().trim().min(1, "name the ticket by its id, e.g. T-1042").max(200);
const limit = (fallback: number) =>
  z.number().int().min(1, "ask for at least 1").max(100, "ask for at most 100").default(fallback);

function json(value: unknown): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(value, null, 2) }] };
}

/** Runs a tool's work; a refusal or failure of the desk becomes an error result carrying the desk's message. */
async function run(work: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await work();
  } catch (error) {
    const text = isDeskApiError(error)
      ? `${error.message} (${error.code})`
      : `The desk could not do this: ${error instanceof Error ? error.message : String(error)}`;
    return { content: [{ type: "text", text }], isError: true };
  }
}

const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

export function createDeskMcpServer(client: DeskClient, version = "1"): McpServer {
  const server = new McpServer({ name: "support-responder", version });

  server.registerTool(
    "search_tickets",
    {
      title: "Search tickets",
      description:
        "Find tickets in your workspace, newest first. `query` finds a ticket by its id or the tickets of customers whose " +
        "name, email, phone or company match; without it the filters alone choose. Returns each ticket's id, subject, " +
        "status, priority, tags, topic, assignee, team and dates.",
      inputSchema: {
        query: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .optional()
          .describe("a ticket id, or a customer's name, email or phone"),
        status: z.array(z.enum(ticketStatuses)).optional().describe("only these statuses"),
        priority: z.array(z.enum(priorities)).optional(),
        channel: z.array(z.enum(channels)).optional(),
        assigneeId: z.string().optional().describe('an agent id, or "none" for unassigned tickets'),
        teamId: z.string().optional(),
        customerId: z.string().optional(),
        tag: z.string().optional(),
        topic: z.string().optional(),
        limit: limit(20),
      },
      annotations: readOnly,
    },
    (input) =>
      run(async () => {
        const { query, limit: count, ...filters } = input;
        if (!query) {
          const page = await client.tickets.list({ ...filters, limit: count });
          return json({ tickets: page.tickets, nextCursor: page.nextCursor });
        }
        const found = await client.search(query);
        return json({ tickets: found.tickets.filter((ticket) => matches(ticket, filters)).slice(0, count) });
      }),
  );

  server.registerTool(
    "search_customers",
    {
      title: "Search customers",
      description:
        "Find customers in your workspace whose name, email, phone or company matches, newest first. Returns their " +
        "profile (id, name, email, phone, handles, company, plan, language, attributes).",
      inputSchema: {
        query: z.string().trim().min(1, "say what to look for: a name, email, phone or company").max(200),
        limit: limit(10),
      },
      annotations: readOnly,
    },
    ({ query, limit: count }) => run(async () => json(await client.customers.search(query, count))),
  );

  server.registerTool(
    "get_ticket",
    {
      title: "Get a ticket with its customer context",
      description:
        "One ticket with its messages (public replies and internal notes), event log and SLA clocks, and its customer's " +
        "context: their profile, their other tickets, and the events their product account recorded.",
      inputSchema: { ticketId },
      annotations: readOnly,
    },
    ({ ticketId: id }) =>
      run(async () => {
        const ticket = await client.tickets.get(id);
        const { tickets, accountEvents, ...profile } = await client.customers.get(ticket.customerId);
        return json({
          ticket,
          customer: { profile, otherTickets: tickets.filter((other) => other.id !== ticket.id), accountEvents },
        });
      }),
  );

  server.registerTool(
    "draft_reply",
    {
      title: "Draft a reply",
      description:
        "The responder's draft for a ticket: triage (topic, category, priority, sentiment, language, escalation), a reply " +
        "in the customer's language, an internal note, proposed actions, a follow-up, and a citation for every fact. " +
        "A proposal only: nothing is sent and the ticket does not change.",
      inputSchema: { ticketId },
      annotations: readOnly,
    },
    ({ ticketId: id }) => run(async () => json(await client.tickets.draft(id))),
  );

  server.registerTool(
    "add_note",
    {
      title: "Add an internal note",
      description:
        "Adds an internal note to a ticket, written as you: the team sees it, the customer never does. Returns the note.",
      inputSchema: {
        ticketId,
        body: z.string().trim().min(1, "the note must say something").max(100_000),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    ({ ticketId: id, body }) =>
      run(async () => {
        const ticket = await client.tickets.addNote(id, body);
        const note = ticket.messages.filter((message) => !message.public).at(-1);
        return json({ ticketId: ticket.id, status: ticket.status, note });
      }),
  );

  server.registerTool(
    "escalate",
    {
      title: "Escalate a ticket",
      description:
        "Hands a ticket to another team: it goes on hold for that team, the assignee stays its owner and is reminded, " +
        "and is told when the team answers. Without teamId it goes to the next team on the escalation path.",
      inputSchema: {
        ticketId,
        reason: z.string().trim().min(1, "say why it needs another team").max(2000),
        teamId: z.string().trim().min(1).max(200).optional().describe("the team to hand it to"),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    ({ ticketId: id, reason, teamId }) =>
      run(async () => {
        const ticket = await client.tickets.escalate(id, { reason, ...(teamId ? { teamId } : {}) });
        return json({
          ticketId: ticket.id,
          status: ticket.status,
          teamId: ticket.teamId,
          assigneeId: ticket.assigneeId,
          escalation: ticket.events.filter((event) => event.type === "escalated").at(-1) ?? null,
        });
      }),
  );

  server.registerTool(
    "schedule_follow_up",
    {
      title: "Schedule a follow-up",
      description:
        "Promises the customer a follow-up on a ticket: its owner (the assignee unless ownerId says otherwise) is " +
        "reminded at dueAt with a drafted follow-up message.",
      inputSchema: {
        ticketId,
        dueAt: z.iso
          .datetime({
            offset: true,
            message: "dueAt must be an ISO 8601 date-time with an offset, e.g. 2026-03-05T09:00:00Z",
          })
          .describe("when to follow up"),
        promise: z.string().trim().min(1, "say what the customer was promised").max(2000),
        ownerId: z.string().trim().min(1).max(200).optional().describe("the agent to remind"),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    ({ ticketId: id, dueAt, promise, ownerId }) =>
      run(async () => json(await client.followUps.schedule(id, { dueAt, promise, ...(ownerId ? { ownerId } : {}) }))),
  );

  server.registerTool(
    "search_knowledge_base",
    {
      title: "Search the knowledge base",
      description:
        "Knowledge-base articles for a question, best first, with their full text (markdown), tags and whether they are " +
        "public in the help center. Quotes, OR and -word work as in web search.",
      inputSchema: {
        query: z.string().trim().min(1, "say what to look for").max(500),
        limit: limit(5),
      },
      annotations: readOnly,
    },
    ({ query, limit: count }) => run(async () => json(await client.knowledge.search(query, count))),
  );

  server.registerTool(
    "get_monthly_report",
    {
      title: "Get the monthly report",
      description:
        "The support metrics of a calendar month in the workspace's time zone: first response, first-contact " +
        "resolution, CSAT, volume and open tickets against their targets, top issues, and recommendations with evidence.",
      inputSchema: {
        month: z
          .string()
          .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be YYYY-MM, e.g. 2026-03")
          .optional()
          .describe("YYYY-MM; the current month when absent"),
        format: z.enum(["json", "markdown"]).default("json").describe("markdown gives the report as a table"),
      },
      annotations: readOnly,
    },
    ({ month, format }) =>
      run(async () =>
        format === "markdown"
          ? { content: [{ type: "text", text: await client.reports.monthlyMarkdown(month) }] }
          : json(await client.reports.monthly(month)),
      ),
  );

  return server;
}

type TicketFilters = {
  status?: Ticket["status"][];
  priority?: NonNullable<Ticket["priority"]>[];
  channel?: Ticket["channel"][];
  assigneeId?: string;
  teamId?: string;
  customerId?: string;
  tag?: string;
  topic?: string;
};

/** The list route's filters, applied to tickets found by a text search. */
function matches(ticket: Ticket, filters: TicketFilters): boolean {
  if (filters.status && !filters.status.includes(ticket.status)) return false;
  if (filters.priority && !(ticket.priority && filters.priority.includes(ticket.priority))) return false;
  if (filters.channel && !filters.channel.includes(ticket.channel)) return false;
  if (filters.assigneeId !== undefined) {
    const wanted = filters.assigneeId === "none" ? null : filters.assigneeId;
    if (ticket.assigneeId !== wanted) return false;
  }
  if (filters.teamId !== undefined && ticket.teamId !== filters.teamId) return false;
  if (filters.customerId !== undefined && ticket.customerId !== filters.customerId) return false;
  if (filters.tag !== undefined && !ticket.tags.includes(filters.tag)) return false;
  if (filters.topic !== undefined && ticket.topic !== filters.topic) return false;
  return true;
}

import { z } from "zod";
import type { TicketFilter } from "../../core/ports.ts";
import type { SlaState } from "../../core/sla/ticket-clock.ts";
import { isRunningClock, ticketDueTime } from "../../core/sla/ticket-due-time.ts";
import { ticketSla } from "../../core/sla/ticket-sla.ts";
import type { Ticket, TicketDetail } from "../../core/tickets/ticket.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { principalOf } from "../auth.ts";
import { presentTicket } from "../presenters.ts";
import { errorResponse, ticketResponse } from "../schemas.ts";

export const inboxViews = ["mine", "unassigned", "team", "breaching", "pending", "escalated", "all"] as const;
export type InboxView = (typeof inboxViews)[number];

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse };

const slaIdleReasons = ["waiting_on_customer", "on_hold", "solved", "targets_met", "no_target"] as const;

const inboxTicket = ticketResponse
  .extend({
    customerName: z.string().nullable(),
    slaDueAt: z.string().nullable().describe("the earliest running SLA target (first/next response, resolution)"),
    slaBreached: z.boolean(),
    slaWarning: z.boolean(),
    slaIdle: z
      .enum(slaIdleReasons)
      .nullable()
      .describe(
        "why no SLA clock runs (null while one does): waiting_on_customer (pending), on_hold, solved, targets_met, no_target (no policy sets one)",
      ),
  })
  .meta({ id: "InboxTicket" });

const inboxQuery = z.object({
  view: z.enum(inboxViews).default("all"),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(200).optional().describe("nextCursor of the previous page"),
});

const searchQuery = z.object({
  q: z.string().trim().min(1, "type something to search for").max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20).describe("message matches per page"),
  cursor: z.string().max(200).optional().describe("nextCursor of the previous page of message matches"),
});

const messageMatch = z
  .object({
    ticket: ticketResponse,
    messageId: z.string(),
    at: z.string(),
    rank: z.number(),
    snippetHtml: z
      .string()
      .describe("the matching passage, HTML-escaped, with the matched words in <mark>…</mark>: safe to insert as HTML"),
  })
  .meta({ id: "MessageMatch" });

const working: Ticket["status"][] = ["new", "open", "pending", "on_hold"];
// "Breaching soon": a running clock has less than this left, or has already run out.
const soonMinutes = 120;

/** The ticket filter behind an inbox view, or null when the agent has no team for "team". */
export function filterForView(
  view: InboxView,
  agent: { agentId: string | null; teamId: string | null },
): TicketFilter | null {
  switch (view) {
    case "mine":
      return agent.agentId ? { status: working, assigneeId: agent.agentId } : null;
    case "unassigned":
      return { status: ["new", "open"], assigneeId: null };
    case "team":
      return agent.teamId ? { status: working, teamId: agent.teamId } : null;
    case "breaching":
      return { status: ["new", "open"] };
    case "pending":
      return { status: ["pending"] };
    case "escalated":
      return { status: ["on_hold"] };
    case "all":
      return { status: working };
  }
}

/** Why a ticket has no running SLA clock, in words an agent can act on. */
function idleReason(ticket: Ticket, clocks: SlaState): (typeof slaIdleReasons)[number] {
  if (ticket.status === "pending") return "waiting_on_customer";
  if (ticket.status === "on_hold") return "on_hold";
  if (ticket.status === "solved" || ticket.status === "closed") return "solved";
  const targets = [clocks.firstResponse, clocks.nextResponse, clocks.resolution];
  return targets.some((clock) => clock.metAt !== null && clock.dueAt !== null) ? "targets_met" : "no_target";
}

export function registerSearchRoutes(
  api: HttpApp,
  deps: Pick<HttpDeps, "tickets" | "customers" | "workspaces" | "clock" | "credentials" | "messageSearch">,
) {
  // The inbox is polled every few seconds: a ticket's messages and events are read again only when its version moves.
  const details = new Map<string, TicketDetail>();
  async function detailOf(workspaceId: string, ticket: Ticket): Promise<TicketDetail | null> {
    const key = `${workspaceId}\u0001${ticket.id}`;
    const cached = details.get(key);
    if (cached && cached.version === ticket.version) return cached;
    const detail = await deps.tickets.get(workspaceId, ticket.id);
    if (details.size > 5_000) details.clear();
    if (detail) details.set(key, detail);
    return detail;
  }

  // Names change rarely; a minute-old name in a list is fine.
  const names = new Map<string, { name: string | null; until: number }>();
  async function customerNameOf(workspaceId: string, customerId: string, now: Date): Promise<string | null> {
    const key = `${workspaceId}\u0001${customerId}`;
    const cached = names.get(key);
    if (cached && cached.until > now.getTime()) return cached.name;
    const name = (await deps.customers.get(workspaceId, customerId))?.name ?? null;
    if (names.size > 20_000) names.clear();
    names.set(key, { name, until: now.getTime() + 60_000 });
    return name;
  }

  api.get(
    "/inbox",
    {
      config: { access: "agent" },
      schema: {
        tags: ["tickets"],
        summary: "An inbox view of working tickets with their SLA due time, earliest due first",
        description:
          "Ordered by the stored due time of each ticket's earliest running SLA target over the whole view (tickets without a running clock last, newest first), in pages linked by nextCursor.",
        querystring: inboxQuery,
        response: {
          200: z.object({
            view: z.enum(inboxViews),
            tickets: z.array(inboxTicket),
            nextCursor: z.string().nullable().describe("the next page of this view, null on the last"),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { view, limit, cursor } = request.query;
      const agent = principal.agentId ? await deps.credentials?.agent(principal.workspaceId, principal.agentId) : null;
      const filter = filterForView(view, { agentId: principal.agentId, teamId: agent?.teamId ?? null });
      if (!filter) return { view, tickets: [], nextCursor: null };
      const now = deps.clock.now();
      const soon = new Date(now.getTime() + soonMinutes * 60_000);
      const page = await deps.tickets.list(
        principal.workspaceId,
        view === "breaching" ? { ...filter, slaDueBefore: soon } : filter,
        { limit, cursor, order: "slaDue" },
      );
      const workspace = await deps.workspaces.profile(principal.workspaceId);
      const customerIds = [...new Set(page.items.map((ticket) => ticket.customerId))];
      const names = await Promise.all(customerIds.map((id) => customerNameOf(principal.workspaceId, id, now)));
      const customerNames = new Map(customerIds.map((id, index) => [id, names[index] ?? null]));
      const details = await Promise.all(page.items.map((ticket) => detailOf(principal.workspaceId, ticket)));
      const rows = page.items.map((ticket, index) => {
        const detail = details[index];
        const clocks = detail && workspace ? ticketSla(detail, workspace, now) : null;
        const running = clocks
          ? [clocks.firstResponse, clocks.nextResponse, clocks.resolution].filter(isRunningClock)
          : [];
        // The due time the list is sorted by, so what the agent reads is the order they see.
        const due = detail && workspace ? ticketDueTime(detail, workspace) : null;
        return {
          ...presentTicket(ticket),
          customerName: customerNames.get(ticket.customerId) ?? null,
          slaDueAt: due?.toISOString() ?? null,
          slaBreached: due !== null && due.getTime() < now.getTime(),
          slaWarning: running.some((clock) => clock.warning),
          slaIdle: due !== null || !clocks ? null : idleReason(ticket, clocks),
        };
      });
      return { view, tickets: rows, nextCursor: page.nextCursor };
    },
  );

  api.get(
    "/search",
    {
      config: { access: "agent" },
      schema: {
        tags: ["tickets"],
        summary:
          "Find tickets (by id, by their customer, or by the words of their messages) and customers (by name, email, phone)",
        description:
          'Message matches read the query like a web search: every word must appear, "a phrase" in order, `or` between alternatives, `-word` to leave out. They come best match first, newest first on ties, one per ticket, paged with `cursor`; the newest 300 matching messages are ranked.',
        querystring: searchQuery,
        response: {
          200: z.object({
            tickets: z.array(ticketResponse),
            customers: z.array(z.object({ id: z.string(), name: z.string(), email: z.string().nullable() })),
            messages: z.array(messageMatch),
            nextCursor: z.string().nullable().describe("the next page of message matches"),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      const { q, limit, cursor } = request.query;
      const matches = await deps.messageSearch.search(workspaceId, q, { limit, ...(cursor ? { cursor } : {}) });
      // A later page asks for more message matches only.
      const customers = cursor ? [] : (await deps.customers.list(workspaceId, { search: q, limit: 10 })).items;
      const tickets = new Map<string, Ticket>();
      const exact = cursor ? null : await deps.tickets.get(workspaceId, q.replace(/^#/, ""));
      if (exact) tickets.set(exact.id, exact);
      for (const customer of customers.slice(0, 5)) {
        const page = await deps.tickets.list(workspaceId, { customerId: customer.id }, { limit: 10 });
        for (const ticket of page.items) tickets.set(ticket.id, ticket);
      }
      for (const match of matches.items) if (!tickets.has(match.ticket.id)) tickets.set(match.ticket.id, match.ticket);
      return {
        tickets: [...tickets.values()].slice(0, 30).map(presentTicket),
        customers: customers.map((customer) => ({ id: customer.id, name: customer.name, email: customer.email })),
        messages: matches.items.map((match) => ({
          ticket: presentTicket(match.ticket),
          messageId: match.messageId,
          at: match.at.toISOString(),
          rank: match.rank,
          snippetHtml: match.snippetHtml,
        })),
        nextCursor: matches.nextCursor,
      };
    },
  );
}

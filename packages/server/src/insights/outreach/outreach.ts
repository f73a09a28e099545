import { sql } from "drizzle-orm";
import type { Clock } from "../../core/ports.ts";
import type { Database } from "../../storage/database.ts";
import { type AtRiskCustomer, atRiskCustomers, type CustomerRiskFacts } from "./at-risk-customers.ts";
import { type ArticleFinder, listProactiveMessages, type ProactiveMessage } from "./proactive-messages.ts";

/** How frustrated a customer sounds in a ticket's messages, 0–1 (the responder's mood reading). */
export type FrustrationReader = (input: {
  customerMessages: { at: Date; body: string }[];
  openedAt: Date;
  now: Date;
}) => number;

export type Outreach = {
  /** Customers at risk now, with the reasons (spec/service-levels.md, proactive outreach). */
  atRiskCustomers(workspaceId: string): Promise<AtRiskCustomer[]>;
  /** In-app messages customers need now (an app error, confusion, inactivity, onboarding), drafted for an agent to send. */
  proactiveMessages(workspaceId: string): Promise<ProactiveMessage[]>;
};

const day = 86_400_000;
const openStatuses = sql`('new', 'open', 'pending', 'on_hold')`;

type RiskRow = {
  id: string;
  name: string;
  email: string | null;
  plan: string | null;
  recent_ids: string[] | null;
  csat_score: number | null;
  csat_ticket: string | null;
  unresolved: { id: string; createdAt: string; escalated: boolean }[] | null;
};

export function createOutreach(
  db: Database,
  clock: Clock,
  frustrationOf: FrustrationReader | null,
  findArticles: ArticleFinder | null = null,
): Outreach {
  return {
    proactiveMessages: (workspaceId) => listProactiveMessages({ workspaceId, now: clock.now() }, { db, findArticles }),
    async atRiskCustomers(workspaceId) {
      const now = clock.now();
      const facts = await loadRiskFacts(db, workspaceId, now);
      if (frustrationOf) await readFrustration(db, workspaceId, facts, now, frustrationOf);
      return atRiskCustomers(facts, now);
    },
  };
}

async function loadRiskFacts(db: Database, workspaceId: string, now: Date): Promise<CustomerRiskFacts[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const result = await db.execute(sql`
    with recent as (
      select customer_id, array_agg(id order by created_at desc, seq desc) as ids
      from tickets
      where workspace_id = ${workspaceId} and created_at > ${at} - interval '30 days' and created_at <= ${at}
      group by customer_id
    ),
    low_csat as (
      select distinct on (customer_id) customer_id, csat_score::int as csat_score, id
      from tickets
      where workspace_id = ${workspaceId} and csat_score is not null
        and csat_at > ${at} - interval '7 days' and csat_at <= ${at}
      order by customer_id, csat_score, csat_at desc
    ),
    unresolved as (
      select t.customer_id, t.id, t.created_at,
        exists (
          select 1 from ticket_events e
          where e.workspace_id = t.workspace_id and e.ticket_id = t.id and e.type = 'escalated'
        ) as escalated
      from tickets t
      where t.workspace_id = ${workspaceId} and t.status in ${openStatuses}
    ),
    candidates as (
      select customer_id from recent where cardinality(ids) > 2
      union select customer_id from low_csat
      union select customer_id from unresolved
    )
    select c.id, c.name, c.email, c.plan, recent.ids as recent_ids, low_csat.csat_score, low_csat.id as csat_ticket,
      (
        select json_agg(json_build_object('id', u.id, 'createdAt', u.created_at, 'escalated', u.escalated) order by u.created_at)
        from unresolved u where u.customer_id = c.id
      ) as unresolved
    from candidates
    join customers c on c.workspace_id = ${workspaceId} and c.id = candidates.customer_id
    left join recent on recent.customer_id = c.id
    left join low_csat on low_csat.customer_id = c.id
  `);
  const rows = (result as unknown as { rows: RiskRow[] }).rows;
  return rows.map((row) => ({
    customerId: row.id,
    name: row.name,
    email: row.email,
    plan: row.plan,
    recentTicketIds: row.recent_ids ?? [],
    lowestRecentCsat:
      row.csat_score === null || row.csat_ticket === null
        ? null
        : { score: Number(row.csat_score), ticketId: row.csat_ticket },
    unresolved: (row.unresolved ?? []).map((ticket) => ({
      ticketId: ticket.id,
      createdAt: new Date(ticket.createdAt),
      escalated: ticket.escalated,
      frustration: null,
    })),
  }));
}

/** Fills in the frustration of each unresolved ticket from its customer messages of the last 30 days. */
async function readFrustration(
  db: Database,
  workspaceId: string,
  facts: CustomerRiskFacts[],
  now: Date,
  frustrationOf: FrustrationReader,
): Promise<void> {
  const tickets = facts.flatMap((customer) => customer.unresolved);
  if (tickets.length === 0) return;
  const since = new Date(now.getTime() - 30 * day);
  const result = await db.execute(sql`
    select ticket_id, at, body from messages
    where workspace_id = ${workspaceId} and author = 'customer' and at > ${since.toISOString()}::timestamptz
      and ticket_id in (select id from tickets where workspace_id = ${workspaceId} and status in ${openStatuses})
    order by ticket_id, position`);
  const byTicket = new Map<string, { at: Date; body: string }[]>();
  for (const row of (result as unknown as { rows: { ticket_id: string; at: string | Date; body: string }[] }).rows) {
    const messages = byTicket.get(row.ticket_id) ?? [];
    messages.push({ at: new Date(row.at), body: row.body });
    byTicket.set(row.ticket_id, messages);
  }
  for (const ticket of tickets) {
    const customerMessages = byTicket.get(ticket.ticketId);
    if (customerMessages?.length) {
      ticket.frustration = frustrationOf({ customerMessages, openedAt: ticket.createdAt, now });
    }
  }
}

import { sql } from "drizzle-orm";
import type { TicketHistory, TicketSummary } from "../core/ports.ts";
import type { Database } from "./database.ts";
import { rowsOf } from "./row-helpers.ts";

type SummaryRow = {
  id: string;
  customer_id: string;
  channel: string;
  status: string;
  subject: string | null;
  topic: string | null;
  tags: string[] | null;
  known_issue_id: string | null;
  team_id: string | null;
  created_at: string | Date;
  first_customer_message: string | null;
  last_reply: string | null;
};

export function createTicketHistory(db: Database): TicketHistory {
  return {
    async recent(workspaceId, limit) {
      const result = await db.execute(sql`
        select t.id, t.customer_id, t.channel, t.status, t.subject, t.topic, t.tags, t.known_issue_id, t.team_id,
               t.created_at,
               (select left(m.body, 2000) from messages m
                 where m.workspace_id = t.workspace_id and m.ticket_id = t.id and m.author = 'customer'
                 order by m.position limit 1) as first_customer_message,
               (select left(m.body, 2000) from messages m
                 where m.workspace_id = t.workspace_id and m.ticket_id = t.id and m.public
                   and (m.author like 'agent:%' or m.author = 'responder')
                 order by m.position desc limit 1) as last_reply
        from tickets t
        where t.workspace_id = ${workspaceId}
        order by t.seq desc
        limit ${limit}`);
      return rowsOf<SummaryRow>(result).map(toSummary);
    },

    async stamp(workspaceId) {
      const result = await db.execute(sql`
        select count(*)::text || ':' || coalesce(max(seq), 0)::text || ':' || coalesce(max(updated_at)::text, '') as stamp
        from tickets where workspace_id = ${workspaceId}`);
      return rowsOf<{ stamp: string }>(result)[0]?.stamp ?? "";
    },
  };
}

function toSummary(row: SummaryRow): TicketSummary {
  return {
    id: row.id,
    customerId: row.customer_id,
    channel: row.channel as TicketSummary["channel"],
    status: row.status as TicketSummary["status"],
    subject: row.subject,
    topic: row.topic,
    tags: row.tags ?? [],
    knownIssueId: row.known_issue_id,
    teamId: row.team_id,
    createdAt: new Date(row.created_at),
    firstCustomerMessage: row.first_customer_message,
    lastReply: row.last_reply,
  };
}

import { sql } from "drizzle-orm";
import type { Database } from "../../storage/database.ts";
import type { Period } from "../period.ts";
import type { TopicDocument } from "./discover-topics.ts";

const iso = (instant: number) => new Date(instant).toISOString();

/**
 * Tickets created in the period that have no topic now, each as its subject and the customer's
 * first message: what topic discovery clusters.
 */
export async function loadUntaggedTickets(db: Database, workspaceId: string, period: Period): Promise<TopicDocument[]> {
  const result = await db.execute(sql`
    select t.id, coalesce(t.subject, '') as subject, coalesce(first_message.body, '') as body
    from tickets t
    left join lateral (
      select m.body from messages m
      where m.workspace_id = t.workspace_id and m.ticket_id = t.id and m.author = 'customer'
      order by m.position
      limit 1
    ) first_message on true
    where t.workspace_id = ${workspaceId}
      and t.created_at >= ${iso(period.start)}::timestamptz and t.created_at < ${iso(period.end)}::timestamptz
      and coalesce(trim(t.topic), '') = ''
    order by t.seq`);
  const rows = (result as unknown as { rows: { id: string; subject: string; body: string }[] }).rows;
  return rows.map((row) => ({ ticketId: row.id, text: `${row.subject}\n${row.body}` }));
}

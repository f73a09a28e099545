import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { MessageAppender } from "../core/channels/receive-message.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";
import { toTicket } from "./ticket-store.ts";

/**
 * The short way for the commonest inbound write: a customer's next message on a ticket whose state
 * it does not change. The ticket is read, without a lock, with the threading lookup; the message,
 * the version bump and the message.added notification are then one statement that writes only while
 * the ticket is still at the version that was read, so a concurrent change makes it write nothing
 * and the caller takes the locking path instead. Two statements instead of a locked transaction of ten or more.
 */
export function createMessageAppender(db: Database): MessageAppender {
  // Both sides use an index on (workspace_id, id): the messages' partial unique one, the deliveries' partial one.
  const ids = sql`${sql.placeholder("externalIds")}::text[]`;
  const ticketOf = (owner: typeof schema.messages | typeof schema.deliveries) =>
    and(eq(schema.tickets.workspaceId, owner.workspaceId), eq(schema.tickets.id, owner.ticketId));
  const ticketsOfIds = db
    .select({ externalId: sql<string>`${schema.messages.externalId}`, ticket: schema.tickets })
    .from(schema.messages)
    .innerJoin(schema.tickets, ticketOf(schema.messages))
    .where(
      and(
        eq(schema.messages.workspaceId, sql.placeholder("workspaceId")),
        sql`${schema.messages.externalId} = any(${ids})`,
      ),
    )
    .unionAll(
      db
        .select({ externalId: sql<string>`${schema.deliveries.providerMessageId}`, ticket: schema.tickets })
        .from(schema.deliveries)
        .innerJoin(schema.tickets, ticketOf(schema.deliveries))
        .where(
          and(
            eq(schema.deliveries.workspaceId, sql.placeholder("workspaceId")),
            sql`${schema.deliveries.providerMessageId} = any(${ids})`,
          ),
        ),
    )
    .prepare("message_appender_tickets_of");

  return {
    async ticketsOf(workspaceId, externalIds) {
      if (externalIds.length === 0) return [];
      const rows = await ticketsOfIds.execute({ workspaceId, externalIds: [...externalIds] });
      return rows.map((row) => ({ externalId: row.externalId, ticket: toTicket(row.ticket) }));
    },

    async append(workspaceId, ticket, message, at) {
      const messageId = `msg_${randomUUID().replaceAll("-", "")}`;
      // The same payload the locking path writes for a message that changes no field and adds no event.
      const payload = {
        ticketId: ticket.id,
        fields: [],
        events: [],
        message: { id: messageId, author: message.author, public: message.public },
      };
      const when = at.toISOString();
      const result = await db.execute(sql`
        with changed as (
          update tickets set updated_at = ${when}::timestamptz, version = version + 1
          where workspace_id = ${workspaceId} and id = ${ticket.id} and version = ${ticket.version}
          returning id
        ), new_message as (
          insert into messages (workspace_id, id, ticket_id, position, at, author, public, body, external_id)
          select ${workspaceId}, ${messageId}, changed.id,
            (select coalesce(max(position), -1) + 1 from messages
              where workspace_id = ${workspaceId} and ticket_id = ${ticket.id}),
            ${when}::timestamptz, ${message.author}, ${message.public}, ${message.body}, ${message.externalId ?? null}
          from changed
          returning id
        ), notification as (
          insert into notifications (workspace_id, kind, ticket_id, payload)
          select ${workspaceId}, 'message.added', changed.id, ${JSON.stringify(payload)}::jsonb from changed
          returning id
        )
        select id from new_message
      `);
      const rows = (result as unknown as { rows: { id: string }[] }).rows;
      return rows.length > 0 ? { messageId } : null;
    },
  };
}

import { sql } from "drizzle-orm";
import type { MessageReceipt, MessageReceiptStore, ReceiptStatus } from "../core/channels/message-receipts.ts";
import type { Database } from "./database.ts";

export function createMessageReceiptStore(db: Database): MessageReceiptStore {
  return {
    async record(workspaceId, receipt) {
      // One statement: find the reply the provider id names (its delivery), keep the status once.
      const result = await db.execute(sql`
        with target as (
          select message_id, ticket_id from deliveries
          where workspace_id = ${workspaceId} and provider_message_id = ${receipt.providerMessageId}
          limit 1
        ), inserted as (
          insert into message_receipts (workspace_id, message_id, channel, provider_message_id, status, at, error)
          select ${workspaceId}, message_id, ${receipt.channel}, ${receipt.providerMessageId}, ${receipt.status},
            ${receipt.at.toISOString()}::timestamptz, ${receipt.error}
          from target
          on conflict do nothing
          returning message_id
        )
        select target.message_id, target.ticket_id, exists (select 1 from inserted) as recorded from target
      `);
      const [row] = rowsOf<{ message_id: string; ticket_id: string; recorded: boolean }>(result);
      return row ? { messageId: row.message_id, ticketId: row.ticket_id, recorded: row.recorded } : null;
    },

    async latest(workspaceId, messageIds) {
      const latest = new Map<string, MessageReceipt>();
      if (messageIds.length === 0) return latest;
      const result = await db.execute(sql`
        select distinct on (message_id) message_id, status, at, error
        from message_receipts
        where workspace_id = ${workspaceId} and message_id = any(${sql.param([...messageIds])}::text[])
        order by message_id, at desc,
          case status when 'failed' then 4 when 'read' then 3 when 'delivered' then 2 else 1 end desc
      `);
      for (const row of rowsOf<{ message_id: string; status: ReceiptStatus; at: Date | string; error: string | null }>(
        result,
      )) {
        latest.set(row.message_id, { status: row.status, at: new Date(row.at), error: row.error });
      }
      return latest;
    },
  };
}

function rowsOf<Row>(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}

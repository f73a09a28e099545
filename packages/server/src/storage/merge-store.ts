import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { DeskError } from "../core/errors.ts";
import { orderMergedMessages } from "../core/merge/merge.ts";
import type { MergeStore } from "../core/ports.ts";
import type { TicketEvent } from "../core/tickets/ticket.ts";
import { toCustomer } from "./customer-store.ts";
import type { Database } from "./database.ts";
import { refreshReportFigures } from "./report-figures-store.ts";
import * as schema from "./schema.ts";
import { toTicket } from "./ticket-store.ts";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
type CustomerRow = typeof schema.customers.$inferSelect;
type EventToWrite = Omit<TicketEvent, "ticketId">;

export function createMergeStore(db: Database): MergeStore {
  return {
    mergeCustomers: (workspaceId, { survivorId, mergedId }, decide) =>
      db.transaction(async (tx) => {
        const locked = new Map<string, CustomerRow>();
        // Always in id order: two merges of the same pair, either way round, wait instead of deadlocking.
        for (const id of [survivorId, mergedId].sort()) {
          const [row] = await tx
            .select()
            .from(schema.customers)
            .where(and(eq(schema.customers.workspaceId, workspaceId), eq(schema.customers.id, id)))
            .for("update");
          if (!row) throw new DeskError("not_found", `There is no customer ${id} in this workspace.`);
          locked.set(id, row);
        }
        const survivor = toCustomer(required(locked.get(survivorId)));
        const merged = toCustomer(required(locked.get(mergedId)));
        const plan = decide(survivor, merged);

        const survivorKey = and(eq(schema.customers.workspaceId, workspaceId), eq(schema.customers.id, survivorId));
        const [updated] =
          Object.keys(plan.fill).length > 0
            ? await tx.update(schema.customers).set(plan.fill).where(survivorKey).returning()
            : await tx.select().from(schema.customers).where(survivorKey);

        const movedIdentities = await tx
          .update(schema.customerIdentities)
          .set({ customerId: survivorId })
          .where(
            and(
              eq(schema.customerIdentities.workspaceId, workspaceId),
              eq(schema.customerIdentities.customerId, mergedId),
            ),
          )
          .returning({ kind: schema.customerIdentities.kind });
        const movedAccountEvents = await tx
          .update(schema.accountEvents)
          .set({ customerId: survivorId })
          .where(and(eq(schema.accountEvents.workspaceId, workspaceId), eq(schema.accountEvents.customerId, mergedId)))
          .returning({ id: schema.accountEvents.id });
        // Updating the tickets locks them, so no change on one of them can take an event position meanwhile.
        const movedTickets = await tx
          .update(schema.tickets)
          .set({
            customerId: survivorId,
            updatedAt: plan.ticketEvent.at,
            version: sql`${schema.tickets.version} + 1`,
          })
          .where(and(eq(schema.tickets.workspaceId, workspaceId), eq(schema.tickets.customerId, mergedId)))
          .returning({ id: schema.tickets.id });
        const movedTicketIds = movedTickets.map((ticket) => ticket.id).sort();
        for (const ticketId of movedTicketIds) {
          await appendEvents(tx, workspaceId, ticketId, [plan.ticketEvent]);
          await notify(tx, workspaceId, ticketId, ["customerId"], [plan.ticketEvent]);
        }
        await tx
          .delete(schema.customers)
          .where(and(eq(schema.customers.workspaceId, workspaceId), eq(schema.customers.id, mergedId)));
        const customer = toCustomer(required(updated));
        await tx.insert(schema.notifications).values({
          workspaceId,
          kind: "customer.updated",
          ticketId: null,
          payload: { customerId: survivorId, mergedFrom: mergedId, customer },
        });
        return {
          customer,
          movedTicketIds,
          movedIdentities: movedIdentities.length,
          movedAccountEvents: movedAccountEvents.length,
        };
      }),

    mergeTickets: (workspaceId, { survivorId, mergedId }, decide) =>
      db.transaction(async (tx) => {
        const locked = new Map<string, typeof schema.tickets.$inferSelect>();
        for (const id of [survivorId, mergedId].sort()) {
          const [row] = await tx
            .select()
            .from(schema.tickets)
            .where(and(eq(schema.tickets.workspaceId, workspaceId), eq(schema.tickets.id, id)))
            .for("update");
          if (!row) throw new DeskError("not_found", `There is no ticket ${id} in this workspace.`);
          locked.set(id, row);
        }
        const survivorRow = required(locked.get(survivorId));
        const mergedRow = required(locked.get(mergedId));
        const plan = decide(toTicket(survivorRow), toTicket(mergedRow));

        const places = await tx
          .select({
            id: schema.messages.id,
            ticketId: schema.messages.ticketId,
            at: schema.messages.at,
            position: schema.messages.position,
            seq: schema.messages.seq,
          })
          .from(schema.messages)
          .where(
            and(
              eq(schema.messages.workspaceId, workspaceId),
              inArray(schema.messages.ticketId, [survivorId, mergedId]),
            ),
          );
        const positions = orderMergedMessages(survivorId, places);
        const placed = JSON.stringify([...positions].map(([id, position]) => ({ id, position })));
        // One statement for every message, whichever ticket it was on: (workspace, ticket, position)
        // never holds two messages, even halfway.
        await tx.execute(sql`
          update messages set ticket_id = ${survivorId}, position = placed.position
          from jsonb_to_recordset(${placed}::jsonb) as placed(id text, position int)
          where messages.workspace_id = ${workspaceId} and messages.id = placed.id`);
        const movedMessages = places.filter((message) => message.ticketId === mergedId).length;
        await refreshReportFigures(tx, workspaceId, [survivorId, mergedId]);

        for (const table of [schema.attachments, schema.deliveries, schema.followUps]) {
          await tx
            .update(table)
            .set({ ticketId: survivorId })
            .where(and(eq(table.workspaceId, workspaceId), eq(table.ticketId, mergedId)));
        }
        // A widget conversation that became the merged ticket continues on the survivor.
        await tx.execute(sql`
          update widget_conversations
          set ticket_ids = array_append(array_remove(array_remove(ticket_ids, ${mergedId}::text), ${survivorId}::text), ${survivorId}::text)
          where workspace_id = ${workspaceId} and ${mergedId}::text = any(ticket_ids)`);

        await tx.insert(schema.messages).values({
          workspaceId,
          id: `msg_${randomUUID().replaceAll("-", "")}`,
          ticketId: mergedId,
          position: 0,
          at: plan.at,
          author: plan.note.author,
          public: plan.note.public,
          body: plan.note.body,
        });
        await appendEvents(tx, workspaceId, mergedId, plan.mergedEvents);
        await appendEvents(tx, workspaceId, survivorId, plan.survivorEvents);
        await tx
          .update(schema.tickets)
          .set({ status: "closed", updatedAt: plan.at, version: mergedRow.version + 1 })
          .where(and(eq(schema.tickets.workspaceId, workspaceId), eq(schema.tickets.id, mergedId)));
        await tx
          .update(schema.tickets)
          .set({ updatedAt: plan.at, version: survivorRow.version + 1 })
          .where(and(eq(schema.tickets.workspaceId, workspaceId), eq(schema.tickets.id, survivorId)));
        await notify(tx, workspaceId, mergedId, ["status"], plan.mergedEvents);
        await notify(tx, workspaceId, survivorId, [], plan.survivorEvents);
        return { survivorId, mergedId, movedMessages };
      }),
  };
}

async function appendEvents(tx: Transaction, workspaceId: string, ticketId: string, events: EventToWrite[]) {
  if (events.length === 0) return;
  const [next] = await tx
    .select({ position: sql<number>`coalesce(max(${schema.ticketEvents.position}), -1) + 1` })
    .from(schema.ticketEvents)
    .where(and(eq(schema.ticketEvents.workspaceId, workspaceId), eq(schema.ticketEvents.ticketId, ticketId)));
  const first = Number(next?.position ?? 0);
  await tx.insert(schema.ticketEvents).values(
    events.map((event, index) => ({
      workspaceId,
      ticketId,
      position: first + index,
      at: event.at,
      actor: event.actor,
      type: event.type,
      fromValue: event.from,
      toValue: event.to,
      data: event.data,
    })),
  );
}

async function notify(
  tx: Transaction,
  workspaceId: string,
  ticketId: string,
  fields: string[],
  events: EventToWrite[],
) {
  await tx.insert(schema.notifications).values({
    workspaceId,
    kind: "ticket.updated",
    ticketId,
    payload: {
      ticketId,
      fields,
      events: events.map((event) => ({ type: event.type, from: event.from, to: event.to, actor: event.actor })),
    },
  });
}

function required<Row>(row: Row | undefined): Row {
  if (!row) throw new Error("a row locked in this transaction vanished");
  return row;
}

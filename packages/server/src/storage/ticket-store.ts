import { randomUUID } from "node:crypto";
import { and, arrayContains, asc, desc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { DeskError } from "../core/errors.ts";
import type { Page, TicketFilter, TicketStore } from "../core/ports.ts";
import type { NewTicket, Ticket, TicketChange, TicketDetail, TicketEvent } from "../core/tickets/ticket.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import type { Database } from "./database.ts";
import { inSequence } from "./row-helpers.ts";
import * as schema from "./schema.ts";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Executor = Database | Transaction;
type TicketRow = typeof schema.tickets.$inferSelect;

export function createTicketStore(db: Database): TicketStore {
  return {
    list: (workspaceId, filter, page) => listTickets(db, workspaceId, filter, page),
    get: (workspaceId, ticketId) => getTicket(db, workspaceId, ticketId),
    create: (workspaceId, ticket, actor, at) =>
      db.transaction(async (tx) => {
        const id = await insertTicket(tx, workspaceId, ticket, actor, at);
        return requireTicket(await getTicket(tx, workspaceId, id), id);
      }),
    change: (workspaceId, ticketId, decide, options) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .select()
          .from(schema.tickets)
          .where(and(eq(schema.tickets.workspaceId, workspaceId), eq(schema.tickets.id, ticketId)))
          .for("update");
        if (!row) throw new DeskError("not_found", `There is no ticket ${ticketId}.`);
        if (options?.expectedVersion !== undefined && options.expectedVersion !== row.version) {
          throw new DeskError(
            "conflict",
            `Ticket ${ticketId} changed since you read it (version ${options.expectedVersion}, now ${row.version}); reload it and try again.`,
          );
        }
        const change = decide(toTicket(row));
        const followUpId = await applyChange(tx, workspaceId, row, change);
        const ticket = requireTicket(await getTicket(tx, workspaceId, ticketId), ticketId);
        const followUp = followUpId ? await getTicket(tx, workspaceId, followUpId) : null;
        return { ticket, followUp };
      }),
  };
}

async function insertTicket(tx: Transaction, workspaceId: string, ticket: NewTicket, actor: string, at: Date) {
  const result = await tx.execute(sql`select nextval('ticket_numbers')::text as id`);
  const id = rowsOf<{ id: string }>(result)[0]?.id;
  if (!id) throw new Error("ticket_numbers returned nothing");
  await tx.insert(schema.tickets).values({
    workspaceId,
    id,
    customerId: ticket.customerId,
    channel: ticket.channel,
    knownIssueId: ticket.knownIssueId,
    subject: ticket.subject,
    status: "new",
    priority: ticket.priority,
    tags: ticket.tags,
    topic: ticket.topic,
    assigneeId: ticket.assigneeId,
    teamId: ticket.teamId,
    createdAt: at,
    updatedAt: at,
    attributes: ticket.attributes,
  });
  await tx.insert(schema.messages).values({
    workspaceId,
    id: newMessageId(),
    ticketId: id,
    position: 0,
    at,
    author: ticket.message.author,
    public: ticket.message.public,
    body: ticket.message.body,
  });
  await tx
    .insert(schema.ticketEvents)
    .values({ workspaceId, ticketId: id, position: 0, at, actor, type: "status_changed", toValue: "new" });
  await notify(tx, workspaceId, "ticket.created", id, { ticketId: id, actor });
  return id;
}

async function applyChange(
  tx: Transaction,
  workspaceId: string,
  row: TicketRow,
  change: TicketChange,
): Promise<string | null> {
  const ticketKey = and(eq(schema.tickets.workspaceId, workspaceId), eq(schema.tickets.id, row.id));
  let followUpId: string | null = null;
  if (change.followUpTicket) {
    followUpId = await insertTicket(
      tx,
      workspaceId,
      change.followUpTicket,
      change.followUpTicket.message.author,
      change.at,
    );
  }
  const changesTicket =
    change.message !== undefined || change.events.length > 0 || Object.keys(change.fields).length > 0;
  if (!changesTicket) return followUpId;

  const at = change.at;
  if (change.message) {
    const [next] = await tx
      .select({ position: sql<number>`coalesce(max(${schema.messages.position}), -1) + 1` })
      .from(schema.messages)
      .where(and(eq(schema.messages.workspaceId, workspaceId), eq(schema.messages.ticketId, row.id)));
    await tx.insert(schema.messages).values({
      workspaceId,
      id: newMessageId(),
      ticketId: row.id,
      position: Number(next?.position ?? 0),
      at,
      author: change.message.author,
      public: change.message.public,
      body: change.message.body,
    });
  }
  if (change.events.length > 0) {
    const [next] = await tx
      .select({ position: sql<number>`coalesce(max(${schema.ticketEvents.position}), -1) + 1` })
      .from(schema.ticketEvents)
      .where(and(eq(schema.ticketEvents.workspaceId, workspaceId), eq(schema.ticketEvents.ticketId, row.id)));
    const first = Number(next?.position ?? 0);
    await tx.insert(schema.ticketEvents).values(
      change.events.map((event, index) => ({
        workspaceId,
        ticketId: row.id,
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
  await tx
    .update(schema.tickets)
    .set({ ...change.fields, updatedAt: at, version: row.version + 1 })
    .where(ticketKey);
  await notify(tx, workspaceId, change.message ? "message.added" : "ticket.updated", row.id, {
    ticketId: row.id,
    fields: Object.keys(change.fields),
  });
  return followUpId;
}

async function notify(
  tx: Transaction,
  workspaceId: string,
  kind: string,
  ticketId: string,
  payload: Record<string, unknown>,
) {
  await tx.insert(schema.notifications).values({ workspaceId, kind, ticketId, payload });
}

async function listTickets(
  db: Database,
  workspaceId: string,
  filter: TicketFilter,
  page: { limit: number; cursor?: string },
): Promise<Page<Ticket>> {
  const conditions = [eq(schema.tickets.workspaceId, workspaceId)];
  if (filter.status?.length) conditions.push(inArray(schema.tickets.status, filter.status));
  if (filter.priority?.length) conditions.push(inArray(schema.tickets.priority, filter.priority));
  if (filter.channel?.length) conditions.push(inArray(schema.tickets.channel, filter.channel));
  if (filter.assigneeId === null) conditions.push(isNull(schema.tickets.assigneeId));
  else if (filter.assigneeId !== undefined) conditions.push(eq(schema.tickets.assigneeId, filter.assigneeId));
  if (filter.teamId) conditions.push(eq(schema.tickets.teamId, filter.teamId));
  if (filter.customerId) conditions.push(eq(schema.tickets.customerId, filter.customerId));
  if (filter.topic) conditions.push(eq(schema.tickets.topic, filter.topic));
  if (filter.tag) conditions.push(arrayContains(schema.tickets.tags, [filter.tag]));
  if (filter.createdAfter) conditions.push(gte(schema.tickets.createdAt, filter.createdAfter));
  if (filter.createdBefore) conditions.push(lt(schema.tickets.createdAt, filter.createdBefore));
  if (page.cursor !== undefined) conditions.push(lt(schema.tickets.seq, decodeCursor(page.cursor)));

  const rows = await db
    .select()
    .from(schema.tickets)
    .where(and(...conditions))
    .orderBy(desc(schema.tickets.seq))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toTicket),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.seq) : null,
  };
}

async function getTicket(db: Executor, workspaceId: string, ticketId: string): Promise<TicketDetail | null> {
  const [row] = await db
    .select()
    .from(schema.tickets)
    .where(and(eq(schema.tickets.workspaceId, workspaceId), eq(schema.tickets.id, ticketId)));
  if (!row) return null;
  const [messages, events] = await inSequence([
    db
      .select()
      .from(schema.messages)
      .where(and(eq(schema.messages.workspaceId, workspaceId), eq(schema.messages.ticketId, ticketId)))
      .orderBy(asc(schema.messages.position), asc(schema.messages.seq)),
    db
      .select()
      .from(schema.ticketEvents)
      .where(and(eq(schema.ticketEvents.workspaceId, workspaceId), eq(schema.ticketEvents.ticketId, ticketId)))
      .orderBy(asc(schema.ticketEvents.position)),
  ]);
  return {
    ...toTicket(row),
    messages: messages.map((message) => ({
      id: message.id,
      ticketId,
      at: message.at,
      author: message.author as TicketDetail["messages"][number]["author"],
      public: message.public,
      body: message.body,
    })),
    events: events.map(
      (event): TicketEvent => ({
        ticketId,
        at: event.at,
        actor: event.actor,
        type: event.type as TicketEvent["type"],
        from: event.fromValue,
        to: event.toValue,
        data: event.data,
      }),
    ),
  };
}

export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    customerId: row.customerId,
    channel: row.channel as Ticket["channel"],
    knownIssueId: row.knownIssueId,
    subject: row.subject,
    status: row.status as Ticket["status"],
    priority: row.priority as Ticket["priority"],
    tags: row.tags ?? [],
    topic: row.topic,
    assigneeId: row.assigneeId,
    teamId: row.teamId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    csat:
      row.csatScore !== null && row.csatAt !== null
        ? { score: row.csatScore, comment: row.csatComment, at: row.csatAt }
        : null,
    attributes: row.attributes,
  };
}

function requireTicket(ticket: TicketDetail | null, id: string): TicketDetail {
  if (!ticket) throw new Error(`ticket ${id} vanished inside its own transaction`);
  return ticket;
}

function newMessageId(): string {
  return `msg_${randomUUID().replaceAll("-", "")}`;
}

function rowsOf<T>(result: unknown): T[] {
  // node-postgres returns { rows }, PGlite returns { rows } too; both behind drizzle's execute.
  return (result as { rows: T[] }).rows;
}

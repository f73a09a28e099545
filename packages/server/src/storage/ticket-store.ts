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
  // Built and named once: no query building per new ticket, and Postgres parses it once per connection.
  const insertNewTicket = insertTicketQuery(db).prepare("ticket_store_insert_ticket");
  return {
    list: (workspaceId, filter, page) => listTickets(db, workspaceId, filter, page),
    get: (workspaceId, ticketId) => getTicket(db, workspaceId, ticketId),
    // One statement, so one round trip and its own transaction: the ticket, its first message, its
    // first event and the notification. What comes back is built from the inserted rows, not re-read.
    create: async (workspaceId, ticket, actor, at) => {
      const messageId = newMessageId();
      const [row] = await insertNewTicket.execute(insertTicketParameters(workspaceId, ticket, actor, at, messageId));
      if (!row) throw new Error("inserting a ticket returned no row");
      return {
        ...toTicket(row),
        messages: [
          {
            id: messageId,
            ticketId: row.id,
            at,
            author: ticket.message.author,
            public: ticket.message.public,
            body: ticket.message.body,
          },
        ],
        events: [{ ticketId: row.id, at, actor, type: "status_changed", from: null, to: "new", data: null }],
      };
    },
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

type InsertTicketParameters = {
  workspaceId: string;
  customerId: string;
  channel: string;
  knownIssueId: string | null;
  subject: string | null;
  priority: string | null;
  tags: string[];
  topic: string | null;
  assigneeId: string | null;
  teamId: string | null;
  at: Date;
  /** JSON text or null: placeholders skip drizzle's encoder for null, which would store JSON null. */
  attributes: string | null;
  messageId: string;
  author: string;
  public: boolean;
  body: string;
  externalId: string | null;
  actor: string;
};

function insertTicketParameters(
  workspaceId: string,
  ticket: NewTicket,
  actor: string,
  at: Date,
  messageId: string,
): InsertTicketParameters {
  return {
    workspaceId,
    customerId: ticket.customerId,
    channel: ticket.channel,
    knownIssueId: ticket.knownIssueId,
    subject: ticket.subject,
    priority: ticket.priority,
    tags: ticket.tags,
    topic: ticket.topic,
    assigneeId: ticket.assigneeId,
    teamId: ticket.teamId,
    at,
    attributes: ticket.attributes === null ? null : JSON.stringify(ticket.attributes),
    messageId,
    author: ticket.message.author,
    public: ticket.message.public,
    body: ticket.message.body,
    externalId: ticket.message.externalId ?? null,
    actor,
  };
}

/**
 * A new ticket with its first message, its "new" event and the ticket.created notification, as one
 * statement (data-modifying CTEs): atomic on its own and one round trip. Values are placeholders
 * (InsertTicketParameters), so the statement can be prepared once.
 */
function insertTicketQuery(executor: Executor) {
  const value = <Name extends keyof InsertTicketParameters>(name: Name) => sql.placeholder(name);
  const newTicket = executor.$with("new_ticket").as(
    executor
      .insert(schema.tickets)
      .values({
        workspaceId: value("workspaceId"),
        id: sql`nextval('ticket_numbers')::text`,
        customerId: value("customerId"),
        channel: value("channel"),
        knownIssueId: value("knownIssueId"),
        subject: value("subject"),
        status: "new",
        priority: value("priority"),
        tags: value("tags"),
        topic: value("topic"),
        assigneeId: value("assigneeId"),
        teamId: value("teamId"),
        createdAt: value("at"),
        updatedAt: value("at"),
        attributes: sql`${value("attributes")}::jsonb`,
      })
      .returning(),
  );
  const ticketId = sql`(select id from new_ticket)`;
  const newMessage = executor.$with("new_message").as(
    executor
      .insert(schema.messages)
      .values({
        workspaceId: value("workspaceId"),
        id: value("messageId"),
        ticketId,
        position: 0,
        at: value("at"),
        author: value("author"),
        public: value("public"),
        body: value("body"),
        externalId: value("externalId"),
      })
      .returning({ id: schema.messages.id }),
  );
  const newEvent = executor.$with("new_event").as(
    executor
      .insert(schema.ticketEvents)
      .values({
        workspaceId: value("workspaceId"),
        ticketId,
        position: 0,
        at: value("at"),
        actor: value("actor"),
        type: "status_changed",
        toValue: "new",
      })
      .returning({ position: schema.ticketEvents.position }),
  );
  const notification = executor.$with("new_notification").as(
    executor
      .insert(schema.notifications)
      .values({
        workspaceId: value("workspaceId"),
        kind: "ticket.created",
        ticketId,
        payload: sql`jsonb_build_object('ticketId', ${ticketId}, 'actor', ${value("actor")}::text)`,
      })
      .returning({ id: schema.notifications.id }),
  );
  return executor.with(newTicket, newMessage, newEvent, notification).select().from(newTicket);
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
    const [followUp] = await insertTicketQuery(tx).execute(
      insertTicketParameters(
        workspaceId,
        change.followUpTicket,
        change.followUpTicket.message.author,
        change.at,
        newMessageId(),
      ),
    );
    if (!followUp) throw new Error("inserting a follow-up ticket returned no row");
    followUpId = followUp.id;
  }
  const changesTicket =
    change.message !== undefined || change.events.length > 0 || Object.keys(change.fields).length > 0;
  if (!changesTicket) return followUpId;

  const at = change.at;
  const messageId = change.message ? newMessageId() : null;
  if (change.message) {
    const [next] = await tx
      .select({ position: sql<number>`coalesce(max(${schema.messages.position}), -1) + 1` })
      .from(schema.messages)
      .where(and(eq(schema.messages.workspaceId, workspaceId), eq(schema.messages.ticketId, row.id)));
    await tx.insert(schema.messages).values({
      workspaceId,
      id: messageId ?? newMessageId(),
      ticketId: row.id,
      position: Number(next?.position ?? 0),
      at,
      author: change.message.author,
      public: change.message.public,
      body: change.message.body,
      externalId: change.message.externalId ?? null,
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
    // What subscribers (timers, webhooks, automation) decide on, without reading the ticket again.
    events: change.events.map((event) => ({ type: event.type, from: event.from, to: event.to, actor: event.actor })),
    ...(change.message && messageId
      ? { message: { id: messageId, author: change.message.author, public: change.message.public } }
      : {}),
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

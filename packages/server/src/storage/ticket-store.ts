import {
  and,
  arrayContains,
  asc,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  type SQL,
  sql,
} from "drizzle-orm";
import { DeskError } from "../core/errors.ts";
import type { Page, TicketFilter, TicketOrder, TicketStore } from "../core/ports.ts";
import type { NewTicket, Ticket, TicketChange, TicketDetail, TicketEvent } from "../core/tickets/ticket.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { type Database, isStatementError } from "./database.ts";
import { createOutboxAnnouncer } from "./outbox-announcer.ts";
import { inSequence } from "./row-helpers.ts";
import * as schema from "./schema.ts";
import { recomputeWorkspaceDueTimes, storeTicketDueTime } from "./sla-due-store.ts";
import { createStatementBatcher } from "./statement-batcher.ts";
import {
  type CustomerMatch,
  customerById,
  customerMatchOf,
  newMessageId,
  type TicketToOpen,
  ticketOpener,
} from "./ticket-create-statement.ts";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Executor = Database | Transaction;
type TicketRow = typeof schema.tickets.$inferSelect;

export function createTicketStore(db: Database): TicketStore {
  const outbox = createOutboxAnnouncer(db);
  const openTickets = ticketOpener(db, "after commit");
  // New tickets that arrive while a create statement runs go together in the next one: one
  // statement, so one round trip and one transaction, for all of them (the customer lookups, the
  // tickets, their first messages, events and notifications), announced once committed. One at a
  // time makes the largest batches (on Postgres 91 % of the bare route, against 81 % with two and
  // 73 % with three); a statement slower than 50 ms lets the next start. What comes back is built
  // from what was sent and the few values the database made (id, version), not re-read.
  const creates = createStatementBatcher<TicketToOpen, TicketDetail | null>({
    run: async (batch) => {
      const opened = await openTickets(batch);
      if (opened.some((ticket) => ticket !== null)) outbox.announce();
      return opened;
    },
    concurrency: 1,
    slowAfterMs: 50,
    maxRunning: 4,
    maxBatch: 32,
    retryAlone: isStatementError,
  });
  const openTicket = (
    workspaceId: string,
    customer: CustomerMatch,
    ticket: Omit<NewTicket, "customerId">,
    actor: string,
    at: Date,
  ) => creates.submit({ workspaceId, customer, ticket, actor, at });
  return {
    list: (workspaceId, filter, page) => listTickets(db, workspaceId, filter, page),
    get: (workspaceId, ticketId) => getTicket(db, workspaceId, ticketId),
    storeSlaDueTime: (workspaceId, ticket) => storeTicketDueTime(db, workspaceId, ticket),
    create: async (workspaceId, ticket, actor, at) => {
      const created = await openTicket(workspaceId, customerById(ticket.customerId), ticket, actor, at);
      if (!created) throw new DeskError("invalid_input", `There is no customer ${ticket.customerId}.`);
      return created;
    },
    createForCustomer: async (workspaceId, reference, ticket, actor, at) => {
      const match = customerMatchOf(reference);
      return match ? openTicket(workspaceId, match, ticket, actor, at) : null;
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
        await storeTicketDueTime(tx, workspaceId, ticket);
        if (followUp) await storeTicketDueTime(tx, workspaceId, followUp);
        return { ticket, followUp };
      }),
  };
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
    const [followUp] = await ticketOpener(
      tx,
      "with the transaction",
    )([
      {
        workspaceId,
        customer: customerById(change.followUpTicket.customerId),
        ticket: change.followUpTicket,
        actor: change.followUpTicket.message.author,
        at: change.at,
      },
    ]);
    if (!followUp) throw new Error(`the customer of ticket ${row.id} vanished before its follow-up was opened`);
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
  page: { limit: number; cursor?: string; order?: TicketOrder },
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
  if (filter.slaDueBefore) conditions.push(lte(schema.tickets.slaDueAt, filter.slaDueBefore));
  if (page.order === "slaDue") {
    return listBySlaDue(db, workspaceId, conditions, page, filter.slaDueBefore !== undefined);
  }
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

const dueTimeRecomputations = new WeakMap<Database, Map<string, Promise<number>>>();

/**
 * Inbox requests that arrive together share one recomputation of the workspace's stale due times
 * instead of each computing (and locking) the same tickets.
 */
function staleDueTimesComputed(db: Database, workspaceId: string): Promise<number> {
  let running = dueTimeRecomputations.get(db);
  if (!running) {
    running = new Map();
    dueTimeRecomputations.set(db, running);
  }
  const current = running.get(workspaceId);
  if (current) return current;
  const started = recomputeWorkspaceDueTimes(db, workspaceId, "stale").finally(() => running.delete(workspaceId));
  running.set(workspaceId, started);
  return started;
}

/**
 * Earliest stored SLA due time first (ties in arrival order), then the tickets without a running
 * clock, newest first. Keyset pages: each part reads from its own index (tickets_sla_due,
 * tickets_list), so a page costs the same on page 1 and page 200.
 */
async function listBySlaDue(
  db: Database,
  workspaceId: string,
  conditions: SQL[],
  page: { limit: number; cursor?: string },
  onlyDue: boolean,
): Promise<Page<Ticket>> {
  // A ticket created since the last read has no due time yet (creating one is a single statement
  // that knows no SLA policy): computed here first, so the order is exact without waiting for jobs.
  await staleDueTimesComputed(db, workspaceId);
  const cursor = page.cursor === undefined ? null : decodeSlaDueCursor(page.cursor);
  const rows: TicketRow[] = [];
  if (cursor === null || cursor.dueAt !== null) {
    const after = cursor?.dueAt
      ? sql`(${schema.tickets.slaDueAt}, ${schema.tickets.seq}) > (${cursor.dueAt}::timestamptz, ${cursor.seq})`
      : undefined;
    rows.push(
      ...(await db
        .select()
        .from(schema.tickets)
        .where(and(...conditions, isNotNull(schema.tickets.slaDueAt), after))
        .orderBy(asc(schema.tickets.slaDueAt), asc(schema.tickets.seq))
        .limit(page.limit + 1)),
    );
  }
  if (rows.length <= page.limit && !onlyDue) {
    const before = cursor && cursor.dueAt === null ? lt(schema.tickets.seq, cursor.seq) : undefined;
    rows.push(
      ...(await db
        .select()
        .from(schema.tickets)
        .where(and(...conditions, isNull(schema.tickets.slaDueAt), before))
        .orderBy(desc(schema.tickets.seq))
        .limit(page.limit + 1 - rows.length)),
    );
  }
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toTicket),
    nextCursor: rows.length > page.limit && last ? encodeSlaDueCursor(last) : null,
  };
}

type SlaDueCursor = { dueAt: string | null; seq: number };

function encodeSlaDueCursor(row: TicketRow): string {
  return Buffer.from(`due:${row.slaDueAt?.toISOString() ?? "none"}:${row.seq}`).toString("base64url");
}

function decodeSlaDueCursor(cursor: string): SlaDueCursor {
  const match = /^due:(none|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z):(\d{1,15})$/.exec(
    Buffer.from(cursor, "base64url").toString(),
  );
  if (!match?.[1] || !match[2]) {
    throw new DeskError("invalid_input", "cursor is not one this list returned; start again without it");
  }
  return { dueAt: match[1] === "none" ? null : match[1], seq: Number(match[2]) };
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

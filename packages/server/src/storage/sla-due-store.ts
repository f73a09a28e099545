import { and, asc, desc, eq, gt, inArray, isNotNull, lte, notInArray, or, sql } from "drizzle-orm";
import { type DueTimeTicket, runningStatuses, ticketDueTime } from "../core/sla/ticket-due-time.ts";
import type { TicketEventType } from "../core/snapshot/snapshot-schema.ts";
import type { Author } from "../core/tickets/ticket.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Executor = Database | Transaction;
type SlaWorkspace = Parameters<typeof ticketDueTime>[1];

// Tickets read, computed and written per round when a whole workspace is recomputed.
const batchSize = 500;

async function workspaceLevels(executor: Executor, workspaceId: string): Promise<SlaWorkspace | null> {
  const [row] = await executor
    .select({
      timezone: schema.workspaces.timezone,
      businessHours: schema.workspaces.businessHours,
      slaPolicies: schema.workspaces.slaPolicies,
    })
    .from(schema.workspaces)
    .where(eq(schema.workspaces.id, workspaceId));
  if (!row) return null;
  return {
    timezone: row.timezone,
    businessHours: (row.businessHours as SlaWorkspace["businessHours"]) ?? null,
    slaPolicies: row.slaPolicies ?? [],
  };
}

/**
 * Stores one ticket's SLA due time, in the caller's transaction when given one. Only while the
 * ticket is still at the version it was read at: a later change stores its own.
 */
export async function storeTicketDueTime(
  executor: Executor,
  workspaceId: string,
  ticket: DueTimeTicket & { id: string; version: number },
): Promise<void> {
  const workspace = await workspaceLevels(executor, workspaceId);
  if (!workspace) return;
  const dueAt = ticketDueTime(ticket, workspace);
  await executor
    .update(schema.tickets)
    .set({ slaDueAt: dueAt, slaDueVersion: ticket.version })
    .where(
      and(
        eq(schema.tickets.workspaceId, workspaceId),
        eq(schema.tickets.id, ticket.id),
        eq(schema.tickets.version, ticket.version),
        or(
          sql`${schema.tickets.slaDueVersion} is distinct from ${ticket.version}`,
          sql`${schema.tickets.slaDueAt} is distinct from ${dueAt}`,
        ),
      ),
    );
}

/**
 * Computes the SLA due time of a workspace's tickets. `all`: every ticket, after the workspace's
 * SLA policies or business hours changed or a snapshot was imported. `stale`: only the tickets
 * whose stored due time is not for their current version (a ticket just created, or every ticket
 * once after migration 0004); usually none, found through a partial index. Returns how many
 * tickets were computed.
 */
export async function recomputeWorkspaceDueTimes(
  executor: Executor,
  workspaceId: string,
  which: "all" | "stale" = "all",
): Promise<number> {
  const inWorkspace = eq(schema.tickets.workspaceId, workspaceId);
  const stale = sql`${schema.tickets.slaDueVersion} is distinct from ${schema.tickets.version}`;
  // Tickets created after this call began are left to the next one: under a stream of new tickets
  // the work stays bounded instead of chasing them.
  let upToSeq = Number.MAX_SAFE_INTEGER;
  if (which === "stale") {
    // The usual answer, before every sorted list: nothing to do, known from one index probe.
    const [newest] = await executor
      .select({ seq: schema.tickets.seq })
      .from(schema.tickets)
      .where(and(inWorkspace, stale))
      .orderBy(desc(schema.tickets.seq))
      .limit(1);
    if (!newest) return 0;
    upToSeq = newest.seq;
  }
  const workspace = await workspaceLevels(executor, workspaceId);
  if (!workspace) return 0;
  // No clock runs in the other statuses: cleared in one statement, without reading their history.
  await executor
    .update(schema.tickets)
    .set({ slaDueAt: null, slaDueVersion: sql`${schema.tickets.version}` })
    .where(
      and(
        inWorkspace,
        notInArray(schema.tickets.status, [...runningStatuses]),
        which === "stale" ? stale : or(stale, isNotNull(schema.tickets.slaDueAt)),
      ),
    );
  let computed = 0;
  let afterSeq = 0;
  for (;;) {
    const tickets = await executor
      .select({
        id: schema.tickets.id,
        seq: schema.tickets.seq,
        version: schema.tickets.version,
        status: schema.tickets.status,
        channel: schema.tickets.channel,
        priority: schema.tickets.priority,
        createdAt: schema.tickets.createdAt,
        updatedAt: schema.tickets.updatedAt,
      })
      .from(schema.tickets)
      .where(
        and(
          inWorkspace,
          gt(schema.tickets.seq, afterSeq),
          lte(schema.tickets.seq, upToSeq),
          which === "stale" ? stale : undefined,
          inArray(schema.tickets.status, [...runningStatuses]),
        ),
      )
      .orderBy(asc(schema.tickets.seq))
      .limit(batchSize);
    const last = tickets.at(-1);
    if (!last) return computed;
    afterSeq = last.seq;
    const ids = tickets.map((ticket) => ticket.id);
    const messages = await executor
      .select({
        ticketId: schema.messages.ticketId,
        at: schema.messages.at,
        author: schema.messages.author,
        public: schema.messages.public,
      })
      .from(schema.messages)
      .where(and(eq(schema.messages.workspaceId, workspaceId), inArray(schema.messages.ticketId, ids)))
      .orderBy(asc(schema.messages.ticketId), asc(schema.messages.position), asc(schema.messages.seq));
    const events = await executor
      .select({
        ticketId: schema.ticketEvents.ticketId,
        at: schema.ticketEvents.at,
        type: schema.ticketEvents.type,
        to: schema.ticketEvents.toValue,
      })
      .from(schema.ticketEvents)
      .where(
        and(
          eq(schema.ticketEvents.workspaceId, workspaceId),
          inArray(schema.ticketEvents.ticketId, ids),
          eq(schema.ticketEvents.type, "status_changed"),
        ),
      )
      .orderBy(asc(schema.ticketEvents.ticketId), asc(schema.ticketEvents.position));
    const messagesOf = groupBy(messages, (message) => message.ticketId);
    const eventsOf = groupBy(events, (event) => event.ticketId);
    const dueTimes = tickets.map((ticket) => {
      const dueAt = ticketDueTime(
        {
          status: ticket.status as DueTimeTicket["status"],
          channel: ticket.channel as DueTimeTicket["channel"],
          priority: ticket.priority as DueTimeTicket["priority"],
          createdAt: ticket.createdAt,
          updatedAt: ticket.updatedAt,
          messages: (messagesOf.get(ticket.id) ?? []).map((message) => ({
            at: message.at,
            author: message.author as Author,
            public: message.public,
          })),
          events: (eventsOf.get(ticket.id) ?? []).map((event) => ({
            at: event.at,
            type: event.type as TicketEventType,
            to: event.to,
          })),
        },
        workspace,
      );
      return { id: ticket.id, version: ticket.version, due_at: dueAt?.toISOString() ?? null };
    });
    // One statement per batch; the values travel as one JSON parameter, which both drivers accept.
    // A ticket changed since it was read keeps what its change stored.
    await executor.execute(sql`
      update tickets set sla_due_at = computed.due_at, sla_due_version = computed.version
      from jsonb_to_recordset(${JSON.stringify(dueTimes)}::jsonb) as computed(id text, version integer, due_at timestamptz)
      where tickets.workspace_id = ${workspaceId} and tickets.id = computed.id and tickets.version = computed.version
        and (tickets.sla_due_at is distinct from computed.due_at or tickets.sla_due_version is distinct from computed.version)
        -- A ticket being changed right now stores its own due time when that change commits: never wait for it.
        and tickets.id in (
          select id from tickets
          where workspace_id = ${workspaceId} and id in (select value from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
          for update skip locked)`);
    computed += tickets.length;
  }
}

/**
 * On start: computes the due times still missing in every workspace, which after migration 0004
 * is every ticket once (the migration cannot do business-hours arithmetic in SQL). The per-ticket
 * marker is sla_due_version, so a later start finds nothing to do through a partial index.
 */
export async function fillMissingDueTimes(db: Database): Promise<number> {
  const workspaces = await db
    .selectDistinct({ id: schema.tickets.workspaceId })
    .from(schema.tickets)
    .where(sql`${schema.tickets.slaDueVersion} is distinct from ${schema.tickets.version}`);
  let computed = 0;
  for (const workspace of workspaces) computed += await recomputeWorkspaceDueTimes(db, workspace.id, "stale");
  return computed;
}

function groupBy<Item>(items: readonly Item[], key: (item: Item) => string): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

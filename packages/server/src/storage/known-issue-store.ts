import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import { DeskError } from "../core/errors.ts";
import type { KnownIssue, KnownIssueDetail, KnownIssueStore } from "../core/ports.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Executor = Database | Transaction;
type KnownIssueRow = typeof schema.knownIssues.$inferSelect;

// Written out by hand: drizzle leaves columns unqualified in a one-table select, which would
// make a correlated subquery compare tickets' columns with themselves.
const linkedTicketCount = sql<number>`(
  select count(*)::int from tickets as linked
  where linked.workspace_id = "known_issues"."workspace_id" and linked.known_issue_id = "known_issues"."id"
)`;

export function createKnownIssueStore(db: Database): KnownIssueStore {
  return {
    async list(workspaceId, query) {
      const conditions: SQL[] = [eq(schema.knownIssues.workspaceId, workspaceId)];
      if (query.status?.length) conditions.push(inArray(schema.knownIssues.status, query.status));
      if (query.cursor !== undefined) conditions.push(lt(schema.knownIssues.seq, decodeCursor(query.cursor)));
      const rows = await db
        .select({ issue: schema.knownIssues, ticketCount: linkedTicketCount })
        .from(schema.knownIssues)
        .where(and(...conditions))
        .orderBy(desc(schema.knownIssues.seq))
        .limit(query.limit + 1);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map((row) => toKnownIssue(row.issue, Number(row.ticketCount))),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last.issue.seq) : null,
      };
    },

    get: (workspaceId, knownIssueId) => getKnownIssue(db, workspaceId, knownIssueId),

    async create(workspaceId, issue) {
      const id = issue.id ?? `ki_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
      const [row] = await db
        .insert(schema.knownIssues)
        .values({
          workspaceId,
          id,
          title: issue.title,
          status: issue.status,
          tags: issue.tags,
          workaround: issue.workaround,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) {
        throw new DeskError("conflict", `There is already a known issue ${id}; choose another id or update that one.`);
      }
      return { ...toKnownIssue(row, 0), ticketIds: [] };
    },

    update: (workspaceId, knownIssueId, patch) =>
      db.transaction(async (tx) => {
        const key = and(eq(schema.knownIssues.workspaceId, workspaceId), eq(schema.knownIssues.id, knownIssueId));
        const [current] = await tx.select().from(schema.knownIssues).where(key).for("update");
        if (!current) return null;
        const set: Partial<typeof schema.knownIssues.$inferInsert> = {};
        if (patch.title !== undefined) set.title = patch.title;
        if (patch.status !== undefined) set.status = patch.status;
        if (patch.tags !== undefined) set.tags = patch.tags;
        if (patch.workaround !== undefined) set.workaround = patch.workaround;
        if (Object.keys(set).length > 0) await tx.update(schema.knownIssues).set(set).where(key);
        if (patch.status !== undefined && patch.status !== current.status) {
          // The customers waiting on this problem may want to hear about it; the outbox says so.
          await tx.insert(schema.notifications).values({
            workspaceId,
            kind: "known_issue.status_changed",
            payload: { knownIssueId, from: current.status, to: patch.status },
          });
        }
        return getKnownIssue(tx, workspaceId, knownIssueId);
      }),
  };
}

async function getKnownIssue(
  db: Executor,
  workspaceId: string,
  knownIssueId: string,
): Promise<KnownIssueDetail | null> {
  const [row] = await db
    .select()
    .from(schema.knownIssues)
    .where(and(eq(schema.knownIssues.workspaceId, workspaceId), eq(schema.knownIssues.id, knownIssueId)));
  if (!row) return null;
  const tickets = await db
    .select({ id: schema.tickets.id })
    .from(schema.tickets)
    .where(and(eq(schema.tickets.workspaceId, workspaceId), eq(schema.tickets.knownIssueId, knownIssueId)))
    .orderBy(asc(schema.tickets.seq));
  const ticketIds = tickets.map((ticket) => ticket.id);
  return { ...toKnownIssue(row, ticketIds.length), ticketIds };
}

function toKnownIssue(row: KnownIssueRow, ticketCount: number): KnownIssue {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    tags: row.tags ?? [],
    workaround: row.workaround,
    ticketCount,
  };
}

import { and, eq, sql } from "drizzle-orm";
import type { ProductTicket } from "../insights/product-loop/product-report.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

export type TrackerLink = { url: string; key: string };

export type KnownIssueExport = {
  exports: number;
  firstExportedAt: Date;
  lastExportedAt: Date;
  tracker: TrackerLink | null;
};

export type KnownIssueExportStore = {
  get(workspaceId: string, knownIssueId: string): Promise<KnownIssueExport | null>;
  /** Counts one more export; a link, when the tracker answered with one, replaces the stored one. */
  record(workspaceId: string, knownIssueId: string, at: Date, tracker: TrackerLink | null): Promise<KnownIssueExport>;
  /** The known issue's linked tickets with their customers' plans and attributes, oldest first. */
  linkedTickets(workspaceId: string, knownIssueId: string): Promise<ProductTicket[]>;
};

type ExportRow = typeof schema.knownIssueExports.$inferSelect;

const toExport = (row: ExportRow): KnownIssueExport => ({
  exports: row.exports,
  firstExportedAt: row.firstExportedAt,
  lastExportedAt: row.lastExportedAt,
  tracker: row.trackerUrl !== null && row.trackerKey !== null ? { url: row.trackerUrl, key: row.trackerKey } : null,
});

export function createKnownIssueExportStore(db: Database): KnownIssueExportStore {
  return {
    async get(workspaceId, knownIssueId) {
      const [row] = await db
        .select()
        .from(schema.knownIssueExports)
        .where(
          and(
            eq(schema.knownIssueExports.workspaceId, workspaceId),
            eq(schema.knownIssueExports.knownIssueId, knownIssueId),
          ),
        );
      return row ? toExport(row) : null;
    },

    async record(workspaceId, knownIssueId, at, tracker) {
      const link = tracker ? { trackerUrl: tracker.url, trackerKey: tracker.key } : {};
      const [row] = await db
        .insert(schema.knownIssueExports)
        .values({ workspaceId, knownIssueId, exports: 1, firstExportedAt: at, lastExportedAt: at, ...link })
        .onConflictDoUpdate({
          target: [schema.knownIssueExports.workspaceId, schema.knownIssueExports.knownIssueId],
          set: { exports: sql`${schema.knownIssueExports.exports} + 1`, lastExportedAt: at, ...link },
        })
        .returning();
      return toExport(row as ExportRow);
    },

    async linkedTickets(workspaceId, knownIssueId) {
      const result = (await db.execute(sql`
        select t.id as ticket_id, (extract(epoch from t.created_at) * 1000)::float8 as created_ms, t.subject,
          c.id as customer_id, c.plan, c.attributes
        from tickets t
        join customers c on c.workspace_id = t.workspace_id and c.id = t.customer_id
        where t.workspace_id = ${workspaceId} and t.known_issue_id = ${knownIssueId}
        order by t.created_at, t.seq`)) as unknown as {
        rows: {
          ticket_id: string;
          created_ms: number;
          subject: string | null;
          customer_id: string;
          plan: string | null;
          attributes: Record<string, unknown> | null;
        }[];
      };
      return result.rows.map((row) => ({
        ticketId: row.ticket_id,
        createdAt: Number(row.created_ms),
        subject: row.subject,
        customerId: row.customer_id,
        plan: row.plan,
        customerAttributes: row.attributes,
      }));
    },
  };
}

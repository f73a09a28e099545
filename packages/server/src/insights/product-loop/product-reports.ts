import { sql } from "drizzle-orm";
import type { Clock } from "../../core/ports.ts";
import type { Database } from "../../storage/database.ts";
import { reportMonth } from "../report-store.ts";
import { type ProductReport, type ProductTicket, productReport } from "./product-report.ts";

export type ProductReports = {
  /** Bugs and feature requests of a month `YYYY-MM` (the current month when absent). */
  monthly(workspaceId: string, month?: string): Promise<ProductReport & { month: string }>;
};

/** Tags and topics that mark a ticket as a feature request. */
const featureRequestTags = ["feature-request", "feature_request", "feature request"];
const featureRequestArray = sql`array[${sql.join(
  featureRequestTags.map((tag) => sql`${tag}`),
  sql`, `,
)}]::text[]`;

type Row = {
  known_issue_id: string | null;
  title: string | null;
  status: string | null;
  ticket_id: string;
  created_ms: number;
  subject: string | null;
  customer_id: string;
  plan: string | null;
  attributes: Record<string, unknown> | null;
};

export function createProductReports(db: Database, clock: Clock): ProductReports {
  return {
    async monthly(workspaceId, month) {
      const { month: chosen, period } = await reportMonth(db, workspaceId, month, clock.now().getTime());
      const ticket = (row: Row): ProductTicket => ({
        ticketId: row.ticket_id,
        createdAt: Number(row.created_ms),
        subject: row.subject,
        customerId: row.customer_id,
        plan: row.plan,
        customerAttributes: row.attributes,
      });
      const columns = sql`t.id as ticket_id, (extract(epoch from t.created_at) * 1000)::float8 as created_ms, t.subject,
        c.id as customer_id, c.plan, c.attributes`;
      // Every linked ticket, whenever created: a bug's weight is all the customers it has touched.
      const bugRows = (
        (await db.execute(sql`
          select k.id as known_issue_id, k.title, k.status, ${columns}
          from known_issues k
          join tickets t on t.workspace_id = k.workspace_id and t.known_issue_id = k.id
          join customers c on c.workspace_id = t.workspace_id and c.id = t.customer_id
          where k.workspace_id = ${workspaceId} and t.created_at < ${new Date(period.end).toISOString()}::timestamptz
          order by k.seq, t.created_at`)) as unknown as { rows: Row[] }
      ).rows;
      const featureRows = (
        (await db.execute(sql`
          select null as known_issue_id, null as title, null as status, ${columns}
          from tickets t
          join customers c on c.workspace_id = t.workspace_id and c.id = t.customer_id
          where t.workspace_id = ${workspaceId}
            and t.created_at >= ${new Date(period.start).toISOString()}::timestamptz
            and t.created_at < ${new Date(period.end).toISOString()}::timestamptz
            and (t.tags && ${featureRequestArray} or lower(t.topic) = any(${featureRequestArray}))
          order by t.created_at, t.id`)) as unknown as { rows: Row[] }
      ).rows;
      const issues = new Map<string, { id: string; title: string; status: string; tickets: ProductTicket[] }>();
      for (const row of bugRows) {
        const id = row.known_issue_id as string;
        const issue = issues.get(id) ?? { id, title: row.title ?? id, status: row.status ?? "open", tickets: [] };
        issue.tickets.push(ticket(row));
        issues.set(id, issue);
      }
      return {
        month: chosen,
        ...productReport({ period, knownIssues: [...issues.values()], featureRequestTickets: featureRows.map(ticket) }),
      };
    },
  };
}

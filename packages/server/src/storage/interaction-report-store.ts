import { and, eq } from "drizzle-orm";
import type { InteractionReport, InteractionReportStore } from "../core/interaction-report/interaction-report.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

export function createInteractionReportStore(db: Database): InteractionReportStore {
  return {
    async save(workspaceId, ticketId, report, at) {
      await db
        .insert(schema.interactionReports)
        .values({ workspaceId, ticketId, report: report as unknown as Record<string, unknown>, writtenAt: at })
        .onConflictDoUpdate({
          target: [schema.interactionReports.workspaceId, schema.interactionReports.ticketId],
          set: { report: report as unknown as Record<string, unknown>, writtenAt: at },
        });
    },
    async get(workspaceId, ticketId) {
      const [row] = await db
        .select({ report: schema.interactionReports.report })
        .from(schema.interactionReports)
        .where(
          and(eq(schema.interactionReports.workspaceId, workspaceId), eq(schema.interactionReports.ticketId, ticketId)),
        );
      return row ? (row.report as InteractionReport) : null;
    },
  };
}

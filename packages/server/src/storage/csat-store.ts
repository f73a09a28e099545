import { and, eq, sql } from "drizzle-orm";
import type { CsatStore, CsatSurvey } from "../core/csat/csat.ts";
import { DeskError } from "../core/errors.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

type SurveyRow = typeof schema.csatSurveys.$inferSelect;

const toSurvey = (row: SurveyRow): CsatSurvey => ({
  workspaceId: row.workspaceId,
  ticketId: row.ticketId,
  sentAt: row.sentAt,
  messageId: row.messageId,
  remindedAt: row.remindedAt,
  firstAnsweredAt: row.firstAnsweredAt,
  closesAt: row.closesAt,
  language: row.language,
});

export function createCsatStore(db: Database): CsatStore {
  const key = (workspaceId: string, ticketId: string) =>
    and(eq(schema.csatSurveys.workspaceId, workspaceId), eq(schema.csatSurveys.ticketId, ticketId));
  return {
    async create(survey) {
      const inserted = await db
        .insert(schema.csatSurveys)
        .values(survey)
        .onConflictDoNothing({ target: [schema.csatSurveys.workspaceId, schema.csatSurveys.ticketId] })
        .returning({ ticketId: schema.csatSurveys.ticketId });
      return inserted.length > 0;
    },
    async remove(workspaceId, ticketId) {
      await db.delete(schema.csatSurveys).where(key(workspaceId, ticketId));
    },
    async setMessage(workspaceId, ticketId, messageId) {
      await db.update(schema.csatSurveys).set({ messageId }).where(key(workspaceId, ticketId));
    },
    async get(workspaceId, ticketId) {
      const [row] = await db.select().from(schema.csatSurveys).where(key(workspaceId, ticketId));
      return row ? toSurvey(row) : null;
    },
    async findByToken(tokenHash) {
      const [row] = await db
        .select({
          survey: schema.csatSurveys,
          subject: schema.tickets.subject,
          score: schema.tickets.csatScore,
          comment: schema.tickets.csatComment,
        })
        .from(schema.csatSurveys)
        .innerJoin(
          schema.tickets,
          and(
            eq(schema.tickets.workspaceId, schema.csatSurveys.workspaceId),
            eq(schema.tickets.id, schema.csatSurveys.ticketId),
          ),
        )
        .where(eq(schema.csatSurveys.tokenHash, tokenHash));
      if (!row) return null;
      return {
        ...toSurvey(row.survey),
        ticketSubject: row.subject,
        current: row.score === null ? null : { score: row.score, comment: row.comment },
      };
    },
    recordAnswer: (workspaceId, ticketId, answer) =>
      db.transaction(async (tx) => {
        const ticketKey = and(eq(schema.tickets.workspaceId, workspaceId), eq(schema.tickets.id, ticketId));
        const [ticket] = await tx
          .select({ version: schema.tickets.version, score: schema.tickets.csatScore })
          .from(schema.tickets)
          .where(ticketKey)
          .for("update");
        if (!ticket) throw new DeskError("not_found", `There is no ticket ${ticketId}.`);
        await tx
          .update(schema.tickets)
          .set({
            csatScore: answer.score,
            csatComment: answer.comment,
            csatAt: answer.at,
            csatExtra: { via: answer.via },
            updatedAt: answer.at,
            version: ticket.version + 1,
          })
          .where(ticketKey);
        const [next] = await tx
          .select({ position: sql<number>`coalesce(max(${schema.ticketEvents.position}), -1) + 1` })
          .from(schema.ticketEvents)
          .where(and(eq(schema.ticketEvents.workspaceId, workspaceId), eq(schema.ticketEvents.ticketId, ticketId)));
        const event = {
          at: answer.at,
          actor: "customer",
          type: "csat_received" as const,
          from: ticket.score === null ? null : String(ticket.score),
          to: String(answer.score),
          data: { comment: answer.comment, via: answer.via },
        };
        await tx.insert(schema.ticketEvents).values({
          workspaceId,
          ticketId,
          position: Number(next?.position ?? 0),
          at: event.at,
          actor: event.actor,
          type: event.type,
          fromValue: event.from,
          toValue: event.to,
          data: event.data,
        });
        await tx.insert(schema.notifications).values({
          workspaceId,
          kind: "ticket.updated",
          ticketId,
          payload: { ticketId, fields: ["csat"], events: [event] },
        });
        await tx
          .update(schema.csatSurveys)
          .set({
            firstAnsweredAt: sql`coalesce(${schema.csatSurveys.firstAnsweredAt}, ${answer.at.toISOString()}::timestamptz)`,
          })
          .where(key(workspaceId, ticketId));
      }),
    async markReminded(workspaceId, ticketId, at) {
      await db.update(schema.csatSurveys).set({ remindedAt: at }).where(key(workspaceId, ticketId));
    },
  };
}

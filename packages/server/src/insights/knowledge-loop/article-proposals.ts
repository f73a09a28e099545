import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { DeskError } from "../../core/errors.ts";
import type { Article, ArticleStore, Clock, KnownIssueStore } from "../../core/ports.ts";
import type { Database } from "../../storage/database.ts";
import * as schema from "../../storage/schema.ts";
import { articleMentions, articleSuggestionMinimumTickets } from "../aggregate.ts";
import { noTopic } from "../report-figures.ts";
import { loadArticleTexts, reportMonth } from "../report-store.ts";
import type { Reports } from "../reports.ts";
import { type ArticleKind, proposeArticle, type SolvedExample } from "./propose-article.ts";

export type ProposalStatus = "proposed" | "accepted" | "dismissed";

export type ArticleProposal = {
  id: string;
  topic: string;
  kind: ArticleKind;
  title: string;
  body: string;
  sources: { ticketIds: string[]; knownIssueId: string | null };
  status: ProposalStatus;
  articleId: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
};

export type ArticleProposals = {
  /**
   * Proposes an article for each topic of the month with enough tickets that no article covers and
   * that has no proposal yet (a dismissed one is not proposed again). Returns the new proposals.
   */
  generate(workspaceId: string, month?: string): Promise<ArticleProposal[]>;
  list(workspaceId: string, status?: ProposalStatus): Promise<ArticleProposal[]>;
  /** Publishes the proposal (with the editor's changes) as a new, internal article. */
  accept(
    workspaceId: string,
    proposalId: string,
    actor: string,
    edits: { title?: string; body?: string; public?: boolean },
  ): Promise<{ proposal: ArticleProposal; article: Article }>;
  dismiss(workspaceId: string, proposalId: string, actor: string): Promise<ArticleProposal>;
};

/** Solved tickets a proposal is drafted from, at most (the most recent). */
const maximumExamples = 50;

export function createArticleProposals(
  db: Database,
  clock: Clock,
  deps: { reports: Reports; articles: ArticleStore; knownIssues: KnownIssueStore },
): ArticleProposals {
  const load = async (workspaceId: string, proposalId: string) => {
    const [row] = await db
      .select()
      .from(schema.articleProposals)
      .where(and(eq(schema.articleProposals.workspaceId, workspaceId), eq(schema.articleProposals.id, proposalId)));
    if (!row) throw new DeskError("not_found", `There is no article proposal ${proposalId}.`);
    return row;
  };
  const requireOpen = (row: typeof schema.articleProposals.$inferSelect) => {
    if (row.status !== "proposed") {
      throw new DeskError("conflict", `Article proposal ${row.id} was already ${row.status}.`);
    }
  };
  const decide = async (
    workspaceId: string,
    proposalId: string,
    set: Partial<typeof schema.articleProposals.$inferInsert>,
  ) => {
    const [row] = await db
      .update(schema.articleProposals)
      .set(set)
      .where(
        and(
          eq(schema.articleProposals.workspaceId, workspaceId),
          eq(schema.articleProposals.id, proposalId),
          eq(schema.articleProposals.status, "proposed"),
        ),
      )
      .returning();
    if (!row) throw new DeskError("conflict", `Article proposal ${proposalId} was decided meanwhile.`);
    return toProposal(row);
  };

  return {
    async generate(workspaceId, month) {
      const { month: chosen, period } = await reportMonth(db, workspaceId, month, clock.now().getTime());
      const [report, articles] = [
        await deps.reports.monthly(workspaceId, chosen),
        await loadArticleTexts(db, workspaceId),
      ];
      const candidates = report.topIssues.filter(
        (issue) =>
          issue.topic !== noTopic &&
          issue.count >= articleSuggestionMinimumTickets &&
          !articles.some((article) => articleMentions(article, issue.topic)),
      );
      if (candidates.length === 0) return [];
      const taken = await db
        .select({ topic: schema.articleProposals.topic })
        .from(schema.articleProposals)
        .where(
          and(
            eq(schema.articleProposals.workspaceId, workspaceId),
            inArray(
              schema.articleProposals.topic,
              candidates.map((issue) => issue.topic),
            ),
          ),
        );
      const takenTopics = new Set(taken.map((row) => row.topic));
      const created: ArticleProposal[] = [];
      for (const issue of candidates.filter((candidate) => !takenTopics.has(candidate.topic))) {
        const examples = await loadSolvedExamples(db, workspaceId, issue.topic, period);
        if (examples.length === 0) continue;
        const knownIssue = issue.knownIssueId ? await deps.knownIssues.get(workspaceId, issue.knownIssueId) : null;
        const related = await deps.articles.list(workspaceId, { search: issue.topic, limit: 3 });
        const draft = proposeArticle({
          topic: issue.topic,
          examples,
          knownIssue: knownIssue
            ? {
                id: knownIssue.id,
                title: knownIssue.title,
                status: knownIssue.status,
                workaround: knownIssue.workaround,
              }
            : null,
          relatedArticles: related.items.map((article) => ({ id: article.id, title: article.title })),
        });
        const [row] = await db
          .insert(schema.articleProposals)
          .values({
            workspaceId,
            id: `prop_${randomUUID().replaceAll("-", "").slice(0, 16)}`,
            topic: issue.topic,
            kind: draft.kind,
            title: draft.title,
            body: draft.body,
            sources: draft.sources,
            status: "proposed",
            createdAt: clock.now(),
          })
          .returning();
        if (row) created.push(toProposal(row));
      }
      return created;
    },

    async list(workspaceId, status) {
      const conditions = [eq(schema.articleProposals.workspaceId, workspaceId)];
      if (status) conditions.push(eq(schema.articleProposals.status, status));
      const rows = await db
        .select()
        .from(schema.articleProposals)
        .where(and(...conditions))
        .orderBy(desc(schema.articleProposals.createdAt), desc(schema.articleProposals.id));
      return rows.map(toProposal);
    },

    async accept(workspaceId, proposalId, actor, edits) {
      const row = await load(workspaceId, proposalId);
      requireOpen(row);
      const now = clock.now();
      // Claimed first, so two editors accepting at once make one article.
      await decide(workspaceId, proposalId, { status: "accepted", decidedAt: now, decidedBy: actor });
      let article: Article;
      try {
        article = await deps.articles.create(
          workspaceId,
          {
            title: edits.title ?? row.title,
            body: edits.body ?? row.body,
            tags: [row.topic.toLowerCase()],
            public: edits.public ?? false,
          },
          now,
          actor,
        );
      } catch (error) {
        await db
          .update(schema.articleProposals)
          .set({ status: "proposed", decidedAt: null, decidedBy: null })
          .where(and(eq(schema.articleProposals.workspaceId, workspaceId), eq(schema.articleProposals.id, proposalId)));
        throw error;
      }
      const [accepted] = await db
        .update(schema.articleProposals)
        .set({ articleId: article.id })
        .where(and(eq(schema.articleProposals.workspaceId, workspaceId), eq(schema.articleProposals.id, proposalId)))
        .returning();
      return { proposal: toProposal(accepted ?? row), article };
    },

    async dismiss(workspaceId, proposalId, actor) {
      requireOpen(await load(workspaceId, proposalId));
      return decide(workspaceId, proposalId, { status: "dismissed", decidedAt: clock.now(), decidedBy: actor });
    },
  };
}

/**
 * The topic's tickets created in the period that were solved: each customer's first message and the
 * last public agent or responder reply before the first solve.
 */
async function loadSolvedExamples(
  db: Database,
  workspaceId: string,
  topic: string,
  period: { start: number; end: number },
): Promise<SolvedExample[]> {
  const result = await db.execute(sql`
    with solved as (
      select t.id, min(e.at) as solved_at
      from tickets t
      join ticket_events e on e.workspace_id = t.workspace_id and e.ticket_id = t.id
        and e.type = 'status_changed' and e.to_value = 'solved'
      where t.workspace_id = ${workspaceId} and t.topic = ${topic}
        and t.created_at >= ${new Date(period.start).toISOString()}::timestamptz
        and t.created_at < ${new Date(period.end).toISOString()}::timestamptz
      group by t.id
      order by min(e.at) desc
      limit ${maximumExamples}
    )
    select solved.id,
      (select m.body from messages m where m.workspace_id = ${workspaceId} and m.ticket_id = solved.id
        and m.author = 'customer' order by m.position limit 1) as question,
      (select m.body from messages m where m.workspace_id = ${workspaceId} and m.ticket_id = solved.id
        and m.public and (m.author = 'responder' or m.author like 'agent:%') and m.at <= solved.solved_at
        order by m.position desc limit 1) as solving_reply
    from solved
    order by solved.id`);
  const rows = (result as unknown as { rows: { id: string; question: string | null; solving_reply: string | null }[] })
    .rows;
  return rows
    .filter((row) => row.question !== null && row.solving_reply !== null)
    .map((row) => ({ ticketId: row.id, question: row.question as string, solvingReply: row.solving_reply as string }));
}

function toProposal(row: typeof schema.articleProposals.$inferSelect): ArticleProposal {
  return {
    id: row.id,
    topic: row.topic,
    kind: row.kind,
    title: row.title,
    body: row.body,
    sources: row.sources,
    status: row.status,
    articleId: row.articleId,
    createdAt: row.createdAt,
    decidedAt: row.decidedAt,
    decidedBy: row.decidedBy,
  };
}

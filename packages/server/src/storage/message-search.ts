import { and, eq, inArray, sql } from "drizzle-orm";
import type { MessageSearch, MessageSearchHit } from "../core/ports.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";
import { toTicket } from "./ticket-store.ts";

/**
 * How many of the newest matching messages are ranked. It bounds the work of a query that matches a
 * large share of a big desk (bench/message-search.ts: p95 under 50 ms at a million messages); a
 * query that narrow enough to matter to a person matches fewer and is ranked whole.
 */
export const rankedMessagesLimit = 300;

// Private-use characters: they never come from ts_headline itself, so after escaping the passage
// they can only be the marks around matched words.
const markStart = "\uE000";
const markStop = "\uE001";
const headlineOptions = `StartSel=${markStart}, StopSel=${markStop}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

type HitRow = { ticket_id: string; message_id: string; at: Date | string; rank: number; snippet: string };

/**
 * Full-text search over messages on the GIN index of `messages.search` (to_tsvector('simple', body)):
 * the newest matching messages of the workspace (at most `rankedMessagesLimit`), the best one per
 * ticket, ranked by ts_rank_cd, newest first on ties, with a highlighted passage from ts_headline.
 * The query reads like a web search: words (all must match), "a phrase", `or`, `-word`.
 */
export function createMessageSearch(db: Database): MessageSearch {
  return {
    async search(workspaceId, text, page) {
      const offset = page.cursor ? decodeCursor(page.cursor, "offset") : 0;
      const [parsed] = (
        (await db.execute(sql`select websearch_to_tsquery('simple', ${text})::text as query`)) as unknown as {
          rows: { query: string }[];
        }
      ).rows;
      // Only stop words or punctuation: nothing can match.
      if (!parsed?.query) return { items: [], nextCursor: null };
      const query = sql`websearch_to_tsquery('simple', ${text})`;
      // The planner estimates a phrase as if its words could be anywhere, so it would walk the
      // newest messages looking for one that is rare; ordering by an expression keeps it on the GIN index.
      const recency = parsed.query.includes("<") ? sql`m.at + interval '0 seconds'` : sql`m.at`;
      const result = await db.execute(sql`
        with candidates as (
          select m.ticket_id, m.id, m.at, m.search, m.body
            from messages m
           where m.workspace_id = ${workspaceId} and m.search @@ ${query}
           order by ${recency} desc, m.id desc
           limit ${rankedMessagesLimit}
        ),
        best as (
          select distinct on (c.ticket_id) c.ticket_id, c.id, c.at, c.body, ts_rank_cd(c.search, ${query}) as rank
            from candidates c
           order by c.ticket_id, rank desc, c.at desc, c.id desc
        ),
        chosen as (
          select * from best order by rank desc, at desc, ticket_id desc offset ${offset} limit ${page.limit + 1}
        )
        select ticket_id, id as message_id, at, rank,
               ts_headline('simple', body, ${query}, ${headlineOptions}) as snippet
          from chosen
         order by rank desc, at desc, ticket_id desc`);
      const rows = (result as unknown as { rows: HitRow[] }).rows;
      const pageRows = rows.slice(0, page.limit);
      const ticketRows =
        pageRows.length === 0
          ? []
          : await db
              .select()
              .from(schema.tickets)
              .where(
                and(
                  eq(schema.tickets.workspaceId, workspaceId),
                  inArray(
                    schema.tickets.id,
                    pageRows.map((row) => row.ticket_id),
                  ),
                ),
              );
      const tickets = new Map(ticketRows.map((row) => [row.id, toTicket(row)]));
      const items: MessageSearchHit[] = [];
      for (const row of pageRows) {
        const ticket = tickets.get(row.ticket_id);
        if (!ticket) continue;
        items.push({
          ticket,
          messageId: row.message_id,
          at: new Date(row.at),
          rank: Number(row.rank),
          snippetHtml: highlight(row.snippet),
        });
      }
      return {
        items,
        nextCursor: rows.length > page.limit ? encodeCursor(offset + page.limit, "offset") : null,
      };
    },
  };
}

/** Escapes the passage for HTML and turns ts_headline's marks into <mark> elements. */
export function highlight(passage: string): string {
  return passage
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;")
    .replaceAll(markStart, "<mark>")
    .replaceAll(markStop, "</mark>");
}

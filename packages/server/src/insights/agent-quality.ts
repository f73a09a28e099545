import { sql } from "drizzle-orm";
import type { Clock } from "../core/ports.ts";
import type { Database } from "../storage/database.ts";
import { reportMonth } from "./report-store.ts";

/** The dimensions each public reply is scored on (0–1), as the responder's review reads them. */
export type ReplyScores = {
  empathy: number;
  specificity: number;
  personalisation: number;
  nextSteps: number;
  followUpKept: number | null;
  overall: number;
  notes: string[];
};

export type ReplyScorer = (input: {
  body: string;
  customerName: string;
  customerMessages: string[];
  laterReplies: { at: Date; body: string }[];
  at: Date;
}) => ReplyScores;

export type AgentQuality = {
  agentId: string;
  name: string;
  replies: number;
  scores: {
    empathy: number;
    specificity: number;
    personalisation: number;
    nextSteps: number;
    /** null when no reply of the period promised a follow-up. */
    followUpKept: number | null;
    overall: number;
  };
  /** The most frequent notes, most frequent first: what to coach. */
  coaching: { note: string; replies: number }[];
};

export type AgentQualityReport = { month: string; agents: AgentQuality[] };

/** Tickets whose replies are scored per month at most; those answered most recently are kept. */
const maximumTickets = 5_000;
const coachingNotes = 3;

type MessageRow = { ticket_id: string; at: string | Date; author: string; public: boolean; body: string };

export function createAgentQuality(db: Database, clock: Clock, scoreReply: ReplyScorer) {
  return {
    async monthly(workspaceId: string, month?: string): Promise<AgentQualityReport> {
      const { month: chosen, period } = await reportMonth(db, workspaceId, month, clock.now().getTime());
      const [messages, customers, agents] = await loadConversations(db, workspaceId, period);
      const scored = new Map<string, ReplyScores[]>();
      const byTicket = new Map<string, MessageRow[]>();
      for (const message of messages) {
        const conversation = byTicket.get(message.ticket_id);
        if (conversation) conversation.push(message);
        else byTicket.set(message.ticket_id, [message]);
      }
      for (const [ticketId, conversation] of byTicket) {
        conversation.forEach((message, index) => {
          const at = new Date(message.at);
          const isAgentReply = message.public && message.author.startsWith("agent:");
          if (!isAgentReply || at.getTime() < period.start || at.getTime() >= period.end) return;
          const before = conversation.slice(0, index);
          const after = conversation.slice(index + 1);
          const scores = scoreReply({
            body: message.body,
            customerName: customers.get(ticketId) ?? "",
            customerMessages: before.filter((earlier) => earlier.author === "customer").map((earlier) => earlier.body),
            laterReplies: after
              .filter((later) => later.public && later.author !== "customer" && later.author !== "system")
              .map((later) => ({ at: new Date(later.at), body: later.body })),
            at,
          });
          const agentId = message.author.slice("agent:".length);
          const replies = scored.get(agentId);
          if (replies) replies.push(scores);
          else scored.set(agentId, [scores]);
        });
      }
      const result = [...scored.entries()].map(([agentId, replies]) =>
        summarise(agentId, agents.get(agentId), replies),
      );
      result.sort(
        (left, right) => left.scores.overall - right.scores.overall || left.agentId.localeCompare(right.agentId),
      );
      return { month: chosen, agents: result };
    },
  };
}

export type AgentQualityReports = ReturnType<typeof createAgentQuality>;

function summarise(agentId: string, name: string | undefined, replies: ReplyScores[]): AgentQuality {
  const average = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const promised = replies.map((reply) => reply.followUpKept).filter((value): value is number => value !== null);
  const notes = new Map<string, number>();
  for (const reply of replies) for (const note of reply.notes) notes.set(note, (notes.get(note) ?? 0) + 1);
  return {
    agentId,
    name: name ?? agentId,
    replies: replies.length,
    scores: {
      empathy: average(replies.map((reply) => reply.empathy)),
      specificity: average(replies.map((reply) => reply.specificity)),
      personalisation: average(replies.map((reply) => reply.personalisation)),
      nextSteps: average(replies.map((reply) => reply.nextSteps)),
      followUpKept: promised.length === 0 ? null : average(promised),
      overall: average(replies.map((reply) => reply.overall)),
    },
    coaching: [...notes.entries()]
      .sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0]))
      .slice(0, coachingNotes)
      .map(([note, count]) => ({ note, replies: count })),
  };
}

/** Every message of the tickets an agent replied on in the period, the customer of each, and agent names. */
async function loadConversations(
  db: Database,
  workspaceId: string,
  period: { start: number; end: number },
): Promise<[MessageRow[], Map<string, string>, Map<string, string>]> {
  const start = sql`${new Date(period.start).toISOString()}::timestamptz`;
  const end = sql`${new Date(period.end).toISOString()}::timestamptz`;
  const result = await db.execute(sql`
    with replied as (
      select ticket_id, max(at) as last_at from messages
      where workspace_id = ${workspaceId} and public and author like 'agent:%' and at >= ${start} and at < ${end}
      group by ticket_id
      order by last_at desc
      limit ${maximumTickets}
    )
    select m.ticket_id, m.at, m.author, m.public, m.body, c.name as customer_name
    from replied
    join messages m on m.workspace_id = ${workspaceId} and m.ticket_id = replied.ticket_id
    join tickets t on t.workspace_id = ${workspaceId} and t.id = replied.ticket_id
    join customers c on c.workspace_id = ${workspaceId} and c.id = t.customer_id
    order by m.ticket_id, m.position`);
  const rows = (result as unknown as { rows: (MessageRow & { customer_name: string })[] }).rows;
  const customers = new Map(rows.map((row) => [row.ticket_id, row.customer_name]));
  const agentRows = await db.execute(sql`select id, name from agents where workspace_id = ${workspaceId}`);
  const agents = new Map(
    (agentRows as unknown as { rows: { id: string; name: string }[] }).rows.map((row) => [row.id, row.name]),
  );
  return [rows, customers, agents];
}

import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { CustomerReference } from "../core/customers/customer.ts";
import type { NewTicket, TicketDetail } from "../core/tickets/ticket.ts";
import { normaliseEmail, normalisePhone } from "./customer-identities.ts";
import type { Database } from "./database.ts";
import { announcedAfterCommitSetting } from "./outbox-announcer.ts";
import * as schema from "./schema.ts";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Executor = Database | Transaction;

/** How the create statement finds the ticket's customer: by id, or by one normalised identity. */
export type CustomerMatch = { by: "id"; id: string } | { by: "identity"; kind: "email" | "phone"; value: string };

export function customerById(customerId: string): CustomerMatch {
  return { by: "id", id: customerId };
}

/**
 * Where CustomerStore.resolve looks first: an id alone decides; else the email, else the phone. An
 * email it does not know with a phone it does is left to resolve (which tries the phone next).
 */
export function customerMatchOf(reference: CustomerReference): CustomerMatch | null {
  if (reference.id) return customerById(reference.id);
  if (reference.email) return { by: "identity", kind: "email", value: normaliseEmail(reference.email) };
  if (reference.phone) return { by: "identity", kind: "phone", value: normalisePhone(reference.phone) };
  return null;
}

/** One ticket to open: what a caller of TicketStore.create or createForCustomer gives. */
export type TicketToOpen = {
  workspaceId: string;
  customer: CustomerMatch;
  ticket: Omit<NewTicket, "customerId">;
  actor: string;
  at: Date;
};

/** A ticket to open as the statement reads it: one element of its JSON array (names as in the SQL). */
type TicketRecord = {
  n: number;
  workspace_id: string;
  /** The customer's id, or the value of their identity of kind `identity_kind`. */
  customer: string;
  identity_kind: string | null;
  channel: string;
  known_issue_id: string | null;
  subject: string | null;
  priority: string | null;
  tags: string[];
  topic: string | null;
  assignee_id: string | null;
  team_id: string | null;
  /** ISO 8601. */
  at: string;
  attributes: Record<string, unknown> | null;
  message_id: string;
  author: string;
  public: boolean;
  body: string;
  external_id: string | null;
  actor: string;
};

type OpenedRow = { n: number; id: string; customerId: string; version: number };

/**
 * Opens tickets with one statement: each with its first message, its "new" event and its
 * ticket.created notification. A ticket whose customer is not found is not opened (null in its
 * place), and nothing of it is written. `after commit`: the statement is its own transaction and
 * its caller announces the notifications once it returns. `with the transaction`: the trigger
 * announces them when the caller's transaction commits.
 */
export function ticketOpener(executor: Executor, announced: "after commit" | "with the transaction") {
  const query = openTicketsQuery(executor, announced);
  const statement = announced === "after commit" ? query.prepare("ticket_store_open_tickets") : query;
  return async (tickets: TicketToOpen[]): Promise<(TicketDetail | null)[]> => {
    const messageIds = tickets.map(() => newMessageId());
    const records = tickets.map((ticket, n) => ticketRecord(ticket, n, messageIds[n] as string));
    const rows: OpenedRow[] = await statement.execute({ tickets: JSON.stringify(records, wellFormed) });
    const opened = new Map(rows.map((row) => [Number(row.n), row]));
    return tickets.map((ticket, n) => {
      const row = opened.get(n);
      return row ? newTicketDetail(row, ticket, messageIds[n] as string) : null;
    });
  };
}

function ticketRecord(
  { workspaceId, customer, ticket, actor, at }: TicketToOpen,
  n: number,
  messageId: string,
): TicketRecord {
  return {
    n,
    workspace_id: workspaceId,
    customer: customer.by === "id" ? customer.id : customer.value,
    identity_kind: customer.by === "id" ? null : customer.kind,
    channel: ticket.channel,
    known_issue_id: ticket.knownIssueId,
    subject: ticket.subject,
    priority: ticket.priority,
    tags: ticket.tags,
    topic: ticket.topic,
    assignee_id: ticket.assigneeId,
    team_id: ticket.teamId,
    at: at.toISOString(),
    attributes: ticket.attributes,
    message_id: messageId,
    author: ticket.message.author,
    public: ticket.message.public,
    body: ticket.message.body,
    external_id: ticket.message.externalId ?? null,
    actor,
  };
}

/**
 * The tickets arrive as one JSON array, so that one prepared statement takes any number of them and
 * Postgres estimates its rows the same whatever the array holds (it keeps the generic plan instead of
 * planning each call). `input` picks each ticket's customer (by id or by identity; each a primary
 * key, so one row at most) and draws its number; it is read five times, so Postgres computes it once.
 * Every insert after it joins the tickets actually inserted.
 */
function openTicketsQuery(executor: Executor, announced: "after commit" | "with the transaction") {
  const input = executor
    .$with("input", { n: sql<number>`n`.as("n"), ticketId: sql<string>`ticket_id`.as("ticket_id") })
    .as(sql`select i.*, customer.id as found_customer_id, nextval('ticket_numbers')::text as ticket_id
      from jsonb_to_recordset(${sql.placeholder("tickets")}::jsonb) as i(
        n integer, workspace_id text, customer text, identity_kind text, channel text, known_issue_id text,
        subject text, priority text, tags text[], topic text, assignee_id text, team_id text, at timestamptz,
        attributes jsonb, message_id text, author text, public boolean, body text, external_id text, actor text)
      cross join lateral (
        select id from ${schema.customers}
        where i.identity_kind is null and workspace_id = i.workspace_id and id = i.customer
        union all
        select customer_id from ${schema.customerIdentities}
        where i.identity_kind is not null and workspace_id = i.workspace_id and kind = i.identity_kind
          and value = i.customer
      ) customer`);
  const newTicket = executor
    .$with("new_ticket", {
      id: sql<string>`id`.as("id"),
      customerId: sql<string>`customer_id`.as("customer_id"),
      version: sql<number>`version`.as("version"),
    })
    .as(sql`insert into ${schema.tickets}
        (workspace_id, id, customer_id, channel, known_issue_id, subject, status, priority, tags, topic,
         assignee_id, team_id, created_at, updated_at, attributes)
      select workspace_id, ticket_id, found_customer_id, channel, known_issue_id, subject, 'new', priority, tags, topic,
        assignee_id, team_id, at, at, attributes
      from input
      returning id, customer_id, version`);
  // The rows of the tickets actually inserted, with what the statement was given for them.
  const inserted = sql`new_ticket join input on input.ticket_id = new_ticket.id`;
  const newMessage = executor.$with("new_message", {}).as(sql`insert into ${schema.messages}
      (workspace_id, id, ticket_id, position, at, author, public, body, external_id)
    select input.workspace_id, message_id, new_ticket.id, 0, at, author, public, body, external_id
    from ${inserted}`);
  const newEvent = executor.$with("new_event", {}).as(sql`insert into ${schema.ticketEvents}
      (workspace_id, ticket_id, position, at, actor, type, to_value)
    select input.workspace_id, new_ticket.id, 0, at, actor, 'status_changed', 'new'
    from ${inserted}`);
  const newNotification = executor.$with("new_notification", {}).as(sql`insert into ${schema.notifications}
      (workspace_id, kind, ticket_id, payload)
    select input.workspace_id, 'ticket.created', new_ticket.id,
      jsonb_build_object('ticketId', new_ticket.id, 'actor', actor)
    from ${inserted}`);
  // Read by the notifications trigger when the statement ends, after every part of it ran.
  const announcedAfterCommit =
    announced === "after commit"
      ? sql<string>`set_config(${sql.raw(`'${announcedAfterCommitSetting}'`)}, 'on', true)`
      : sql<null>`null`;
  return executor
    .with(input, newTicket, newMessage, newEvent, newNotification)
    .select({
      n: input.n,
      id: newTicket.id,
      customerId: newTicket.customerId,
      version: newTicket.version,
      announcedAfterCommit,
    })
    .from(newTicket)
    .innerJoin(input, sql`${input.ticketId} = ${newTicket.id}`);
}

function newTicketDetail(row: OpenedRow, { ticket, actor, at }: TicketToOpen, messageId: string): TicketDetail {
  return {
    id: row.id,
    customerId: row.customerId,
    channel: ticket.channel,
    knownIssueId: ticket.knownIssueId,
    subject: ticket.subject,
    status: "new",
    priority: ticket.priority,
    tags: ticket.tags,
    topic: ticket.topic,
    assigneeId: ticket.assigneeId,
    teamId: ticket.teamId,
    createdAt: at,
    updatedAt: at,
    version: Number(row.version),
    csat: null,
    attributes: ticket.attributes,
    messages: [
      {
        id: messageId,
        ticketId: row.id,
        at,
        author: ticket.message.author,
        public: ticket.message.public,
        body: ticket.message.body,
      },
    ],
    events: [{ ticketId: row.id, at, actor, type: "status_changed", from: null, to: "new", data: null }],
  };
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A JSON.stringify replacer. Postgres refuses a JSON text holding half a surrogate pair, while text
 * sent as a parameter had it stored as U+FFFD (the driver encodes UTF-8 so): kept so here too,
 * because a customer's message is stored whatever it holds.
 */
function wellFormed(_key: string, value: unknown): unknown {
  return typeof value === "string" ? value.replace(loneSurrogate, "\uFFFD") : value;
}

export function newMessageId(): string {
  return `msg_${randomUUID().replaceAll("-", "")}`;
}

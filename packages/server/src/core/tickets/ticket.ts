import type { ChannelName, Priority, TicketEventType, TicketStatus } from "../snapshot/snapshot-schema.ts";

export type Author = "customer" | "responder" | "system" | `agent:${string}`;

export type Ticket = {
  id: string;
  customerId: string;
  channel: ChannelName;
  knownIssueId: string | null;
  subject: string | null;
  status: TicketStatus;
  priority: Priority | null;
  tags: string[];
  topic: string | null;
  assigneeId: string | null;
  teamId: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  csat: { score: number; comment: string | null; at: Date } | null;
  attributes: Record<string, unknown> | null;
};

export type Message = {
  id: string;
  ticketId: string;
  at: Date;
  author: Author;
  public: boolean;
  body: string;
};

export type TicketEvent = {
  ticketId: string;
  at: Date;
  actor: string | null;
  type: TicketEventType;
  from: string | null;
  to: string | null;
  data: Record<string, unknown> | null;
};

export type TicketDetail = Ticket & { messages: Message[]; events: TicketEvent[] };

/** What an actor may change on a ticket; absent fields stay as they are, null clears. */
export type TicketPatch = {
  status?: TicketStatus;
  priority?: Priority | null;
  assigneeId?: string | null;
  teamId?: string | null;
  tags?: string[];
  topic?: string | null;
  subject?: string | null;
  knownIssueId?: string | null;
  /** Closing a solved ticket needs one of these (see `checkStatusChange`). */
  confirmation?: "customer" | "window_passed";
};

export type NewMessage = {
  author: Author;
  public: boolean;
  body: string;
  /** The channel's id for it (an email's Message-ID); a second message with the same id is refused. */
  externalId?: string;
};

export type NewTicket = {
  customerId: string;
  channel: ChannelName;
  subject: string | null;
  priority: Priority | null;
  tags: string[];
  topic: string | null;
  assigneeId: string | null;
  teamId: string | null;
  knownIssueId: string | null;
  attributes: Record<string, unknown> | null;
  message: NewMessage;
};

/** What one change to a ticket writes, decided by the rules and applied in one transaction. */
export type TicketChange = {
  /** When the change happens: the time of its events, its message or its follow-up ticket. */
  at: Date;
  fields: Partial<
    Pick<Ticket, "status" | "priority" | "assigneeId" | "teamId" | "tags" | "topic" | "subject" | "knownIssueId">
  >;
  events: Omit<TicketEvent, "ticketId">[];
  message?: NewMessage;
  /** A message to a closed ticket opens a new ticket linked to it instead. */
  followUpTicket?: NewTicket;
};

import type { ChannelName } from "../snapshot/snapshot-schema.ts";

export type BroadcastStatus = "draft" | "sending" | "sent" | "cancelled";
export type RecipientStatus = "pending" | "sending" | "sent" | "failed";
export type BroadcastCitation = { kind: "known_issue" | "ticket"; id: string };

/** One affected customer: the ticket and channel the broadcast reaches them on, and the words drafted for them. */
export type BroadcastRecipient = {
  customerId: string;
  customerName: string | null;
  ticketId: string;
  channel: ChannelName;
  language: string;
  body: string;
  citations: BroadcastCitation[];
  status: RecipientStatus;
  claimedAt: Date | null;
  /** The public message that carried it, once sent; on `sentTicketId` when the ticket was closed. */
  messageId: string | null;
  sentTicketId: string | null;
  sentAt: Date | null;
  error: string | null;
};

export type Broadcast = {
  id: string;
  knownIssueId: string;
  knownIssueTitle: string;
  status: BroadcastStatus;
  createdAt: Date;
  approvedAt: Date | null;
  approvedBy: string | null;
  cancelledAt: Date | null;
  cancelledBy: string | null;
  sentAt: Date | null;
  recipientCount: number;
};

export type BroadcastDetail = Broadcast & { recipients: BroadcastRecipient[] };

export type NewBroadcastRecipient = Pick<
  BroadcastRecipient,
  "customerId" | "customerName" | "ticketId" | "channel" | "language" | "body" | "citations"
>;

export type BroadcastStore = {
  /** null when a broadcast with this trigger key already exists (the same cause handled twice). */
  create(
    workspaceId: string,
    broadcast: {
      knownIssueId: string;
      knownIssueTitle: string;
      triggerKey: string;
      recipients: NewBroadcastRecipient[];
    },
    at: Date,
  ): Promise<BroadcastDetail | null>;
  /** Newest first. */
  list(workspaceId: string, query: { knownIssueId?: string; status?: BroadcastStatus[] }): Promise<Broadcast[]>;
  get(workspaceId: string, broadcastId: string): Promise<BroadcastDetail | null>;
  /** Moves a draft to sending; a broadcast already sending or sent is returned as it is. */
  approve(workspaceId: string, broadcastId: string, actor: string, at: Date): Promise<BroadcastDetail | null>;
  /** Moves a draft to cancelled; a broadcast in any other state is returned as it is. */
  cancel(workspaceId: string, broadcastId: string, actor: string, at: Date): Promise<BroadcastDetail | null>;
  /**
   * Takes a recipient for sending: pending, or sending with a claim older than `staleBefore` (an
   * approval that stopped halfway). null when another approval has it or it was already sent.
   */
  claimRecipient(
    workspaceId: string,
    broadcastId: string,
    customerId: string,
    at: Date,
    staleBefore: Date,
  ): Promise<BroadcastRecipient | null>;
  finishRecipient(
    workspaceId: string,
    broadcastId: string,
    customerId: string,
    outcome: { status: "sent"; messageId: string; ticketId: string } | { status: "failed"; error: string },
    at: Date,
  ): Promise<void>;
  /** Marks a sending broadcast sent once none of its recipients is pending or sending. */
  settle(workspaceId: string, broadcastId: string, at: Date): Promise<BroadcastDetail | null>;
};

/** A ticket linked to the fixed issue, as recipient selection needs it. */
export type AffectedTicket = {
  id: string;
  customerId: string;
  channel: ChannelName;
  status: string;
  createdAt: Date;
};

/**
 * One ticket per affected customer: their newest linked ticket that is still open, else their
 * newest one (a closed ticket is answered on a linked follow-up ticket). Customers in the order
 * their first ticket was linked.
 */
export function ticketPerCustomer(tickets: readonly AffectedTicket[]): AffectedTicket[] {
  const byCustomer = new Map<string, AffectedTicket>();
  const rank = (ticket: AffectedTicket) => (ticket.status === "closed" ? 0 : 1);
  for (const ticket of tickets) {
    const chosen = byCustomer.get(ticket.customerId);
    if (
      !chosen ||
      rank(ticket) > rank(chosen) ||
      (rank(ticket) === rank(chosen) && ticket.createdAt.getTime() >= chosen.createdAt.getTime())
    ) {
      byCustomer.set(ticket.customerId, ticket);
    }
  }
  const order = [...new Set(tickets.map((ticket) => ticket.customerId))];
  return order.map((customerId) => byCustomer.get(customerId)).filter((ticket) => ticket !== undefined);
}

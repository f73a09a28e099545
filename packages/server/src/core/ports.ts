import type { AgentRole, Snapshot } from "./snapshot/snapshot-schema.ts";
import type { NewTicket, Ticket, TicketChange, TicketDetail } from "./tickets/ticket.ts";

/** The desk's own names for what it needs from the outside; adapters implement them. */

export type Clock = { now(): Date };

export type SnapshotProgress = { ticketsDone: number; ticketsTotal: number };

export type SnapshotStore = {
  importSnapshot(
    workspaceId: string,
    snapshot: Snapshot,
    onProgress?: (progress: SnapshotProgress) => void,
  ): Promise<{ tickets: number; messages: number }>;
  exportSnapshot(workspaceId: string): Promise<Snapshot>;
};

export type TicketFilter = {
  status?: Ticket["status"][];
  priority?: NonNullable<Ticket["priority"]>[];
  channel?: Ticket["channel"][];
  assigneeId?: string | null;
  teamId?: string;
  customerId?: string;
  tag?: string;
  topic?: string;
  createdAfter?: Date;
  createdBefore?: Date;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

export type TicketStore = {
  list(workspaceId: string, filter: TicketFilter, page: { limit: number; cursor?: string }): Promise<Page<Ticket>>;
  get(workspaceId: string, ticketId: string): Promise<TicketDetail | null>;
  create(workspaceId: string, ticket: NewTicket, actor: string, at: Date): Promise<TicketDetail>;
  /**
   * Locks the ticket, lets `decide` plan the change from its current state, and writes the
   * fields, events, message and notification in one transaction. `expectedVersion`, when
   * given, refuses the change if someone else changed the ticket since it was read.
   */
  change(
    workspaceId: string,
    ticketId: string,
    decide: (ticket: Ticket) => TicketChange,
    options?: { expectedVersion?: number },
  ): Promise<{ ticket: TicketDetail; followUp: TicketDetail | null }>;
};

export type Principal = {
  workspaceId: string;
  agentId: string;
  role: AgentRole;
};

export type IssuedToken = { id: string; token: string; agentId: string; name: string };

export type AccessStore = {
  /** The principal a bearer token stands for, or null if it is unknown or revoked. */
  authenticate(token: string): Promise<Principal | null>;
  issueToken(workspaceId: string, agentId: string, name: string): Promise<IssuedToken>;
  revokeToken(workspaceId: string, tokenId: string): Promise<boolean>;
};

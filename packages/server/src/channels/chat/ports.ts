import type { InboundMessage, ReceivedMessage } from "../../core/channels/channel.ts";
import type { Clock } from "../../core/ports.ts";

/** What the chat channel needs stored; storage/widget-store.ts implements it. */

export type ChatConversation = {
  id: string;
  visitorId: string;
  userId: string | null;
  channel: "chat" | "in_app";
  ticketIds: string[];
  lastExternalId: string | null;
  email: string | null;
};

export type ChatStoredMessage = {
  id: string;
  ticketId: string;
  at: Date;
  author: string;
  body: string;
  externalId: string | null;
};

export type ConversationStore = {
  identitySecret(workspaceId: string): Promise<string>;
  conversation(workspaceId: string, conversationId: string): Promise<ChatConversation | null>;
  createConversation(
    workspaceId: string,
    input: { visitorId: string; userId: string | null; channel: "chat" | "in_app"; at: Date },
  ): Promise<ChatConversation>;
  recordInbound(
    workspaceId: string,
    conversationId: string,
    input: { ticketId: string; externalId: string; at: Date },
  ): Promise<void>;
  setEmail(workspaceId: string, conversationId: string, email: string, at: Date): Promise<void>;
  conversationsOfTicket(workspaceId: string, ticketId: string): Promise<ChatConversation[]>;
  conversationsOfUser(workspaceId: string, userId: string, limit: number): Promise<ChatConversation[]>;
  publicMessages(workspaceId: string, ticketIds: string[], limit: number): Promise<ChatStoredMessage[]>;
  addCustomerEmail(workspaceId: string, ticketId: string, email: string): Promise<void>;
  customerOfAppUser(workspaceId: string, userId: string, name: string | null): Promise<string>;
  addAccountEvent(
    workspaceId: string,
    event: { customerId: string; type: string; data: Record<string, unknown> | null; at: Date },
  ): Promise<string>;
};

/** The channel core's receive use case, bound to its dependencies. */
export type ReceiveMessage = (workspaceId: string, message: InboundMessage) => Promise<ReceivedMessage>;

export type ChatDeps = {
  conversations: ConversationStore;
  receive: ReceiveMessage;
  clock: Clock;
};

/** The outbox kind of an agent's typing indicator: other desk processes show it to the ticket's visitors. */
export const agentTypingKind = "agent.typing";

/**
 * Which agents are connected, across every desk process on the database: each process announces its
 * own counts with a heartbeat, and a count whose heartbeat is older than the expiry no longer counts.
 */
export type AgentPresenceStore = {
  /** This process's agents per workspace as of `at`; workspaces left out are withdrawn. */
  announce(processId: string, counts: ReadonlyMap<string, number>, at: Date): Promise<void>;
  /** Workspaces where another process announced connected agents after `since`. */
  workspacesWithAgents(query: { since: Date; exceptProcessId: string; workspaceIds?: string[] }): Promise<Set<string>>;
  /** Tells the other processes an agent is typing on a ticket (an outbox row). */
  publishTyping(typing: {
    workspaceId: string;
    ticketId: string;
    typing: boolean;
    agentId: string | null;
    processId: string;
    at: Date;
  }): Promise<void>;
  /** Forgets heartbeats older than `before`; returns how many it removed. */
  prune(before: Date): Promise<number>;
};

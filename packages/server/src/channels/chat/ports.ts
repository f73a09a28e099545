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

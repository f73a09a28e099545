import type { ChannelName } from "../snapshot/snapshot-schema.ts";

/**
 * The Channel port: every way a customer reaches the desk (email, chat, in-app, social, phone,
 * SMS, the generic API) normalises what it receives to one InboundMessage and sends replies
 * through `send`. A channel is one folder under channels/ plus one line in channels/registry.ts.
 */

/** Who sent a message, as the channel knows them; the desk matches it to one customer. */
export type InboundSender = {
  email?: string;
  phone?: string;
  /** A handle on a social network or chat provider, e.g. { provider: "telegram", value: "123456" }. */
  handle?: { provider: string; value: string };
  name?: string;
};

export type InboundAttachment = {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
};

export type InboundMessage = {
  channel: ChannelName;
  /** Which provider carried it: "smtp", "imap", "widget", "whatsapp", "messenger", "telegram", "twilio", "api"... */
  provider: string;
  /**
   * The provider's own id for this message (an email's Message-ID, a WhatsApp message id, an API
   * idempotency key). The desk stores it with the message: the same id twice makes one message.
   */
  externalId: string;
  /**
   * Provider ids of earlier messages this one answers (an email's In-Reply-To, then References,
   * newest first; a chat's conversation id). Threading looks these up among every message the desk
   * stored or sent.
   */
  threadIds: string[];
  /** A ticket the sender named (e.g. "[#1042]" in a subject); used only when threadIds find nothing. */
  ticketReference?: string;
  from: InboundSender;
  subject?: string;
  /** Plain text, with quoted history and signatures already stripped by the channel. */
  body: string;
  at: Date;
  attachments?: InboundAttachment[];
  /** Automatic mail (Auto-Submitted, bulk, mailer-daemon): stored, but never answered automatically. */
  automatic?: boolean;
  /** Kept on the ticket when it opens one (e.g. { provider: "whatsapp" } for a social ticket). */
  attributes?: Record<string, unknown>;
  /** Stored as an internal note by the system, not as the customer's words (e.g. a bounce report). */
  internalNote?: boolean;
};

/** What the desk decided for one inbound message. */
export type ReceivedMessage = {
  ticketId: string;
  messageId: string;
  /** True when this message opened the ticket. */
  openedTicket: boolean;
  /** True when the externalId was already stored: nothing new was written. */
  duplicate: boolean;
};

/** A public reply on its way to the customer, on the channel the ticket came from. */
export type OutboundMessage = {
  workspaceId: string;
  ticketId: string;
  messageId: string;
  /** Where it goes: the customer's address on this channel. */
  to: InboundSender;
  subject: string | null;
  /** Markdown; each channel formats it for itself (HTML for email, plain text for SMS, chunks for chat). */
  body: string;
  /**
   * The id to send it under where the provider lets the sender choose one (an email's Message-ID),
   * so a retry after a crash is recognisable; providers that assign their own return it instead.
   */
  externalId: string;
  /** Provider ids of the earlier messages of this conversation, oldest first (for In-Reply-To/References). */
  threadIds: string[];
  attributes: Record<string, unknown> | null;
};

/**
 * `sent`: the provider accepted it (with its id for the message). `retryable`: try again later
 * (network, 5xx, rate limit). `rejected`: it will never go out as it is (bad address, outside a
 * provider's messaging window); the reason is shown to the agent.
 */
export type SendResult =
  | { status: "sent"; externalId: string }
  | { status: "retryable"; reason: string; retryAfterMs?: number }
  | { status: "rejected"; reason: string };

export type Channel = {
  channel: ChannelName;
  provider: string;
  send(message: OutboundMessage): Promise<SendResult>;
  /**
   * The id a reply goes out under, chosen once before the first attempt (an email's Message-ID);
   * without it the desk picks one. Providers that assign their own ids return them from `send`.
   */
  externalIdFor?(message: { workspaceId: string; ticketId: string; messageId: string }): string;
};

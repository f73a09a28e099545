import type { Customer } from "../customers/customer.ts";
import type { ChannelName } from "../snapshot/snapshot-schema.ts";
import type { Channel, InboundAttachment } from "./channel.ts";

/** A message the desk stored, found by the id its channel gave it. */
export type StoredMessageReference = { ticketId: string; messageId: string };

/** What channels look up in what the desk stored: messages by their channel ids, and senders by handle. */
export type ChannelDirectory = {
  byExternalId(workspaceId: string, externalId: string): Promise<StoredMessageReference | null>;
  /**
   * The tickets of the messages stored or sent under any of these ids (inbound ids, the ids our
   * replies went out under, and the ids providers gave our replies), in one query.
   */
  ticketsOf(workspaceId: string, externalIds: string[]): Promise<{ externalId: string; ticketId: string }[]>;
  /** The channel ids of a ticket's messages, oldest first (what a reply threads under). */
  conversationIds(workspaceId: string, ticketId: string): Promise<string[]>;
  /** The customer with this handle on this provider; a new one when nobody has it yet. */
  customerByHandle(
    workspaceId: string,
    handle: { provider: string; value: string },
    name: string | undefined,
  ): Promise<Customer>;
};

export type StoredAttachment = {
  id: string;
  ticketId: string;
  messageId: string;
  filename: string;
  contentType: string;
  size: number;
  createdAt: Date;
};

export type AttachmentStore = {
  /** Stores a message's files; storing the same message's files again changes nothing. */
  save(
    workspaceId: string,
    owner: { ticketId: string; messageId: string },
    files: InboundAttachment[],
    at: Date,
  ): Promise<StoredAttachment[]>;
  get(workspaceId: string, attachmentId: string): Promise<StoredAttachment | null>;
  content(workspaceId: string, attachmentId: string): Promise<Buffer | null>;
  listForTicket(workspaceId: string, ticketId: string): Promise<StoredAttachment[]>;
};

/** Where attachment bytes live (a local folder by default); keys are chosen by the store. */
export type AttachmentFiles = {
  write(key: string, content: Buffer): Promise<void>;
  read(key: string): Promise<Buffer | null>;
};

/** "sending": a worker holds a lease on it and is talking to the provider right now. */
export type DeliveryStatus = "pending" | "sending" | "sent" | "retrying" | "rejected" | "failed";

/** One public reply on its way out on a channel. */
export type Delivery = {
  workspaceId: string;
  messageId: string;
  ticketId: string;
  channel: ChannelName;
  provider: string;
  status: DeliveryStatus;
  attempts: number;
  /** Chosen before the first attempt; every retry goes out under it. */
  externalId: string;
  providerMessageId: string | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date | null;
  /** The attempt that holds the delivery while it is "sending"; null otherwise. */
  leaseOwner: string | null;
  /** When a "sending" delivery may be taken by another worker, unless its owner renews the lease first. */
  leaseUntil: Date | null;
};

/** Who claims a delivery, when, and until when the claim holds. */
export type DeliveryLease = { owner: string; at: Date; until: Date };

/** A delivery nobody is working on although it should be: its worker died, or its job was lost. */
export type StrandedDelivery = Pick<Delivery, "workspaceId" | "messageId" | "status" | "attempts">;

export type DeliveryOutcome =
  | { status: "sent"; providerMessageId: string | null }
  | { status: "retrying"; error: string; nextAttemptAt: Date }
  | { status: "rejected" | "failed"; error: string };

export type DeliveryStore = {
  /**
   * Records a delivery for a message and gives the message its external id, in one transaction.
   * Returns null when the message already has one (a reply is planned once).
   */
  create(
    delivery: Pick<Delivery, "workspaceId" | "messageId" | "ticketId" | "channel" | "provider" | "externalId">,
    at: Date,
  ): Promise<Delivery | null>;
  get(workspaceId: string, messageId: string): Promise<Delivery | null>;
  /**
   * Takes the delivery for one attempt, in one atomic step: when it is pending or retrying, or
   * "sending" under a lease that ran out by `lease.at`, it becomes "sending" under `lease` and its
   * attempts grow by one. Of several claimers exactly one gets the delivery; the others get null.
   */
  claim(workspaceId: string, messageId: string, lease: DeliveryLease): Promise<Delivery | null>;
  /** Extends the lease while its owner still holds it; false when it was lost (taken over or finished). */
  renewLease(workspaceId: string, messageId: string, owner: string, until: Date): Promise<boolean>;
  /**
   * Records an attempt's outcome only while `owner` still holds the lease; null when it does not
   * (another worker took the delivery over), and then nothing is written.
   */
  complete(
    workspaceId: string,
    messageId: string,
    owner: string,
    outcome: DeliveryOutcome,
    at: Date,
  ): Promise<Delivery | null>;
  /** Sets the outcome whoever holds the delivery: for facts learnt later, such as a bounce report. */
  finish(workspaceId: string, messageId: string, outcome: DeliveryOutcome, at: Date): Promise<Delivery>;
  /**
   * Deliveries to try again, oldest first, in every workspace: "sending" under a lease that ran out
   * by `at`, pending since before `idleBefore`, or retrying with an attempt due before `idleBefore`.
   */
  listStranded(query: { at: Date; idleBefore: Date; limit: number }): Promise<StrandedDelivery[]>;
  listForTicket(workspaceId: string, ticketId: string): Promise<Delivery[]>;
};

/** channel + provider → the Channel that sends on it (channels/registry.ts builds one). */
export type ChannelRegistry = {
  /** The channel for this provider, else the channel's default sender (e.g. SMTP for any email ticket). */
  find(channel: ChannelName, provider?: string | null): Channel | null;
};

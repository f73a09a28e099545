import type { AccountEvent, Customer, CustomerReference } from "./customers/customer.ts";
import type { CustomerMergePlan, CustomerMergeResult, TicketMergePlan, TicketMergeResult } from "./merge/merge.ts";
import type { AgentRole, ChannelName, Snapshot } from "./snapshot/snapshot-schema.ts";
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
  /** Only tickets with a running SLA target due at or before this (core/sla/ticket-due-time.ts). */
  slaDueBefore?: Date;
};

/** `newest`: newest first. `slaDue`: earliest SLA due time first, tickets without a running clock last (newest first). */
export type TicketOrder = "newest" | "slaDue";

export type Page<T> = { items: T[]; nextCursor: string | null };

export type TicketStore = {
  list(
    workspaceId: string,
    filter: TicketFilter,
    page: { limit: number; cursor?: string; order?: TicketOrder },
  ): Promise<Page<Ticket>>;
  get(workspaceId: string, ticketId: string): Promise<TicketDetail | null>;
  /** Stores the SLA due time the inbox sorts by, unless the ticket changed since it was read. */
  storeSlaDueTime(workspaceId: string, ticket: TicketDetail): Promise<void>;
  create(workspaceId: string, ticket: NewTicket, actor: string, at: Date): Promise<TicketDetail>;
  /**
   * `create` for a customer found by id, email or phone (as CustomerStore.resolve finds one) in
   * the same statement. Null, with nothing written, when no customer matches: resolve one, then `create`.
   */
  createForCustomer(
    workspaceId: string,
    customer: CustomerReference,
    ticket: Omit<NewTicket, "customerId">,
    actor: string,
    at: Date,
  ): Promise<TicketDetail | null>;
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
  /** null for the automation admin configured by RESPONDER_ADMIN_TOKEN, which is no agent. */
  agentId: string | null;
  role: AgentRole;
};

export type IssuedToken = { id: string; token: string; agentId: string; name: string };

export type AccessStore = {
  /** The principal a bearer token stands for, or null if it is unknown or revoked. */
  authenticate(token: string): Promise<Principal | null>;
  issueToken(workspaceId: string, agentId: string, name: string): Promise<IssuedToken>;
  revokeToken(workspaceId: string, tokenId: string): Promise<boolean>;
  /** The workspace's tokens, newest first; never their hashes. */
  listTokens(workspaceId: string): Promise<TokenSummary[]>;
};

export type TokenSummary = {
  id: string;
  name: string;
  agentId: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** One admin action as the audit log keeps it. */
export type AuditEntry = {
  /** An agent id, or "admin-token" for the RESPONDER_ADMIN_TOKEN principal, "local-cli" for a command run beside the desk, or "anonymous" for a failed sign-in. */
  actor: string;
  /** The route, e.g. "PUT /routing" or "DELETE /tokens/:id". */
  action: string;
  targetId: string | null;
  at: Date;
  requestId: string;
  /** The HTTP status the desk answered with. */
  status: number;
};

export type AuditStore = {
  record(workspaceId: string, entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(workspaceId: string, page: { limit: number; cursor?: string }): Promise<Page<AuditEntry>>;
};

export type CustomerStore = {
  /** The customer a reference names: by id, else by a known email or phone, else a new one. */
  resolve(workspaceId: string, reference: CustomerReference): Promise<Customer>;
  /** A new customer, without looking first; fails when one of its addresses already belongs to a customer. */
  create(workspaceId: string, reference: Omit<CustomerReference, "id">): Promise<Customer>;
  get(workspaceId: string, customerId: string): Promise<Customer | null>;
  list(workspaceId: string, query: { search?: string; limit: number; cursor?: string }): Promise<Page<Customer>>;
  accountEvents(workspaceId: string, customerId: string, limit: number): Promise<AccountEvent[]>;
};

export type Article = {
  id: string;
  title: string;
  /** Markdown. */
  body: string;
  tags: string[];
  /** Shown in the public help center; false for internal-only articles. */
  public: boolean;
  updatedAt: Date | null;
};

export type NewArticle = { id?: string; title: string; body: string; tags: string[]; public: boolean };

export type ArticlePatch = Partial<Pick<Article, "title" | "body" | "tags" | "public">>;

/** One saved state of an article; version 1 is the first the desk saw. */
export type ArticleVersion = {
  version: number;
  title: string;
  body: string;
  tags: string[];
  /** Who saved it ("agent:ID", "import", ...), null when unknown. */
  editedBy: string | null;
  createdAt: Date;
};

/** A listed article; `score` is the full-text rank when the list was a search, else null. */
export type ArticleListItem = Article & { score: number | null };

export type ArticleStore = {
  /** Newest first; with `search`, best match first (title matches outrank body matches). */
  list(
    workspaceId: string,
    query: { search?: string; tag?: string; public?: boolean; limit: number; cursor?: string },
  ): Promise<Page<ArticleListItem>>;
  get(workspaceId: string, articleId: string): Promise<Article | null>;
  /** Refuses (conflict) an id that is already taken. */
  create(workspaceId: string, article: NewArticle, at: Date, editedBy?: string): Promise<Article>;
  /** null when there is no such article. Every update keeps the new state as a version. */
  update(
    workspaceId: string,
    articleId: string,
    patch: ArticlePatch,
    at: Date,
    editedBy?: string,
  ): Promise<Article | null>;
  /** Newest first; an article the desk never saved (only imported) has none. */
  versions(workspaceId: string, articleId: string): Promise<ArticleVersion[]>;
  delete(workspaceId: string, articleId: string): Promise<boolean>;
};

export type KnownIssueStatus = "open" | "fix_in_progress" | "fixed";

/** A problem behind many tickets; `ticketCount` is how many tickets are linked to it. */
export type KnownIssue = {
  id: string;
  title: string;
  status: KnownIssueStatus;
  tags: string[];
  workaround: string | null;
  ticketCount: number;
};

export type KnownIssueDetail = KnownIssue & { ticketIds: string[] };

export type NewKnownIssue = {
  id?: string;
  title: string;
  status: KnownIssueStatus;
  tags: string[];
  workaround: string | null;
};

export type KnownIssuePatch = Partial<Pick<KnownIssue, "title" | "status" | "tags" | "workaround">>;

export type KnownIssueStore = {
  /** Newest first. */
  list(
    workspaceId: string,
    query: { status?: KnownIssueStatus[]; limit: number; cursor?: string },
  ): Promise<Page<KnownIssue>>;
  /** With the ids of the tickets linked to it (tickets.knownIssueId), oldest first. */
  get(workspaceId: string, knownIssueId: string): Promise<KnownIssueDetail | null>;
  /** Refuses (conflict) an id that is already taken. */
  create(workspaceId: string, issue: NewKnownIssue): Promise<KnownIssueDetail>;
  /** null when there is no such known issue. A status change is announced in the outbox. */
  update(workspaceId: string, knownIssueId: string, patch: KnownIssuePatch): Promise<KnownIssueDetail | null>;
};

export type Team = { id: string; name: string; escalatesTo: string | null };

export type BusinessHours = { days: string[]; start: string; end: string };

/** What the responder needs to know about a workspace: its clock, its hours and its teams. */
export type WorkspaceProfile = {
  id: string;
  name: string;
  timezone: string;
  businessHours: BusinessHours | null;
  /** As the workspace set them (spec/workspace-format.md); empty when it set none. */
  slaPolicies: Record<string, unknown>[];
  teams: Team[];
  /** Fields the desk does not model itself (the snapshot's unknown workspace fields), e.g. responder settings. */
  settings: Record<string, unknown>;
};

export type WorkspaceStore = {
  profile(workspaceId: string): Promise<WorkspaceProfile | null>;
  /** Sets top-level settings (e.g. `responder`), keeping the others; false when there is no such workspace. */
  updateSettings(workspaceId: string, settings: Record<string, unknown>): Promise<boolean>;
};

/** One ticket as the responder learns from it: its labels and the words that opened and answered it. */
export type TicketSummary = Pick<
  Ticket,
  "id" | "customerId" | "channel" | "status" | "subject" | "topic" | "tags" | "knownIssueId" | "teamId" | "createdAt"
> & {
  firstCustomerMessage: string | null;
  /** The last public reply by an agent or the responder: how the ticket was answered. */
  lastReply: string | null;
};

export type TicketHistory = {
  /** Newest first. */
  recent(workspaceId: string, limit: number): Promise<TicketSummary[]>;
  /** Changes whenever a ticket is created or changed, so what was learnt from `recent` can be cached. */
  stamp(workspaceId: string): Promise<string>;
};

/**
 * Durable background work and timers (SLA warnings, follow-ups, confirmation windows, sending
 * retries): a scheduled job survives a restart and runs once even with several desk processes.
 */
export type JobQueue = {
  /**
   * Schedules `name` with `payload` to run at `runAt` (now when absent). With a `singletonKey`, a
   * job of the same name and key that is still pending makes this a no-op (returns null).
   */
  schedule(
    name: string,
    payload: Record<string, unknown>,
    options?: { runAt?: Date; singletonKey?: string; retryLimit?: number },
  ): Promise<string | null>;
  /** Cancels a pending job; false when it already ran or does not exist. */
  cancel(name: string, jobId: string): Promise<boolean>;
};

/** A provider a workspace connected for a channel: a WhatsApp number, a page, a bot, a phone number, an API endpoint. */
export type ChannelAccount = {
  id: string;
  workspaceId: string;
  channel: ChannelName;
  /** Which adapter under channels/ speaks to it: "whatsapp", "messenger", "instagram", "telegram", "twilio", "api". */
  provider: string;
  name: string;
  /** What is not secret: a phone number id, a page id, the URL to deliver to, an API base URL. */
  settings: Record<string, string>;
  /** The names of the secrets it holds; their values never leave the desk through the API. */
  secretNames: string[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type ChannelAccountWithSecrets = ChannelAccount & { secrets: Record<string, string> };

export type NewChannelAccount = Pick<ChannelAccount, "channel" | "provider" | "name" | "settings" | "enabled"> & {
  secrets: Record<string, string>;
};

/** Absent fields stay; `settings` and `secrets` are merged key by key (an empty string removes a key). */
export type ChannelAccountPatch = Partial<Pick<ChannelAccount, "name" | "settings" | "enabled">> & {
  secrets?: Record<string, string>;
};

export type ChannelAccountStore = {
  /** Oldest first. */
  list(workspaceId: string): Promise<ChannelAccount[]>;
  get(workspaceId: string, accountId: string): Promise<ChannelAccount | null>;
  /** With its secrets, for checking a webhook's signature or sending; by id alone, as a webhook URL names no workspace. */
  load(accountId: string): Promise<ChannelAccountWithSecrets | null>;
  create(workspaceId: string, account: NewChannelAccount, at: Date): Promise<ChannelAccount>;
  update(workspaceId: string, accountId: string, patch: ChannelAccountPatch, at: Date): Promise<ChannelAccount | null>;
  delete(workspaceId: string, accountId: string): Promise<boolean>;
  /** When the customer last wrote on a ticket (a provider's messaging window counts from it); null if never. */
  lastCustomerMessageAt(workspaceId: string, ticketId: string): Promise<Date | null>;
  /** The external id of the newest message in a conversation (one customer on one account), or null. */
  lastConversationMessage(accountId: string, conversation: string): Promise<string | null>;
  /** Remembers a message as the conversation's newest, unless a newer one is already remembered. */
  rememberConversationMessage(accountId: string, conversation: string, externalId: string, at: Date): Promise<void>;
};

/** One delivery from a provider to a channel account's webhook URL, as it arrived. */
export type WebhookRequest = {
  method: "GET" | "POST";
  /** The path after `/webhook/` (e.g. "voice/status"), or null; "messages" for the generic API's inbound route. */
  event: string | null;
  /** The full URL the provider called, as it would have signed it. */
  url: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
};

export type WebhookReply = { status: number; contentType: string; body: string };

/** How one provider's webhooks are checked and turned into inbound messages (channels/<provider>/). */
export type ChannelWebhook = {
  provider: string;
  handle(request: WebhookRequest, account: ChannelAccountWithSecrets): Promise<WebhookReply>;
};

export type FollowUpStatus = "scheduled" | "done";

/** A promise to get back to the customer, and who keeps it. */
export type FollowUp = {
  id: string;
  ticketId: string;
  /** The agent reminded when it is due; null when nobody is (a responder promise on an unassigned ticket). */
  ownerId: string | null;
  dueAt: Date;
  status: FollowUpStatus;
  /** The sentence that made the promise, or what the agent wrote when setting it. */
  promise: string;
  sourceMessageId: string | null;
  createdBy: string;
  createdAt: Date;
  remindedAt: Date | null;
  doneAt: Date | null;
};

export type NewFollowUp = Pick<
  FollowUp,
  "ticketId" | "ownerId" | "dueAt" | "promise" | "sourceMessageId" | "createdBy"
>;

export type FollowUpStore = {
  /** Oldest first. */
  list(workspaceId: string, ticketId: string): Promise<FollowUp[]>;
  get(workspaceId: string, followUpId: string): Promise<FollowUp | null>;
  /** null when the source message already has its follow-up. */
  create(workspaceId: string, followUp: NewFollowUp, at: Date): Promise<FollowUp | null>;
  /** Records the reminder and tells the owner (a `follow_up.due` notification) in one transaction; null unless it was scheduled and not yet reminded. */
  markReminded(workspaceId: string, followUpId: string, at: Date): Promise<FollowUp | null>;
  /** null unless it was scheduled. */
  markDone(workspaceId: string, followUpId: string, at: Date): Promise<FollowUp | null>;
};

export type MergeStore = {
  /**
   * Locks both customers (in id order), lets `decide` plan from their current state, then moves
   * everything that names the merged customer to the survivor and deletes it, in one transaction.
   * not_found when either customer is missing from the workspace.
   */
  mergeCustomers(
    workspaceId: string,
    ids: { survivorId: string; mergedId: string },
    decide: (survivor: Customer, merged: Customer) => CustomerMergePlan,
  ): Promise<CustomerMergeResult>;
  /**
   * Locks both tickets (in id order), lets `decide` plan, then moves the merged ticket's messages,
   * attachments, deliveries and follow-ups to the survivor and closes it, in one transaction.
   */
  mergeTickets(
    workspaceId: string,
    ids: { survivorId: string; mergedId: string },
    decide: (survivor: Ticket, merged: Ticket) => TicketMergePlan,
  ): Promise<TicketMergeResult>;
};

/**
 * Wakes whoever follows the notifications outbox as soon as rows are committed, in this process or
 * another one on the same database. A hint only: a reader still reads the rows, and keeps a slow
 * poll for a signal that was lost (a dropped connection).
 */
export type OutboxSignal = {
  /** Calls `listener` after outbox rows are committed; resolves once listening, with a way to stop. */
  subscribe(listener: () => void): Promise<() => Promise<void>>;
};

/** A ticket that message search found, with its best-matching message. */
export type MessageSearchHit = {
  ticket: Ticket;
  messageId: string;
  at: Date;
  rank: number;
  /** The matching passage, HTML-escaped, with the matched words wrapped in `<mark>…</mark>`. */
  snippetHtml: string;
};

/** Full-text search over a workspace's messages. */
export type MessageSearch = {
  /**
   * Tickets whose messages match `query` (words, "a phrase", `or`, `-word`), best match first and
   * newest first on ties; one hit per ticket, for its best message.
   */
  search(workspaceId: string, query: string, page: { limit: number; cursor?: string }): Promise<Page<MessageSearchHit>>;
};

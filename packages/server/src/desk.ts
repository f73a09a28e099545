import { sql } from "drizzle-orm";
import { createProviderChannels, createProviderWebhooks } from "./channels/api/provider-channels.ts";
import { type ChatService, createChatService } from "./channels/chat/chat-service.ts";
import { createChannelRegistry } from "./channels/registry.ts";
import type { AutomationStore } from "./core/automation/automation-ports.ts";
import type { WebhookStore } from "./core/automation/webhooks.ts";
import type { BroadcastStore } from "./core/broadcasts/broadcast.ts";
import type { Channel } from "./core/channels/channel.ts";
import type {
  AttachmentFiles,
  AttachmentStore,
  ChannelDirectory,
  ChannelRegistry,
  DeliveryStore,
} from "./core/channels/channel-ports.ts";
import { type MessageReceiptStore, recordReceipt } from "./core/channels/message-receipts.ts";
import { type MessageAppender, receiveMessage } from "./core/channels/receive-message.ts";
import type { CsatStore } from "./core/csat/csat.ts";
import type { InteractionReportStore } from "./core/interaction-report/interaction-report.ts";
import type {
  AccessStore,
  ArticleStore,
  AuditStore,
  ChannelAccountStore,
  ChannelWebhook,
  Clock,
  CustomerStore,
  FollowUpStore,
  KnownIssueStore,
  MergeStore,
  MessageSearch,
  OutboxSignal,
  SnapshotStore,
  TicketHistory,
  TicketStore,
  WorkspaceStore,
} from "./core/ports.ts";
import type { RateLimitCounter } from "./core/rate-limits.ts";
import { ensureDefaultTiers, type NewTeam } from "./core/routing/default-tiers.ts";
import type { CredentialStore, SessionStore } from "./core/sign-in/sign-in-ports.ts";
import { type AgentQualityReports, createAgentQuality } from "./insights/agent-quality.ts";
import { sessionMinutes } from "./insights/article-health.ts";
import { type ArticleHealth, createArticleHealth } from "./insights/article-health-reports.ts";
import { type ArticleProposals, createArticleProposals } from "./insights/knowledge-loop/article-proposals.ts";
import { createOutreach, type Outreach } from "./insights/outreach/outreach.ts";
import { publicArticlesOnly } from "./insights/outreach/proactive-messages.ts";
import { createProductReports, type ProductReports } from "./insights/product-loop/product-reports.ts";
import { createReports, type Reports } from "./insights/reports.ts";
import { createJobRunner, type JobRunner } from "./jobs/job-runner.ts";
import { withSharedLimitPruning } from "./jobs/prune-shared-limits.ts";
import { jobDefinitions, notificationSubscribers } from "./jobs/registry.ts";
import { withStrandedDeliverySweeper } from "./jobs/stranded-delivery-sweeper.ts";
import { createKnowledgeCache } from "./responder/context/workspace-knowledge.ts";
import { createResponder, type ModelWriter, type Responder } from "./responder/responder.ts";
import { createArticleSearch } from "./responder/retrieval/article-search.ts";
import { scoreReply } from "./responder/review/reply-quality.ts";
import { assessMood } from "./responder/triage/mood.ts";
import { createAccessStore } from "./storage/access-store.ts";
import { type ArticleReadingStore, createArticleReadingStore } from "./storage/article-reading-store.ts";
import { createArticleStore } from "./storage/article-store.ts";
import { createFolderAttachmentFiles, createMemoryAttachmentFiles } from "./storage/attachment-files.ts";
import { createAttachmentStore } from "./storage/attachment-store.ts";
import { createAuditStore } from "./storage/audit-store.ts";
import { createAutomationStore } from "./storage/automation-store.ts";
import { createBroadcastStore } from "./storage/broadcast-store.ts";
import { createChannelAccountStore } from "./storage/channel-account-store.ts";
import { createCredentialStore } from "./storage/credential-store.ts";
import { createCsatStore } from "./storage/csat-store.ts";
import { createCustomerStore } from "./storage/customer-store.ts";
import type { DatabaseHandle } from "./storage/database.ts";
import { createDeliveryStore } from "./storage/delivery-store.ts";
import { createFollowUpStore } from "./storage/follow-up-store.ts";
import { createMessageAppender } from "./storage/inbound-append-store.ts";
import { createInteractionReportStore } from "./storage/interaction-report-store.ts";
import { createKnownIssueExportStore, type KnownIssueExportStore } from "./storage/known-issue-export-store.ts";
import { createKnownIssueStore } from "./storage/known-issue-store.ts";
import { createMergeStore } from "./storage/merge-store.ts";
import { createChannelDirectory } from "./storage/message-directory.ts";
import { createMessageReceiptStore } from "./storage/message-receipt-store.ts";
import { createMessageSearch } from "./storage/message-search.ts";
import { createOutboxSignal } from "./storage/outbox-signal.ts";
import * as schema from "./storage/schema.ts";
import { createServiceLevelStore, type ServiceLevelStore } from "./storage/service-level-store.ts";
import { createSessionStore } from "./storage/session-store.ts";
import { createAgentPresenceStore, createRateLimitWindows } from "./storage/shared-limits-store.ts";
import { fillMissingDueTimes } from "./storage/sla-due-store.ts";
import { createSnapshotStore } from "./storage/snapshot-store.ts";
import { createTicketHistory } from "./storage/ticket-history.ts";
import { createTicketStore } from "./storage/ticket-store.ts";
import { createWebhookStore } from "./storage/webhook-store.ts";
import { createWidgetStore, type WidgetStore } from "./storage/widget-store.ts";
import { createWorkspaceStore } from "./storage/workspace-store.ts";

/** The embedded desk has one workspace; a snapshot imported without naming one lands here. */
export const defaultWorkspaceId = "default";

export type Desk = {
  /** Where customers reach the desk; survey links start with it. */
  publicUrl: string;
  database: DatabaseHandle;
  clock: Clock;
  tickets: TicketStore;
  customers: CustomerStore;
  snapshots: SnapshotStore;
  access: AccessStore;
  /** Every admin action, sign-in and sign-out, token issued or revoked. */
  audit: AuditStore;
  articles: ArticleStore;
  knownIssues: KnownIssueStore;
  workspaces: WorkspaceStore;
  /** SLA policies, business hours and the reporting clock, as the settings page edits them. */
  serviceLevels: ServiceLevelStore;
  ticketHistory: TicketHistory;
  responder: Responder;
  reports: Reports;
  outreach: Outreach;
  agentQuality: AgentQualityReports;
  productReports: ProductReports;
  articleProposals: ArticleProposals;
  /** Durable jobs: schedule and cancel timers; `responder serve` starts its polling. */
  jobs: JobRunner;
  followUps: FollowUpStore;
  /** Senders of replies by channel and provider; empty unless channels are configured. */
  channels: ChannelRegistry;
  channelDirectory: ChannelDirectory;
  /** Providers a workspace connected (WhatsApp, Messenger, Instagram, Telegram, Twilio, API) and their webhooks. */
  channelAccounts: ChannelAccountStore;
  channelWebhooks: ChannelWebhook[];
  attachments: AttachmentStore;
  deliveries: DeliveryStore;
  credentials: CredentialStore;
  sessions: SessionStore;
  /** Live chat and in-app messaging through the widget, and agents' live connections. */
  chat: ChatService;
  widgets: WidgetStore;
  csat: CsatStore;
  interactionReports: InteractionReportStore;
  webhooks: WebhookStore;
  automation: AutomationStore;
  /** Merging two customers or two tickets into one. */
  merges: MergeStore;
  /** Wakes live feeds when outbox rows are committed, in every desk process on the database. */
  outboxSignal: OutboxSignal;
  /** Full-text search over messages. */
  messageSearch: MessageSearch;
  /** Messages to every customer a fixed known issue affected, sent on approval. */
  broadcasts: BroadcastStore;
  /** Public endpoints' rate-limit counters shared by the desk processes on a Postgres server; null on the embedded database (one process counts in memory). */
  rateLimits: RateLimitCounter | null;
  /** Help-center reads and ratings, and the knowledge-base health built on them. */
  articleReading: ArticleReadingStore;
  articleHealth: ArticleHealth;
  /** Known issues sent to an issue tracker and the links it answered with. */
  knownIssueExports: KnownIssueExportStore;
  /** Inbound messages that only join their ticket, in fewer statements. */
  messageAppender: MessageAppender;
  /** Delivery statuses providers report for sent replies (WhatsApp: sent, delivered, read, failed). */
  messageReceipts: MessageReceiptStore;
};

/** Wires the stores over one database; the only place that picks concrete adapters. */
export function createDesk(
  database: DatabaseHandle,
  clock: Clock = { now: () => new Date() },
  options: {
    model?: ModelWriter | null;
    channels?: readonly Channel[];
    attachmentFiles?: AttachmentFiles;
    /** Where customers reach the desk, e.g. https://support.example.com (links in survey messages). */
    publicUrl?: string | null;
  } = {},
): Desk {
  const { db } = database;
  const stores = {
    tickets: createTicketStore(db),
    customers: createCustomerStore(db),
    articles: createArticleStore(db),
    knownIssues: createKnownIssueStore(db),
    workspaces: createWorkspaceStore(db),
    serviceLevels: createServiceLevelStore(database),
    ticketHistory: createTicketHistory(db),
  };
  const knowledgeOf = createKnowledgeCache({ articles: stores.articles, ticketHistory: stores.ticketHistory });
  const publicArticleSearch = createArticleSearch(publicArticlesOnly(stores.articles));
  const reports = createReports(db, clock, { sideBySide: database.kind === "postgres" });
  const jobs = createJobRunner({
    database,
    clock,
    definitions: jobDefinitions,
    subscribers: notificationSubscribers,
    deps: () => desk,
  });
  const widgets = createWidgetStore(db);
  const articleReading = createArticleReadingStore(db, { sessionMinutes });
  const channelAccounts = createChannelAccountStore(db);
  const chat = createChatService(
    {
      conversations: widgets,
      clock,
      receive: (workspaceId, message) => receiveMessage({ workspaceId, message }, desk),
    },
    {
      emailFallback: () => desk.channels.find("email"),
      onError: (error) => process.stderr.write(`chat: a visitor's frame failed: ${String(error)}\n`),
      // Several desk processes share one Postgres server: presence and agent typing cross them.
      ...(database.kind === "postgres" ? { presence: createAgentPresenceStore(db) } : {}),
    },
  );
  const desk: Desk = {
    publicUrl: options.publicUrl ?? "http://localhost:3000",
    jobs: withSharedLimitPruning(
      withStrandedDeliverySweeper(withDefaultTiersAtStart(jobs, database), () => desk),
      () => desk,
    ),
    followUps: createFollowUpStore(db),
    database,
    clock,
    ...stores,
    snapshots: createSnapshotStore(db),
    access: createAccessStore(db, clock),
    audit: createAuditStore(db),
    credentials: createCredentialStore(db),
    sessions: createSessionStore(db, clock),
    reports,
    articleProposals: createArticleProposals(db, clock, { reports, ...stores }),
    agentQuality: createAgentQuality(db, clock, scoreReply),
    productReports: createProductReports(db, clock),
    outreach: createOutreach(
      db,
      clock,
      (input) => assessMood({ ...input, earlierContactsOnSameProblem: 0 }).frustration,
      (workspaceId, query) => publicArticleSearch.search(workspaceId, query, { limit: 1 }),
    ),
    responder: createResponder({ sources: { ...stores, knowledgeOf }, clock, model: options.model ?? null }),
    channels: createChannelRegistry([
      ...(options.channels ?? []),
      ...chat.channels,
      ...createProviderChannels({ accounts: channelAccounts, clock }),
    ]),
    channelAccounts,
    channelWebhooks: createProviderWebhooks({
      receive: (workspaceId, message) => receiveMessage({ workspaceId, message }, desk),
      receipts: (workspaceId, receipt) =>
        recordReceipt(
          { workspaceId, receipt, provider: "whatsapp" },
          { receipts: desk.messageReceipts, tickets: desk.tickets, deliveries: desk.deliveries, clock },
        ),
      conversations: channelAccounts,
      clock,
      tickets: stores.tickets,
    }),
    channelDirectory: createChannelDirectory(db),
    attachments: createAttachmentStore(db, options.attachmentFiles ?? defaultAttachmentFiles(database)),
    deliveries: createDeliveryStore(db),
    chat,
    widgets,
    csat: createCsatStore(db),
    interactionReports: createInteractionReportStore(db),
    webhooks: createWebhookStore(db),
    automation: createAutomationStore(db),
    merges: createMergeStore(db),
    outboxSignal: createOutboxSignal(database),
    messageSearch: createMessageSearch(db),
    broadcasts: createBroadcastStore(db),
    rateLimits: database.kind === "postgres" ? createRateLimitWindows(db) : null,
    articleReading,
    articleHealth: createArticleHealth(db, clock, articleReading),
    knownIssueExports: createKnownIssueExportStore(db),
    messageAppender: createMessageAppender(db),
    messageReceipts: createMessageReceiptStore(db),
  };
  return desk;
}

/** Attachments sit beside an embedded database; an in-memory one keeps them in memory. */
function defaultAttachmentFiles(database: DatabaseHandle): AttachmentFiles {
  if (database.kind === "pglite" && database.location !== "memory") {
    return createFolderAttachmentFiles(`${database.location}/attachments`);
  }
  return createMemoryAttachmentFiles();
}

/** Makes sure the default workspace exists, so a fresh desk answers before anything is imported. */
export async function ensureDefaultWorkspace(database: DatabaseHandle): Promise<void> {
  await database.db
    .insert(schema.workspaces)
    .values({ id: defaultWorkspaceId, name: "Support", timezone: "UTC" })
    .onConflictDoNothing();
}

export async function isWorkspaceEmpty(database: DatabaseHandle, workspaceId: string): Promise<boolean> {
  const result = await database.db.execute(
    sql`select not exists (select 1 from tickets where workspace_id = ${workspaceId})
         and not exists (select 1 from customers where workspace_id = ${workspaceId}) as empty`,
  );
  return Boolean((result as unknown as { rows: { empty: boolean }[] }).rows[0]?.empty);
}

/**
 * The serving process starts its job runner after the demo is loaded, so that is where a workspace
 * still without teams gets the default tiers: the demo's own teams are never mixed with them, and
 * one-shot commands and test desks (which never start the runner) are left as they are. It is also
 * where tickets stored before the inbox's SLA due-time column existed get theirs, once.
 */
function withDefaultTiersAtStart(jobs: JobRunner, database: DatabaseHandle): JobRunner {
  return {
    ...jobs,
    async start() {
      await ensureDefaultWorkspaceTiers(database, defaultWorkspaceId);
      await fillMissingDueTimes(database.db);
      await jobs.start();
    },
  };
}

/** Gives a workspace without teams the default tiers and routing (spec/service-levels.md); idempotent. */
export async function ensureDefaultWorkspaceTiers(database: DatabaseHandle, workspaceId: string): Promise<boolean> {
  const addTeams = async (id: string, teams: readonly NewTeam[]) => {
    await database.db
      .insert(schema.teams)
      .values(teams.map((team) => ({ ...team, workspaceId: id })))
      .onConflictDoNothing();
  };
  return ensureDefaultTiers({ workspaceId }, { workspaces: createWorkspaceStore(database.db), addTeams });
}

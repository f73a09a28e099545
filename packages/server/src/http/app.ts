import type { IncomingMessage, ServerResponse } from "node:http";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import fastifyWebsocket from "@fastify/websocket";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { ChatService } from "../channels/chat/chat-service.ts";
import type { AutomationStore } from "../core/automation/automation-ports.ts";
import type { WebhookStore } from "../core/automation/webhooks.ts";
import type { BroadcastStore } from "../core/broadcasts/broadcast.ts";
import type { AttachmentStore, DeliveryStore } from "../core/channels/channel-ports.ts";
import type { MessageReceiptStore } from "../core/channels/message-receipts.ts";
import type { CsatStore } from "../core/csat/csat.ts";
import type { InteractionReportStore } from "../core/interaction-report/interaction-report.ts";
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
  SnapshotStore,
  TicketStore,
  WorkspaceStore,
} from "../core/ports.ts";
import type { RateLimitCounter } from "../core/rate-limits.ts";
import type { CredentialStore, SessionStore } from "../core/sign-in/sign-in-ports.ts";
import type { AgentQualityReports } from "../insights/agent-quality.ts";
import type { ArticleHealth } from "../insights/article-health-reports.ts";
import type { ArticleProposals } from "../insights/knowledge-loop/article-proposals.ts";
import type { Outreach } from "../insights/outreach/outreach.ts";
import type { ProductReports } from "../insights/product-loop/product-reports.ts";
import type { Reports } from "../insights/reports.ts";
import type { JobRunner } from "../jobs/job-runner.ts";
import { registerMcpRoutes } from "../mcp/mcp-route.ts";
import type { Responder } from "../responder/responder.ts";
import type { ArticleReadingStore } from "../storage/article-reading-store.ts";
import type { DatabaseHandle } from "../storage/database.ts";
import type { KnownIssueExportStore } from "../storage/known-issue-export-store.ts";
import type { ServiceLevelStore } from "../storage/service-level-store.ts";
import { registerAuditHook } from "./audit-hook.ts";
import { createAuthenticator } from "./auth.ts";
import { handleError } from "./error-handler.ts";
import { trackRoutes } from "./route-table.ts";
import { registerArticleHealthRoutes } from "./routes/article-health.ts";
import { registerArticleRoutes } from "./routes/articles.ts";
import { registerAttachmentRoutes } from "./routes/attachments.ts";
import { registerAuditLogRoutes } from "./routes/audit-log.ts";
import { registerBroadcastRoutes } from "./routes/broadcasts.ts";
import { registerChannelAccountRoutes } from "./routes/channel-accounts.ts";
import { registerChannelWebhookRoutes } from "./routes/channel-webhooks.ts";
import { registerCsatRoutes } from "./routes/csat.ts";
import { registerCustomerRoutes } from "./routes/customers.ts";
import { registerDeliveryRoutes } from "./routes/deliveries.ts";
import { registerDraftRoutes } from "./routes/drafts.ts";
import { registerEscalationRoutes } from "./routes/escalations.ts";
import { registerFollowUpRoutes } from "./routes/follow-ups.ts";
import { registerHealthRoutes } from "./routes/health.ts";
import { registerHelpCenterRoutes } from "./routes/help-center.ts";
import { registerInteractionReportRoutes } from "./routes/interaction-reports.ts";
import { registerJobRoutes } from "./routes/jobs.ts";
import { registerKnowledgeProposalRoutes } from "./routes/knowledge-proposals.ts";
import { registerKnownIssueExportRoutes } from "./routes/known-issue-export.ts";
import { registerKnownIssueRoutes } from "./routes/known-issues.ts";
import { type OutboxReader, registerLiveRoutes } from "./routes/live.ts";
import { registerMacroRoutes } from "./routes/macros.ts";
import { registerMergeRoutes } from "./routes/merges.ts";
import { registerOutreachRoutes } from "./routes/outreach.ts";
import { registerReportRoutes } from "./routes/reports.ts";
import { registerRoutingRoutes } from "./routes/routing.ts";
import { registerSearchRoutes } from "./routes/search.ts";
import { registerServiceLevelRoutes } from "./routes/service-levels.ts";
import { registerSessionRoutes } from "./routes/session.ts";
import { registerSnapshotRoutes } from "./routes/snapshot.ts";
import { registerTeamRoutes } from "./routes/teams.ts";
import { registerTicketRoutes } from "./routes/tickets.ts";
import { registerTokenRoutes } from "./routes/tokens.ts";
import { registerTriggerRoutes } from "./routes/triggers.ts";
import { registerWebAppRoutes } from "./routes/web-app.ts";
import { registerWebhookRoutes } from "./routes/webhooks.ts";
import { registerWidgetPublicRoutes, registerWidgetRoutes, type WidgetSettingsStore } from "./routes/widget.ts";

export type HttpDeps = {
  /** CSAT surveys, interaction reports, webhooks and automation; without them those routes are absent. */
  csat: CsatStore;
  interactionReports: InteractionReportStore;
  webhooks: WebhookStore;
  automation: AutomationStore;
  /** The workspace of the RESPONDER_ADMIN_TOKEN principal (the embedded desk has one). */
  defaultWorkspaceId: string;
  tickets: TicketStore;
  customers: CustomerStore;
  snapshots: SnapshotStore;
  access: AccessStore;
  /** The audit log: every admin action, sign-in and sign-out is recorded through one hook. */
  audit: AuditStore;
  articles: ArticleStore;
  knownIssues: KnownIssueStore;
  /** Broadcasts to the customers of fixed known issues. */
  broadcasts: BroadcastStore;
  responder: Responder;
  reports: Reports;
  outreach: Outreach;
  agentQuality: AgentQualityReports;
  productReports: ProductReports;
  articleProposals: ArticleProposals;
  /** Durable jobs: listed by GET /jobs; routes schedule timers through it. */
  jobs: JobRunner;
  followUps: FollowUpStore;
  workspaces: WorkspaceStore;
  serviceLevels: ServiceLevelStore;
  /** Full-text search over messages, for GET /search. */
  messageSearch: MessageSearch;
  clock: Clock;
  adminToken?: string;
  /** Also accepted as an admin token: the serving desk's per-run secret for the local command line. */
  localAdminToken?: string;
  /** True once migrations ran and every configured listener is up. */
  isReady: () => boolean;
  /** Health asks it for one trivial query, so a desk that lost its database says so. */
  database: DatabaseHandle;
  logger?: boolean;
  /** Sign-in for the web app; without them only API tokens work. */
  credentials?: CredentialStore;
  sessions?: SessionStore;
  /** The built web app (index.html and assets/); defaults to packages/web/dist. */
  webAppDirectory?: string;
  attachments: AttachmentStore;
  deliveries: DeliveryStore;
  /** Largest snapshot POST /import accepts, in bytes. */
  importLimitBytes?: number;
  /** The chat widget, its visitors' socket and the agents' live updates; without them those routes are absent. */
  chat: ChatService;
  /** Connected providers (social, phone/SMS, API) and their webhook handlers; without them those routes are absent. */
  channelAccounts: ChannelAccountStore;
  channelWebhooks: readonly ChannelWebhook[];
  widgets: WidgetSettingsStore & OutboxReader;
  /** Merging customers and tickets; without it those routes are absent. */
  merges: MergeStore;
  /** Rate-limit counters shared by the desk processes on one database; without them each process counts alone. */
  rateLimits?: RateLimitCounter | null;
  /** Help-center reads and ratings, and the knowledge-base health built on them. */
  articleReading: ArticleReadingStore;
  articleHealth: ArticleHealth;
  /** Known issues sent to an issue tracker and the links it answered with. */
  knownIssueExports: KnownIssueExportStore;
  /** Where people reach the desk; links in exported known issues start with it. */
  publicUrl?: string;
  /** Delivery statuses of sent replies, shown on the ticket's messages; without it they show none. */
  messageReceipts?: MessageReceiptStore;
};

export type HttpApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export async function buildApp(deps: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ? { level: "info" } : false,
    bodyLimit: 2 * 1024 * 1024,
    // One id per request in logs, never echoing a client-provided one.
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ code: "not_found", message: `There is no route ${request.method} ${request.url.split("?")[0]}.` }),
  );
  app.decorateRequest("principal", null);
  app.decorate("sharedRateLimits", deps.rateLimits ?? null);
  trackRoutes(app);
  registerAuditHook(app, deps);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Support Responder API",
        version: "1",
        description: "The desk's HTTP API. Send `Authorization: Bearer <token>`; errors are `{ code, message }`.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/v1/docs" });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  const authenticate = createAuthenticator({
    access: deps.access,
    adminToken: deps.adminToken,
    localAdminToken: deps.localAdminToken,
    defaultWorkspaceId: deps.defaultWorkspaceId,
    sessions: deps.sessions,
  });

  await app.register(
    async (plugin) => {
      const api = plugin.withTypeProvider<ZodTypeProvider>();
      api.addHook("onRequest", authenticate);
      registerHealthRoutes(api, deps);
      registerJobRoutes(api, deps);
      registerFollowUpRoutes(api, deps);
      registerEscalationRoutes(api, deps);
      registerRoutingRoutes(api, deps);
      registerTeamRoutes(api, deps);
      registerServiceLevelRoutes(api, deps);
      registerTicketRoutes(api, deps);
      registerAttachmentRoutes(api, deps);
      registerDeliveryRoutes(api, deps);
      registerCustomerRoutes(api, deps);
      registerMergeRoutes(api, deps);
      registerSnapshotRoutes(api, deps);
      registerArticleRoutes(api, deps);
      registerKnownIssueRoutes(api, deps);
      registerBroadcastRoutes(api, deps);
      registerKnownIssueExportRoutes(api, deps);
      registerArticleHealthRoutes(api, deps);
      registerDraftRoutes(api, deps);
      registerReportRoutes(api, deps);
      registerOutreachRoutes(api, deps);
      registerKnowledgeProposalRoutes(api, deps);
      registerWidgetRoutes(api, { ...deps, widgetSettings: deps.widgets });
      registerSessionRoutes(api, deps);
      registerSearchRoutes(api, deps);
      registerInteractionReportRoutes(api, deps);
      registerWebhookRoutes(api, deps);
      registerMacroRoutes(api, deps);
      registerTriggerRoutes(api, deps);
      registerChannelAccountRoutes(api, deps);
      registerChannelWebhookRoutes(api, deps);
      registerTokenRoutes(api, deps);
      registerAuditLogRoutes(api, deps);
      api.get("/openapi.json", { config: { access: "public" }, schema: { hide: true } }, () => app.swagger());
    },
    { prefix: "/api/v1" },
  );
  await registerHelpCenterRoutes(app, deps);
  await registerCsatRoutes(app, deps);
  registerWebAppRoutes(app, deps);
  registerWidgetPublicRoutes(app, { ...deps, widgetSettings: deps.widgets });
  await registerLiveRoutes(app, { ...deps, outbox: deps.widgets });
  registerMcpRoutes(app);
  return app;
}

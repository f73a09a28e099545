import type { IncomingMessage, ServerResponse } from "node:http";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type {
  AccessStore,
  ArticleStore,
  Clock,
  CustomerStore,
  KnownIssueStore,
  SnapshotStore,
  TicketStore,
  WorkspaceStore,
} from "../core/ports.ts";
import type { Reports } from "../insights/reports.ts";
import type { Responder } from "../responder/responder.ts";
import { createAuthenticator } from "./auth.ts";
import { handleError } from "./error-handler.ts";
import { registerArticleRoutes } from "./routes/articles.ts";
import { registerCustomerRoutes } from "./routes/customers.ts";
import { registerDraftRoutes } from "./routes/drafts.ts";
import { registerHealthRoutes } from "./routes/health.ts";
import { registerKnownIssueRoutes } from "./routes/known-issues.ts";
import { registerReportRoutes } from "./routes/reports.ts";
import { registerSnapshotRoutes } from "./routes/snapshot.ts";
import { registerTicketRoutes } from "./routes/tickets.ts";

export type HttpDeps = {
  /** The workspace of the RESPONDER_ADMIN_TOKEN principal (the embedded desk has one). */
  defaultWorkspaceId: string;
  tickets: TicketStore;
  customers: CustomerStore;
  snapshots: SnapshotStore;
  access: AccessStore;
  articles: ArticleStore;
  knownIssues: KnownIssueStore;
  responder: Responder;
  reports: Reports;
  workspaces: WorkspaceStore;
  clock: Clock;
  adminToken?: string;
  /** True once migrations ran and every configured listener is up. */
  isReady: () => boolean;
  logger?: boolean;
  /** Largest snapshot POST /import accepts, in bytes. */
  importLimitBytes?: number;
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

  const authenticate = createAuthenticator({
    access: deps.access,
    adminToken: deps.adminToken,
    defaultWorkspaceId: deps.defaultWorkspaceId,
  });

  await app.register(
    async (plugin) => {
      const api = plugin.withTypeProvider<ZodTypeProvider>();
      api.addHook("onRequest", authenticate);
      registerHealthRoutes(api, deps);
      registerTicketRoutes(api, deps);
      registerCustomerRoutes(api, deps);
      registerSnapshotRoutes(api, deps);
      registerArticleRoutes(api, deps);
      registerKnownIssueRoutes(api, deps);
      registerDraftRoutes(api, deps);
      registerReportRoutes(api, deps);
      api.get("/openapi.json", { config: { access: "public" }, schema: { hide: true } }, () => app.swagger());
    },
    { prefix: "/api/v1" },
  );
  return app;
}

/**
 * Who may call each route, written down independently of the routes' own `config.access`, so the
 * access matrix test checks the app against it. A route the app registers without a row here fails
 * that test: add the row with the access you mean.
 *
 * - public: anyone, with or without a token (pages, the widget script, health, sign-in forms).
 * - agent: any agent token or session of the workspace; admins too.
 * - admin: admins of the workspace only.
 * - own-secret: public, but it answers only to the route's own secret (a survey token, a provider's
 *   signature); no API token of any role stands in for it.
 */
export type ExpectedAccess = "public" | "agent" | "admin" | "own-secret";

export const expectedAccess: Readonly<Record<string, ExpectedAccess>> = {
  // The agent app, its assets and the API's documentation.
  "GET /": "public",
  "GET /*": "public",
  "GET /assets/*": "public",
  "GET /api/v1/docs": "public",
  "GET /api/v1/docs/static/index.html": "public",
  "GET /api/v1/docs/static/swagger-initializer.js": "public",
  "GET /api/v1/docs/json": "public",
  "GET /api/v1/docs/yaml": "public",
  "GET /api/v1/docs/static/*": "public",
  "GET /api/v1/openapi.json": "public",
  "GET /api/v1/health": "public",

  // Signing in and out.
  "GET /api/v1/session/setup": "public",
  "POST /api/v1/session/first-admin": "public",
  "POST /api/v1/session": "public",
  "DELETE /api/v1/session": "public",
  "GET /api/v1/session": "agent",
  "GET /api/v1/agents": "agent",

  // Tickets and their parts.
  "GET /api/v1/tickets": "agent",
  "POST /api/v1/tickets": "agent",
  "GET /api/v1/tickets/:id": "agent",
  "PATCH /api/v1/tickets/:id": "agent",
  "POST /api/v1/tickets/:id/messages": "agent",
  "GET /api/v1/tickets/:id/attachments": "agent",
  "GET /api/v1/attachments/:id": "agent",
  "GET /api/v1/tickets/:id/deliveries": "agent",
  "GET /api/v1/tickets/:id/follow-ups": "agent",
  "POST /api/v1/tickets/:id/follow-ups": "agent",
  "POST /api/v1/tickets/:id/follow-ups/:followUpId/done": "agent",
  "POST /api/v1/tickets/:id/escalate": "agent",
  "POST /api/v1/tickets/:id/merge": "agent",
  "POST /api/v1/tickets/:id/draft": "agent",
  "POST /api/v1/tickets/:id/auto-reply": "agent",
  "POST /api/v1/tickets/:id/macros/:macroId": "agent",
  "GET /api/v1/tickets/:id/interaction-report": "agent",
  "GET /api/v1/inbox": "agent",
  "GET /api/v1/search": "agent",

  // Customers.
  "GET /api/v1/customers": "agent",
  "GET /api/v1/customers/:id": "agent",
  "POST /api/v1/customers/:id/merge": "agent",

  // Knowledge.
  "GET /api/v1/articles": "agent",
  "POST /api/v1/articles": "agent",
  "GET /api/v1/articles/:id": "agent",
  "PATCH /api/v1/articles/:id": "agent",
  "DELETE /api/v1/articles/:id": "admin",
  "GET /api/v1/articles/:id/versions": "agent",
  "GET /api/v1/known-issues": "agent",
  "POST /api/v1/known-issues": "agent",
  "GET /api/v1/known-issues/:id": "agent",
  "PATCH /api/v1/known-issues/:id": "agent",
  "POST /api/v1/known-issues/:id/export": "admin",
  "GET /api/v1/broadcasts": "agent",
  "GET /api/v1/broadcasts/:id": "agent",
  "POST /api/v1/broadcasts/:id/approve": "admin",
  "POST /api/v1/broadcasts/:id/cancel": "admin",
  "GET /api/v1/knowledge/proposals": "agent",
  "POST /api/v1/knowledge/proposals": "agent",
  "POST /api/v1/knowledge/proposals/:id/accept": "agent",
  "POST /api/v1/knowledge/proposals/:id/dismiss": "agent",

  // Reports and insights.
  "GET /api/v1/reports/monthly": "agent",
  "GET /api/v1/reports/topics": "agent",
  "POST /api/v1/topics/keep": "agent",
  "GET /api/v1/reports/agent-quality": "agent",
  "GET /api/v1/reports/product": "agent",
  "GET /api/v1/reports/article-health": "agent",
  "GET /api/v1/outreach/at-risk": "agent",
  "GET /api/v1/outreach/proactive": "agent",
  "POST /api/v1/outreach/proactive/send": "agent",

  // Workspace configuration: read by agents where the inbox needs it, changed by admins.
  "GET /api/v1/routing": "agent",
  "PUT /api/v1/routing": "admin",
  "GET /api/v1/teams": "agent",
  "GET /api/v1/service-levels": "agent",
  "PUT /api/v1/service-levels": "admin",
  "PUT /api/v1/teams/:teamId/auto-assignment": "admin",
  "GET /api/v1/responder/autonomy": "agent",
  "PUT /api/v1/responder/autonomy": "admin",
  "GET /api/v1/macros": "agent",
  "GET /api/v1/macros/:id": "agent",
  "POST /api/v1/macros": "admin",
  "PATCH /api/v1/macros/:id": "admin",
  "DELETE /api/v1/macros/:id": "admin",
  "GET /api/v1/triggers": "agent",
  "GET /api/v1/triggers/:id": "agent",
  "POST /api/v1/triggers": "admin",
  "PATCH /api/v1/triggers/:id": "admin",
  "DELETE /api/v1/triggers/:id": "admin",
  "GET /api/v1/webhooks": "admin",
  "POST /api/v1/webhooks": "admin",
  "GET /api/v1/webhooks/:id": "admin",
  "PATCH /api/v1/webhooks/:id": "admin",
  "DELETE /api/v1/webhooks/:id": "admin",
  "GET /api/v1/webhooks/:id/deliveries": "admin",
  "GET /api/v1/channels": "admin",
  "POST /api/v1/channels": "admin",
  "GET /api/v1/channels/:id": "admin",
  "PATCH /api/v1/channels/:id": "admin",
  "DELETE /api/v1/channels/:id": "admin",
  "GET /api/v1/widget/settings": "admin",
  "POST /api/v1/widget/settings/rotate-secret": "admin",
  "GET /api/v1/jobs": "admin",
  "GET /api/v1/export": "admin",
  "POST /api/v1/import": "admin",
  "GET /api/v1/tokens": "admin",
  "POST /api/v1/tokens": "admin",
  "DELETE /api/v1/tokens/:id": "admin",
  "GET /api/v1/audit-log": "admin",

  // Providers' webhooks: each checks the provider's own signature or verify token.
  "GET /api/v1/channels/:id/webhook": "own-secret",
  "POST /api/v1/channels/:id/webhook": "own-secret",
  "POST /api/v1/channels/:id/webhook/*": "own-secret",
  "POST /api/v1/channels/:id/messages": "own-secret",

  // The public help center and the one-click satisfaction survey.
  "GET /help": "public",
  "GET /help/search": "public",
  "GET /help/articles/:id": "public",
  "POST /help/contact": "public",
  "GET /help/reading.js": "public",
  "POST /help/reading": "public",
  "POST /help/articles/:id/rating": "public",
  "GET /csat/:token": "own-secret",
  "POST /csat/:token": "own-secret",

  // The widget: its script, and the visitors' socket (a visitor proves who they are inside it).
  "GET /widget.js": "public",
  "GET /widget/socket": "public",
  // The agents' live updates (a WebSocket).
  "GET /api/v1/live": "agent",

  // The MCP server: any agent token; its tools go through the API's own checks.
  "GET /mcp": "agent",
  "POST /mcp": "agent",
  "DELETE /mcp": "agent",
};

/** Rows for routes that only some desks register; the matrix does not miss them when absent. */
export const optionalRoutes: ReadonlySet<string> = new Set(["GET /mcp", "POST /mcp", "DELETE /mcp"]);

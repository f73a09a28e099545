import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createClient, type DeskClient, isDeskApiError } from "@support-responder/client";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { injectFetch } from "../http/inject-fetch.ts";
import { createDeskMcpServer } from "./desk-tools.ts";

export const mcpPath = "/mcp";

/**
 * The desk's MCP server over streamable HTTP at /mcp. Stateless: every request carries the caller's
 * `Authorization: Bearer` token, and the tools call the API in process with that token, so the
 * API's own checks (role, workspace) decide what the caller sees.
 */
export function registerMcpRoutes(app: FastifyInstance): void {
  /** The caller's client, or null once the refusal is sent: no token, or one the API does not accept. */
  async function clientFor(request: FastifyRequest, reply: FastifyReply): Promise<DeskClient | null> {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
    if (!token) {
      await reply
        .status(401)
        .header("www-authenticate", "Bearer")
        .send({ code: "unauthorized", message: "Send an API token as `Authorization: Bearer <token>`." });
      return null;
    }
    const client = createClient({ token, fetch: injectFetch(app) });
    try {
      await client.session.get();
      return client;
    } catch (error) {
      if (!isDeskApiError(error)) throw error;
      await reply
        .status(error.status >= 400 ? error.status : 503)
        .header("www-authenticate", "Bearer")
        .send({ code: error.code, message: error.message });
      return null;
    }
  }

  app.post(mcpPath, { config: { access: "agent" }, schema: { hide: true } }, async (request, reply) => {
    const client = await clientFor(request, reply);
    if (!client) return reply;
    const server = createDeskMcpServer(client);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    reply.hijack();
    reply.raw.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request.raw, reply.raw, request.body);
  });

  // Stateless: no session to end, and no server-initiated stream (the transport would hold a GET open for nothing).
  const notAllowed = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!(await clientFor(request, reply))) return reply;
    return reply
      .status(405)
      .header("allow", "POST")
      .send({
        jsonrpc: "2.0",
        error: { code: -32000, message: "This MCP server is stateless: send every request as a POST." },
        id: null,
      });
  };
  app.get(mcpPath, { config: { access: "agent" }, schema: { hide: true } }, notAllowed);
  app.delete(mcpPath, { config: { access: "agent" }, schema: { hide: true } }, notAllowed);
}

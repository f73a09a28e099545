import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createClient, type DeskClient, isDeskApiError } from "@support-responder/client";
import { loadSettings } from "../config/config.ts";
import { DeskError } from "../core/errors.ts";
import { createDesk, defaultWorkspaceId, ensureDefaultWorkspace } from "../desk.ts";
import { buildApp } from "../http/app.ts";
import { injectFetch } from "../http/inject-fetch.ts";
import { createModelWriter } from "../responder/model-writer.ts";
import { openDatabase } from "../storage/database.ts";
import { createDeskMcpServer } from "./desk-tools.ts";

export type McpCommandOptions = {
  /** A running desk to talk to over HTTP; without it the database is opened here. */
  url?: string;
  token?: string;
  dataDir?: string;
};

/**
 * `responder mcp`: the desk's MCP tools on stdin/stdout. stdout carries only the protocol; notices go
 * to stderr. Resolves when the client closes stdin (or on SIGINT/SIGTERM), after closing the database.
 */
export async function runMcpCommand(options: McpCommandOptions): Promise<void> {
  if (!options.token) {
    throw new DeskError(
      "invalid_input",
      "responder mcp needs an API token: pass --token or set RESPONDER_TOKEN (create one with `responder token create --agent ID`).",
    );
  }
  let closeDesk = async () => {};
  let client: DeskClient;
  if (options.url) {
    client = createClient({ baseUrl: options.url, token: options.token });
  } else {
    const settings = loadSettings({ dataDir: options.dataDir, purpose: "responder mcp" });
    const database = await openDatabase(settings.database);
    await ensureDefaultWorkspace(database);
    // The job runner stays off as in every command but serve: timers scheduled here run in the serving desk.
    const desk = createDesk(database, undefined, {
      model: settings.model ? createModelWriter(settings.model) : null,
    });
    const app = await buildApp({
      ...desk,
      defaultWorkspaceId,
      adminToken: settings.adminToken,
      isReady: () => true,
      logger: false,
    });
    await app.ready();
    client = createClient({ token: options.token, fetch: injectFetch(app) });
    closeDesk = async () => {
      await app.close();
      await desk.jobs.stop();
      await database.close();
    };
  }

  try {
    await client.session.get();
  } catch (error) {
    await closeDesk();
    if (isDeskApiError(error) && error.status === 401) throw new DeskError("invalid_input", error.message);
    if (isDeskApiError(error)) throw new DeskError("unavailable", error.message);
    throw error;
  }

  const server = createDeskMcpServer(client);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    process.stdin.once("end", resolve);
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await server.connect(transport);
  process.stderr.write(`Support Responder MCP server on stdio (${options.url ?? "embedded database"}).\n`);
  await closed;
  await server.close();
  await closeDesk();
}

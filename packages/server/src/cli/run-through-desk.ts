import path from "node:path";
import { createClient, type DeskClient, type Fetch, isDeskApiError } from "@support-responder/client";
import type { z } from "zod";
import { DeskError, type DeskErrorCode, isDeskError } from "../core/errors.ts";
import type { AccessStore, ArticleStore, SnapshotStore } from "../core/ports.ts";
import type { Snapshot } from "../core/snapshot/snapshot-schema.ts";
import { reportSchema } from "../insights/report-schema.ts";
import type { Reports } from "../insights/reports.ts";
import { draftSchema } from "../responder/draft.ts";
import type { Responder } from "../responder/responder.ts";
import type { DatabaseSettings } from "../storage/database.ts";
import { findRunningDesk } from "./desk-address.ts";

/** The parts of a desk the one-shot commands use; a desk opened here and one reached over HTTP both give them. */
export type CommandDesk = {
  snapshots: SnapshotStore;
  access: Pick<AccessStore, "issueToken" | "listTokens" | "revokeToken">;
  responder: Responder;
  reports: Reports;
  articles: Pick<ArticleStore, "list">;
};

const deskErrorCodes: readonly DeskErrorCode[] = [
  "invalid_input",
  "not_found",
  "conflict",
  "invalid_transition",
  "unauthorized",
  "forbidden",
  "database_busy",
  "unavailable",
  "internal",
];
// The article route's largest page.
const articlePageLimit = 200;

/**
 * Called when opening the database failed. When the embedded folder is held by a running desk that
 * published its address, the command goes through that desk instead; otherwise the refusal stands
 * (`refusal` is thrown again): no address file, a stale one, or any other failure.
 */
export async function reachRunningDesk(
  database: DatabaseSettings,
  refusal: unknown,
  deps: { log: (line: string) => void; fetch?: Fetch; isRunning?: (pid: number) => boolean },
): Promise<CommandDesk> {
  if (!isDeskError(refusal) || refusal.code !== "database_busy" || database.kind !== "pglite") throw refusal;
  const address = await findRunningDesk(path.resolve(database.dataDir), deps.isRunning);
  if (!address) throw refusal;
  deps.log(`(through the desk running at ${address.url})`);
  return createDeskOverHttp(createClient({ baseUrl: address.url, token: address.token, fetch: deps.fetch }));
}

/** The commands' desk over the HTTP API: the same answers, so each command prints what it prints on a stopped desk. */
export function createDeskOverHttp(client: DeskClient): CommandDesk {
  // The workspace is the caller's: the desk's local admin secret acts in the default workspace.
  return {
    snapshots: {
      importSnapshot: (_workspaceId, snapshot) => importThroughDesk(client, snapshot),
      exportSnapshot: () => translated(async () => (await client.export()) as Snapshot),
    },
    access: {
      issueToken: (_workspaceId, agentId, name) =>
        translated(async () => {
          const issued = await client.request("POST /tokens", { body: { agentId, name } });
          return { id: issued.id, token: issued.token, agentId: issued.agentId, name: issued.name };
        }),
      listTokens: () =>
        translated(async () =>
          (await client.request("GET /tokens")).tokens.map((token) => ({
            id: token.id,
            name: token.name,
            agentId: token.agentId,
            createdAt: new Date(token.createdAt),
            lastUsedAt: token.lastUsedAt === null ? null : new Date(token.lastUsedAt),
            revokedAt: token.revokedAt === null ? null : new Date(token.revokedAt),
          })),
        ),
      revokeToken: (_workspaceId, tokenId) =>
        translated(async () => {
          try {
            await client.request("DELETE /tokens/{id}", { params: { id: tokenId } });
            return true;
          } catch (error) {
            if (isDeskApiError(error) && error.status === 404) return false;
            throw error;
          }
        }),
    },
    responder: {
      draft: (_workspaceId, ticketId) =>
        translated(async () => checked(draftSchema, await client.tickets.draft(ticketId), "draft")),
    },
    reports: {
      monthly: (_workspaceId, month) =>
        translated(async () => checked(reportSchema, await client.reports.monthly(month), "report")),
      monthlyCsv: (_workspaceId, month) => translated(() => client.reports.monthlyCsv(month)),
      monthlyMarkdown: (_workspaceId, month) => translated(() => client.reports.monthlyMarkdown(month)),
      // No command asks for it, and the route answers a summary (counts) rather than the ticket ids.
      discoveredTopics: () =>
        Promise.reject(
          new DeskError("unavailable", "Topic discovery is on the running desk at GET /api/v1/reports/topics."),
        ),
    },
    articles: {
      list: (_workspaceId, query) =>
        translated(async () => {
          const page = await client.request("GET /articles", {
            query: {
              search: query.search,
              tag: query.tag,
              public: query.public === undefined ? undefined : query.public ? "true" : "false",
              limit: Math.min(query.limit, articlePageLimit),
              cursor: query.cursor,
            },
          });
          return {
            items: page.articles.map((article) => ({
              ...article,
              updatedAt: article.updatedAt === null ? null : new Date(article.updatedAt),
            })),
            nextCursor: page.nextCursor,
          };
        }),
    },
  };
}

async function importThroughDesk(
  client: DeskClient,
  snapshot: Snapshot,
): Promise<{ tickets: number; messages: number }> {
  const tooLarge = (reason: string) =>
    new DeskError(
      "invalid_input",
      `${reason}: stop the desk, then run the import again to load the file directly into the data folder.`,
    );
  try {
    return await client.import(snapshot);
  } catch (error) {
    if (isDeskApiError(error) && error.status === 413) throw tooLarge(error.message.replace(/\.$/, ""));
    // A document past the longest string JavaScript can hold (about 512 MB) cannot be one request body;
    // the client reports the failed serialisation as a desk that did not answer.
    if (isDeskApiError(error) && error.status === 0 && /Invalid string length/.test(error.message))
      throw tooLarge("The snapshot is too large to send to the running desk in one request");
    throw translate(error);
  }
}

/**
 * The desk's answers are checked against the same schemas the desk answers with; what the desk
 * sent is what is printed, so the output keeps the desk's order of fields.
 */
function checked<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.infer<Schema> {
  if (!schema.safeParse(value).success) {
    throw new DeskError("unavailable", `The running desk answered a ${what} this command does not understand.`);
  }
  return value as z.infer<Schema>;
}

async function translated<Value>(call: () => Promise<Value>): Promise<Value> {
  try {
    return await call();
  } catch (error) {
    throw translate(error);
  }
}

/** The desk's `{ code, message }` as the same DeskError the command would have met opening the database itself. */
function translate(error: unknown): unknown {
  if (!isDeskApiError(error)) return error;
  const code = deskErrorCodes.find((known) => known === error.code) ?? "unavailable";
  return new DeskError(code, error.message);
}

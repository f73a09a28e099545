import { sql } from "drizzle-orm";
import type {
  AccessStore,
  ArticleStore,
  Clock,
  CustomerStore,
  KnownIssueStore,
  SnapshotStore,
  TicketHistory,
  TicketStore,
  WorkspaceStore,
} from "./core/ports.ts";
import { createReports, type Reports } from "./insights/reports.ts";
import { createKnowledgeCache } from "./responder/context/workspace-knowledge.ts";
import { createResponder, type ModelWriter, type Responder } from "./responder/responder.ts";
import { createAccessStore } from "./storage/access-store.ts";
import { createArticleStore } from "./storage/article-store.ts";
import { createCustomerStore } from "./storage/customer-store.ts";
import type { DatabaseHandle } from "./storage/database.ts";
import { createKnownIssueStore } from "./storage/known-issue-store.ts";
import * as schema from "./storage/schema.ts";
import { createSnapshotStore } from "./storage/snapshot-store.ts";
import { createTicketHistory } from "./storage/ticket-history.ts";
import { createTicketStore } from "./storage/ticket-store.ts";
import { createWorkspaceStore } from "./storage/workspace-store.ts";

/** The embedded desk has one workspace; a snapshot imported without naming one lands here. */
export const defaultWorkspaceId = "default";

export type Desk = {
  database: DatabaseHandle;
  clock: Clock;
  tickets: TicketStore;
  customers: CustomerStore;
  snapshots: SnapshotStore;
  access: AccessStore;
  articles: ArticleStore;
  knownIssues: KnownIssueStore;
  workspaces: WorkspaceStore;
  ticketHistory: TicketHistory;
  responder: Responder;
  reports: Reports;
};

/** Wires the stores over one database; the only place that picks concrete adapters. */
export function createDesk(
  database: DatabaseHandle,
  clock: Clock = { now: () => new Date() },
  options: { model?: ModelWriter | null } = {},
): Desk {
  const { db } = database;
  const stores = {
    tickets: createTicketStore(db),
    customers: createCustomerStore(db),
    articles: createArticleStore(db),
    knownIssues: createKnownIssueStore(db),
    workspaces: createWorkspaceStore(db),
    ticketHistory: createTicketHistory(db),
  };
  const knowledgeOf = createKnowledgeCache({ articles: stores.articles, ticketHistory: stores.ticketHistory });
  return {
    database,
    clock,
    ...stores,
    snapshots: createSnapshotStore(db),
    access: createAccessStore(db, clock),
    reports: createReports(db, clock),
    responder: createResponder({ sources: { ...stores, knowledgeOf }, clock, model: options.model ?? null }),
  };
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

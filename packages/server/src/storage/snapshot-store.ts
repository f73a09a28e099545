import { asc, eq, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { SnapshotProgress, SnapshotStore } from "../core/ports.ts";
import {
  accountEventSchema,
  agentSchema,
  articleSchema,
  csatSchema,
  customerSchema,
  knownIssueSchema,
  messageSchema,
  SNAPSHOT_FORMAT,
  type Snapshot,
  type SnapshotTicket,
  snapshotSchema,
  teamSchema,
  ticketEventSchema,
  ticketSchema,
  workspaceSchema,
} from "../core/snapshot/snapshot-schema.ts";
import { identitiesForSnapshot, identitiesFromSnapshot } from "./customer-identities.ts";
import type { Database } from "./database.ts";
import { deferReportFigures, refreshReportFigures, reportTimesOf } from "./report-figures-store.ts";
import { chunk, compact, inSequence, splitKnown, stableHash, updateAllExcept } from "./row-helpers.ts";
import * as schema from "./schema.ts";
import { recomputeWorkspaceDueTimes } from "./sla-due-store.ts";

const known = (shape: { shape: Record<string, unknown> }) => Object.keys(shape.shape);
const knownFields = {
  snapshot: known(snapshotSchema),
  workspace: known(workspaceSchema),
  team: known(teamSchema),
  agent: known(agentSchema),
  customer: known(customerSchema),
  article: known(articleSchema),
  accountEvent: known(accountEventSchema),
  knownIssue: known(knownIssueSchema),
  ticket: known(ticketSchema),
  message: known(messageSchema),
  event: known(ticketEventSchema),
  csat: known(csatSchema),
};

// Rows per insert statement: well under Postgres's 65,535 bind parameters for the widest table.
const batchSize = 1000;

export function createSnapshotStore(db: Database): SnapshotStore {
  return {
    importSnapshot: (workspaceId, snapshot, onProgress) => importSnapshot(db, workspaceId, snapshot, onProgress),
    exportSnapshot: (workspaceId) => exportSnapshot(db, workspaceId),
  };
}

/** Applies a validated snapshot in one transaction, upserting by id. */
async function importSnapshot(
  db: Database,
  workspaceId: string,
  snapshot: Snapshot,
  onProgress: (progress: SnapshotProgress) => void = () => {},
): Promise<{ tickets: number; messages: number }> {
  const totalTickets = snapshot.tickets.length;
  let messageCount = 0;
  await db.transaction(async (tx) => {
    const workspace = snapshot.workspace;
    const workspaceRow = {
      id: workspaceId,
      name: workspace.name,
      timezone: workspace.timezone,
      businessHours: workspace.businessHours ?? null,
      slaPolicies: workspace.slaPolicies ?? null,
      reportInBusinessHours: workspace.reportInBusinessHours ?? null,
      extra: { ...splitKnown(workspace, knownFields.workspace), ...topLevelExtra(snapshot) },
    };
    await tx
      .insert(schema.workspaces)
      .values(workspaceRow)
      .onConflictDoUpdate({
        target: schema.workspaces.id,
        set: updateAllExcept(schema.workspaces, ["id", "seq", "createdAt"]),
      });

    const upsert = async (
      table: Parameters<typeof tx.insert>[0],
      rows: Record<string, unknown>[],
      target: unknown[],
      keep: string[],
      set: Record<string, unknown> = {},
    ) => {
      for (const batch of chunk(rows, batchSize)) {
        await tx
          .insert(table)
          .values(batch as never)
          .onConflictDoUpdate({
            target: target as never,
            set: { ...updateAllExcept(table, [...keep, "seq"]), ...set },
          });
      }
    };

    await upsert(
      schema.teams,
      (snapshot.teams ?? []).map((team) => ({
        workspaceId,
        id: team.id,
        name: team.name,
        escalatesTo: team.escalatesTo ?? null,
        extra: splitKnown(team, knownFields.team),
      })),
      [schema.teams.workspaceId, schema.teams.id],
      ["workspaceId", "id"],
    );
    await upsert(
      schema.agents,
      (snapshot.agents ?? []).map((agent) => ({
        workspaceId,
        id: agent.id,
        name: agent.name,
        email: agent.email,
        role: agent.role,
        teamId: agent.teamId ?? null,
        extra: splitKnown(agent, knownFields.agent),
      })),
      [schema.agents.workspaceId, schema.agents.id],
      ["workspaceId", "id"],
    );
    const contacts = snapshot.customers.map((customer) => identitiesFromSnapshot(customer));
    await upsert(
      schema.customers,
      snapshot.customers.map((customer, index) => ({
        workspaceId,
        id: customer.id,
        name: customer.name,
        email: customer.email ?? null,
        phone: customer.phone ?? null,
        handles: customer.handles ?? null,
        company: customer.company ?? null,
        plan: customer.plan ?? null,
        language: customer.language ?? null,
        attributes: contacts[index]?.attributes ?? null,
        extra: splitKnown(customer, knownFields.customer),
      })),
      [schema.customers.workspaceId, schema.customers.id],
      ["workspaceId", "id"],
    );
    const identities = snapshot.customers.flatMap((customer, index) =>
      (contacts[index]?.identities ?? []).map((identity) => ({ workspaceId, ...identity, customerId: customer.id })),
    );
    for (const batch of chunk(identities, batchSize)) {
      // The first customer to claim an address keeps it; duplicates in old data are common.
      await tx.insert(schema.customerIdentities).values(batch).onConflictDoNothing();
    }
    await upsert(
      schema.articles,
      (snapshot.articles ?? []).map((article) => ({
        workspaceId,
        id: article.id,
        title: article.title,
        body: article.body,
        tags: article.tags ?? null,
        public: article.public ?? null,
        updatedAt: article.updatedAt ? new Date(article.updatedAt) : null,
        extra: splitKnown(article, knownFields.article),
      })),
      [schema.articles.workspaceId, schema.articles.id],
      ["workspaceId", "id"],
    );
    await upsert(
      schema.accountEvents,
      withAccountEventIds(snapshot.accountEvents ?? []).map(({ id, event }) => ({
        workspaceId,
        id,
        customerId: event.customerId,
        at: new Date(event.at),
        type: event.type,
        data: event.data ?? null,
        extra: splitKnown(event, knownFields.accountEvent),
      })),
      [schema.accountEvents.workspaceId, schema.accountEvents.id],
      ["workspaceId", "id"],
    );
    await upsert(
      schema.knownIssues,
      (snapshot.knownIssues ?? []).map((issue) => ({
        workspaceId,
        id: issue.id,
        title: issue.title,
        status: issue.status,
        tags: issue.tags ?? null,
        workaround: issue.workaround ?? null,
        extra: splitKnown(issue, knownFields.knownIssue),
      })),
      [schema.knownIssues.workspaceId, schema.knownIssues.id],
      ["workspaceId", "id"],
    );

    let ticketsDone = 0;
    // Each ticket's report times are written with it (reportTimesOf). Tickets that were already here
    // may keep messages and events the snapshot does not have: those are counted again afterwards.
    await deferReportFigures(tx);
    const [existing] = await tx
      .select({ id: schema.tickets.id })
      .from(schema.tickets)
      .where(eq(schema.tickets.workspaceId, workspaceId))
      .limit(1);
    for (const batch of chunk(snapshot.tickets, batchSize)) {
      await upsert(
        schema.tickets,
        batch.map((ticket) => ticketRow(workspaceId, ticket)),
        [schema.tickets.workspaceId, schema.tickets.id],
        ["workspaceId", "id"],
        // A re-imported ticket is a new version, so stale optimistic updates are refused.
        { version: sql`${schema.tickets.version} + 1` },
      );
      const messageRows = batch.flatMap((ticket) =>
        ticket.messages.map((message, position) => ({
          workspaceId,
          id: message.id ?? `${ticket.id}-m${position}`,
          ticketId: ticket.id,
          position,
          at: new Date(message.at),
          author: message.author,
          public: message.public,
          body: message.body,
          externalId: message.externalId ?? null,
          extra: splitKnown(message, knownFields.message),
        })),
      );
      messageCount += messageRows.length;
      await upsert(
        schema.messages,
        messageRows,
        [schema.messages.workspaceId, schema.messages.id],
        ["workspaceId", "id"],
      );
      const eventRows = batch.flatMap((ticket) =>
        (ticket.events ?? []).map((event, position) => ({
          workspaceId,
          ticketId: ticket.id,
          position,
          at: new Date(event.at),
          actor: event.actor ?? null,
          type: event.type,
          fromValue: event.from ?? null,
          toValue: event.to ?? null,
          data: event.data ?? null,
          extra: splitKnown(event, knownFields.event),
        })),
      );
      await upsert(
        schema.ticketEvents,
        eventRows,
        [schema.ticketEvents.workspaceId, schema.ticketEvents.ticketId, schema.ticketEvents.position],
        ["workspaceId", "ticketId", "position"],
      );
      if (existing) {
        await refreshReportFigures(
          tx,
          workspaceId,
          batch.map((ticket) => ticket.id),
        );
      }
      ticketsDone += batch.length;
      onProgress({ ticketsDone, ticketsTotal: totalTickets });
    }

    // Tickets created later are numbered after the largest numeric id loaded here.
    await tx.execute(sql`
      select setval('ticket_numbers', greatest(
        (select last_value from ticket_numbers),
        coalesce((select max(id::bigint) from tickets where id ~ '^[0-9]{1,18}$'), 0)
      ))`);
    // The inbox's SLA order, under the workspace's service levels as imported.
    await recomputeWorkspaceDueTimes(tx, workspaceId);
  });
  return { tickets: totalTickets, messages: messageCount };
}

function ticketRow(workspaceId: string, ticket: SnapshotTicket) {
  const instants = [
    ticket.createdAt,
    ...ticket.messages.map((message) => message.at),
    ...(ticket.events ?? []).map((event) => event.at),
  ].map((value) => Date.parse(value));
  return {
    workspaceId,
    id: ticket.id,
    customerId: ticket.customerId,
    channel: ticket.channel,
    knownIssueId: ticket.knownIssueId ?? null,
    subject: ticket.subject ?? null,
    status: ticket.status,
    priority: ticket.priority ?? null,
    tags: ticket.tags ?? null,
    topic: ticket.topic ?? null,
    assigneeId: ticket.assigneeId ?? null,
    teamId: ticket.teamId ?? null,
    createdAt: new Date(ticket.createdAt),
    updatedAt: new Date(Math.max(...instants)),
    csatScore: ticket.csat?.score ?? null,
    csatComment: ticket.csat?.comment ?? null,
    csatAt: ticket.csat ? new Date(ticket.csat.at) : null,
    csatExtra: ticket.csat ? splitKnown(ticket.csat, knownFields.csat) : null,
    attributes: ticket.attributes ?? null,
    extra: splitKnown(ticket, knownFields.ticket),
    ...reportTimesOf(ticket.messages, ticket.events ?? []),
  };
}

/** Account events without an id get one derived from their content, so re-imports match. */
function withAccountEventIds(events: NonNullable<Snapshot["accountEvents"]>) {
  const seen = new Map<string, number>();
  return events.map((event) => {
    if (event.id) return { id: event.id, event };
    const base = `ae_${stableHash([event.customerId, Date.parse(event.at), event.type, event.data ?? null])}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return { id: occurrence === 0 ? base : `${base}-${occurrence}`, event };
  });
}

function topLevelExtra(snapshot: Snapshot): Record<string, unknown> {
  const extra = splitKnown(snapshot, knownFields.snapshot);
  return Object.keys(extra).length > 0 ? { __snapshot: extra } : {};
}

/** Reads the whole workspace in one transaction, so a live desk exports a consistent state. */
async function exportSnapshot(db: Database, workspaceId: string): Promise<Snapshot> {
  return db.transaction(
    async (tx) => {
      const [workspace] = await tx.select().from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
      if (!workspace) throw new Error(`workspace ${workspaceId} does not exist`);
      const inWorkspace = (column: PgColumn) => eq(column, workspaceId);
      const [teams, agents, customers, articles, accountEvents, knownIssues, tickets, messages, events] =
        await inSequence([
          tx.select().from(schema.teams).where(inWorkspace(schema.teams.workspaceId)).orderBy(asc(schema.teams.seq)),
          tx.select().from(schema.agents).where(inWorkspace(schema.agents.workspaceId)).orderBy(asc(schema.agents.seq)),
          tx
            .select()
            .from(schema.customers)
            .where(inWorkspace(schema.customers.workspaceId))
            .orderBy(asc(schema.customers.seq)),
          tx
            .select()
            .from(schema.articles)
            .where(inWorkspace(schema.articles.workspaceId))
            .orderBy(asc(schema.articles.seq)),
          tx
            .select()
            .from(schema.accountEvents)
            .where(inWorkspace(schema.accountEvents.workspaceId))
            .orderBy(asc(schema.accountEvents.seq)),
          tx
            .select()
            .from(schema.knownIssues)
            .where(inWorkspace(schema.knownIssues.workspaceId))
            .orderBy(asc(schema.knownIssues.seq)),
          tx
            .select()
            .from(schema.tickets)
            .where(inWorkspace(schema.tickets.workspaceId))
            .orderBy(asc(schema.tickets.seq)),
          tx
            .select()
            .from(schema.messages)
            .where(inWorkspace(schema.messages.workspaceId))
            .orderBy(asc(schema.messages.position), asc(schema.messages.seq)),
          tx
            .select()
            .from(schema.ticketEvents)
            .where(inWorkspace(schema.ticketEvents.workspaceId))
            .orderBy(asc(schema.ticketEvents.position)),
        ]);

      const identitiesByCustomer = groupBy(
        await tx
          .select({
            customerId: schema.customerIdentities.customerId,
            kind: schema.customerIdentities.kind,
            value: schema.customerIdentities.value,
          })
          .from(schema.customerIdentities)
          .where(inWorkspace(schema.customerIdentities.workspaceId)),
        (identity) => identity.customerId,
      );
      const messagesByTicket = groupBy(messages, (message) => message.ticketId);
      const eventsByTicket = groupBy(events, (event) => event.ticketId);
      const { __snapshot: snapshotExtra, ...workspaceExtra } = workspace.extra as Record<string, unknown>;

      return {
        format: SNAPSHOT_FORMAT,
        workspace: compact({
          name: workspace.name,
          timezone: workspace.timezone,
          businessHours: workspace.businessHours,
          slaPolicies: workspace.slaPolicies,
          reportInBusinessHours: workspace.reportInBusinessHours,
          ...workspaceExtra,
        }),
        teams: teams.map((team) =>
          compact({ id: team.id, name: team.name, escalatesTo: team.escalatesTo, ...team.extra }),
        ),
        agents: agents.map((agent) =>
          compact({
            id: agent.id,
            name: agent.name,
            email: agent.email,
            role: agent.role,
            teamId: agent.teamId,
            ...agent.extra,
          }),
        ),
        customers: customers.map((customer) => {
          const contact = identitiesForSnapshot(customer, identitiesByCustomer.get(customer.id) ?? []);
          return compact({
            id: customer.id,
            name: customer.name,
            email: customer.email,
            phone: customer.phone,
            handles: contact.handles,
            company: customer.company,
            plan: customer.plan,
            language: customer.language,
            attributes: contact.attributes,
            ...customer.extra,
          });
        }),
        articles: articles.map((article) =>
          compact({
            id: article.id,
            title: article.title,
            body: article.body,
            tags: article.tags,
            public: article.public,
            updatedAt: article.updatedAt?.toISOString(),
            ...article.extra,
          }),
        ),
        accountEvents: accountEvents.map((event) =>
          compact({
            id: event.id,
            customerId: event.customerId,
            at: event.at.toISOString(),
            type: event.type,
            data: event.data,
            ...event.extra,
          }),
        ),
        knownIssues: knownIssues.map((issue) =>
          compact({
            id: issue.id,
            title: issue.title,
            status: issue.status,
            tags: issue.tags,
            workaround: issue.workaround,
            ...issue.extra,
          }),
        ),
        tickets: tickets.map((ticket) =>
          compact({
            id: ticket.id,
            customerId: ticket.customerId,
            channel: ticket.channel,
            knownIssueId: ticket.knownIssueId,
            subject: ticket.subject,
            status: ticket.status,
            priority: ticket.priority,
            tags: ticket.tags,
            topic: ticket.topic,
            assigneeId: ticket.assigneeId,
            teamId: ticket.teamId,
            createdAt: ticket.createdAt.toISOString(),
            messages: (messagesByTicket.get(ticket.id) ?? []).map((message) =>
              compact({
                id: message.id,
                at: message.at.toISOString(),
                author: message.author,
                public: message.public,
                body: message.body,
                externalId: message.externalId,
                ...message.extra,
              }),
            ),
            events: (eventsByTicket.get(ticket.id) ?? []).map((event) =>
              compact({
                at: event.at.toISOString(),
                actor: event.actor,
                type: event.type,
                from: event.fromValue,
                to: event.toValue,
                data: event.data,
                ...event.extra,
              }),
            ),
            csat:
              ticket.csatScore === null || ticket.csatAt === null
                ? undefined
                : compact({
                    score: ticket.csatScore,
                    comment: ticket.csatComment,
                    at: ticket.csatAt.toISOString(),
                    ...ticket.csatExtra,
                  }),
            attributes: ticket.attributes,
            ...ticket.extra,
          }),
        ),
        ...(snapshotExtra as Record<string, unknown> | undefined),
      } as Snapshot;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

import { stat } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { DeskError } from "../../core/errors.ts";
import { SNAPSHOT_FORMAT, type Snapshot, type SnapshotCustomer } from "../../core/snapshot/snapshot-schema.ts";
import { readPagesOf } from "../download-folder.ts";
import type { ImportSummary } from "../provider-importer.ts";
import { accountName, commonTimeZone, isAgentRole, latestById, mapGroups, mapUsers, zendeskIds } from "./map-people.ts";
import { mapTicket } from "./map-tickets.ts";
import {
  commentsFolder,
  deletedTicketStatus,
  type ZendeskEndpoint,
  zendeskCommentSchema,
  zendeskEndpoints,
  zendeskGroupSchema,
  zendeskOrganizationSchema,
  zendeskSatisfactionRatingSchema,
  zendeskTicketMetricEventSchema,
  zendeskTicketSchema,
  zendeskUserSchema,
} from "./zendesk-pages.ts";

/** How the summary names the user fields the mapping keeps under its own names. */
const userLabels: Record<string, string> = {
  timeZone: "user.time_zone",
  userFields: "user.user_fields",
  email: "user.email (taken by another user, or invalid)",
  phone: "user.phone (taken by another user)",
};

/** The items of every page of `kind` in the folder, each checked; a bad one is named by page and position. */
export async function readZendeskItems<Schema extends z.ZodType>(
  folder: string,
  kind: ZendeskEndpoint | `ticket-comments/${number}`,
  schema: Schema,
): Promise<z.infer<Schema>[]> {
  const key = kind.startsWith("ticket-comments/") ? "comments" : zendeskEndpoints[kind as ZendeskEndpoint].key;
  const pages = await readPagesOf<unknown>(folder, kind);
  const items: z.infer<Schema>[] = [];
  for (const [pageIndex, page] of pages.entries()) {
    const list = typeof page === "object" && page !== null ? (page as Record<string, unknown>)[key] : undefined;
    const where = `${path.join(kind, String(pageIndex).padStart(6, "0"))}.json`;
    if (!Array.isArray(list)) {
      throw new DeskError("invalid_input", `${where} has no "${key}" list: is it a page of the Zendesk API's ${kind}?`);
    }
    for (const [itemIndex, item] of list.entries()) {
      const parsed = schema.safeParse(item);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = [key, itemIndex, ...(issue?.path ?? [])].join(".");
        throw new DeskError("invalid_input", `${where}: ${field} ${issue?.message ?? "is not valid"}.`, {
          path: field,
        });
      }
      items.push(parsed.data);
    }
  }
  return items;
}

function groupByTicket<Item extends { ticket_id: number; id: number }>(items: readonly Item[]): Map<number, Item[]> {
  const byTicket = new Map<number, Item[]>();
  for (const item of latestById(items)) {
    const list = byTicket.get(item.ticket_id);
    if (list) list.push(item);
    else byTicket.set(item.ticket_id, [item]);
  }
  return byTicket;
}

/**
 * Maps a folder of Support API pages (as `download` writes them, or as saved by hand) to one workspace
 * snapshot and a summary of what was mapped and what was kept in attributes.
 */
export async function readZendeskFolder(folder: string): Promise<{ snapshot: Snapshot; summary: ImportSummary }> {
  const found = await stat(path.join(folder, "tickets")).catch(() => null);
  if (!found?.isDirectory()) {
    throw new DeskError(
      "invalid_input",
      `${folder} has no tickets/ folder: give the folder of a Zendesk download (see interop/zendesk/README.md for the layout).`,
    );
  }
  const groups = latestById(await readZendeskItems(folder, "groups", zendeskGroupSchema));
  const organizations = latestById(await readZendeskItems(folder, "organizations", zendeskOrganizationSchema));
  const users = latestById(await readZendeskItems(folder, "users", zendeskUserSchema));
  const allTickets = latestById(await readZendeskItems(folder, "tickets", zendeskTicketSchema));
  const ratings = await readZendeskItems(folder, "satisfaction-ratings", zendeskSatisfactionRatingSchema);
  const metricEvents = await readZendeskItems(folder, "ticket-metric-events", zendeskTicketMetricEventSchema);

  const teams = mapGroups(groups);
  const teamIds = new Set(teams.map((team) => team.id));
  const people = mapUsers(users, organizations, teamIds);
  const agentIds = new Set(people.agents.map((agent) => agent.id));
  const customers: SnapshotCustomer[] = [...people.customers];
  const customerIds = new Set(customers.map((customer) => customer.id));
  const usersById = new Map(users.map((user) => [user.id, user]));
  let placeholderCustomers = 0;
  let agentRequesters = 0;
  const customerIdOf = (requesterId: number | null | undefined) => {
    const id = requesterId ? zendeskIds.user(requesterId) : "zd-user-unknown";
    if (customerIds.has(id)) return id;
    customerIds.add(id);
    const user = requesterId ? usersById.get(requesterId) : undefined;
    if (user && isAgentRole(user.role)) {
      // An agent who opened a ticket for themselves is also its customer.
      agentRequesters += 1;
      customers.push({
        id,
        name: user.name?.trim() || `Zendesk user ${requesterId}`,
        attributes: { zendesk: { id: user.id, role: user.role } },
      });
    } else {
      placeholderCustomers += 1;
      customers.push({ id, name: requesterId ? `Zendesk user ${requesterId}` : "Unknown Zendesk requester" });
    }
    return id;
  };

  const ratingsByTicket = groupByTicket(ratings);
  const metricEventsByTicket = groupByTicket(metricEvents);
  const roleOf = (userId: number) => usersById.get(userId)?.role;
  const tickets: Snapshot["tickets"] = [];
  const kept = new Set<string>();
  const unknownStatuses = new Set<string>();
  const unknownChannels = new Set<string>();
  let deletedTickets = 0;
  let comments = 0;
  let internalNotes = 0;
  let attachments = 0;
  let systemAuthors = 0;
  let solvedWithoutTime = 0;
  let unscoredRatings = 0;
  let good = 0;
  let bad = 0;
  let mappedMetricEvents = 0;

  for (const source of allTickets) {
    if (source.status === deletedTicketStatus) {
      deletedTickets += 1;
      continue;
    }
    const ticketComments = latestById(await readZendeskItems(folder, commentsFolder(source.id), zendeskCommentSchema));
    const mapped = mapTicket(source, {
      comments: ticketComments,
      ratings: ratingsByTicket.get(source.id) ?? [],
      metricEvents: metricEventsByTicket.get(source.id) ?? [],
      roleOf,
      agentIds,
      teamIds,
      customerIdOf,
    });
    tickets.push(mapped.ticket);
    for (const field of mapped.kept) kept.add(field);
    if (mapped.unknownStatus) unknownStatuses.add(mapped.unknownStatus);
    if (mapped.unknownChannel) unknownChannels.add(mapped.unknownChannel);
    if (mapped.solvedWithoutTime) solvedWithoutTime += 1;
    unscoredRatings += mapped.unscoredRatings;
    if (mapped.ticket.csat?.score === 5) good += 1;
    if (mapped.ticket.csat?.score === 1) bad += 1;
    for (const message of mapped.ticket.messages) {
      comments += 1;
      if (!message.public) internalNotes += 1;
      if (message.author === "system") systemAuthors += 1;
      attachments += Array.isArray(message.attachments) ? message.attachments.length : 0;
    }
    mappedMetricEvents += (mapped.ticket.events ?? []).filter((event) => event.type !== "csat_received").length;
  }

  for (const person of [...people.customers, ...people.agents]) {
    const attributes = (person.attributes ?? {}) as Record<string, unknown>;
    for (const field of Object.keys((attributes.zendesk as Record<string, unknown> | undefined) ?? {})) {
      if (field !== "id") kept.add(userLabels[field] ?? `user.${field}`);
    }
    if (attributes.organization) kept.add("organization (domain names, tags, details, fields)");
  }
  if (attachments > 0) kept.add("comment.attachments");
  for (const ticket of tickets) {
    for (const message of ticket.messages) {
      const zendesk = (message.attributes as { zendesk?: Record<string, unknown> } | undefined)?.zendesk ?? {};
      for (const field of Object.keys(zendesk)) kept.add(`comment.${field}`);
    }
  }

  const notes = [...people.notes];
  if (deletedTickets > 0) notes.push(`${deletedTickets} deleted tickets in the export were skipped.`);
  if (unknownStatuses.size > 0) {
    notes.push(
      `Statuses the desk does not know were imported as open (kept in attributes): ${[...unknownStatuses].join(", ")}.`,
    );
  }
  if (unknownChannels.size > 0) {
    notes.push(
      `Channels the desk does not know were imported as api (kept in attributes): ${[...unknownChannels].join(", ")}.`,
    );
  }
  if (systemAuthors > 0)
    notes.push(`${systemAuthors} comments by authors the export does not hold are authored by "system".`);
  if (placeholderCustomers > 0) {
    notes.push(
      `${placeholderCustomers} requesters missing from the users export became customers named "Zendesk user <id>".`,
    );
  }
  if (agentRequesters > 0) notes.push(`${agentRequesters} agents who requested tickets are also customers.`);
  if (solvedWithoutTime > 0) {
    notes.push(
      `${solvedWithoutTime} solved or closed tickets have no resolution_time metric event, so the reports do not count them as solved in any month.`,
    );
  }
  notes.push("Satisfaction: good is scored 5 and bad 1; offered and unoffered ratings carry no score.");
  const workspace = {
    name: accountName(allTickets.slice(0, 1).map((ticket) => ticket.url)),
    timezone: commonTimeZone(users),
  };
  notes.push(
    `The workspace is named "${workspace.name}", in ${workspace.timezone} (where most agents work): change either in the settings if that is not right.`,
  );

  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    workspace,
    teams,
    agents: people.agents,
    customers,
    tickets,
  };
  const summary: ImportSummary = {
    counts: {
      groups: groups.length,
      organizations: organizations.length,
      users: users.length,
      agents: people.agents.length,
      customers: customers.length,
      tickets: tickets.length,
      comments,
      "internal notes": internalNotes,
      attachments,
      "satisfaction ratings": ratings.length,
      "csat good (5)": good,
      "csat bad (1)": bad,
      "ratings without a score": unscoredRatings,
      "ticket metric events": metricEvents.length,
      "events from metric events": mappedMetricEvents,
    },
    keptInAttributes: [...kept].sort(),
    notes,
  };
  return { snapshot, summary };
}

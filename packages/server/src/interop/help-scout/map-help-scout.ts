import { z } from "zod";
import {
  type ChannelName,
  SNAPSHOT_FORMAT,
  type Snapshot,
  type SnapshotAgent,
  type SnapshotCustomer,
  type SnapshotMessage,
  type SnapshotTeam,
  type SnapshotTicket,
  type SnapshotTicketEvent,
  type TicketStatus,
} from "../../core/snapshot/snapshot-schema.ts";
import type { ImportSummary } from "../provider-importer.ts";
import type {
  HelpScoutAccount,
  HelpScoutAttachment,
  HelpScoutCustomer,
  HelpScoutPerson,
  HelpScoutRating,
  HelpScoutThread,
  HelpScoutUser,
} from "./help-scout-wire.ts";
import { helpScoutHtmlToText } from "./html-to-text.ts";

/** Help Scout's three answers to "How would you rate my reply?" on the desk's 1–5 scale. */
// The API writes great / okay / not_good; reports and webhooks spell them "ok", "not-good", "Not Good" or "Bad".
export const ratingScores: Record<string, 1 | 3 | 5> = {
  great: 5,
  okay: 3,
  ok: 3,
  not_good: 1,
  "not-good": 1,
  "not good": 1,
  bad: 1,
};

/** Conversation statuses; spam is not a ticket and is skipped. */
export const statusMap: Record<string, TicketStatus> = { active: "open", pending: "pending", closed: "closed" };

const channelMap: Record<string, ChannelName> = { email: "email", chat: "chat", phone: "phone", beaconchat: "chat" };

// Fields the mapping turns into snapshot fields; everything else is kept in `attributes`.
// HAL links point back into the provider's API and are not kept.
const mappedConversationFields = new Set([
  "id",
  "type",
  "status",
  "subject",
  "mailboxId",
  "assignee",
  "primaryCustomer",
  "createdBy",
  "createdAt",
  "closedAt",
  "tags",
  "_embedded",
  "_links",
]);
const mappedThreadFields = new Set([
  "id",
  "type",
  "status",
  "state",
  "body",
  "createdAt",
  "createdBy",
  "customer",
  "action",
  "_embedded",
  "_links",
]);
const mappedCustomerFields = new Set(["id", "firstName", "lastName", "organization", "_embedded", "_links"]);
const mappedUserFields = new Set(["id", "firstName", "lastName", "email", "role", "_links"]);

const emailSchema = z.email();

/** Deterministic for one account: the file path and the API path give the same snapshot. */
export function mapHelpScoutAccount(account: HelpScoutAccount): { snapshot: Snapshot; summary: ImportSummary } {
  const kept = new Set<string>();
  const notes: string[] = [...(account.notes ?? [])];
  const counts = {
    mailboxes: 0,
    teams: 0,
    users: 0,
    customers: 0,
    conversations: 0,
    threads: 0,
    customerMessages: 0,
    agentReplies: 0,
    internalNotes: 0,
    systemNotes: 0,
    attachments: 0,
    ratings: 0,
    spamSkipped: 0,
    draftsSkipped: 0,
    deletedUsers: 0,
  };

  const teams: SnapshotTeam[] = [];
  for (const mailbox of uniqueById(account.mailboxes)) {
    teams.push(
      withAttributes(
        { id: mailboxTeamId(mailbox.id), name: mailbox.name },
        mailbox,
        ["id", "name", "_links"],
        "mailbox",
        kept,
      ),
    );
    counts.mailboxes++;
  }
  for (const team of uniqueById(account.teams)) {
    teams.push(
      withAttributes({ id: `hs-team-${team.id}`, name: team.name }, team, ["id", "name", "_links"], "team", kept),
    );
    counts.teams++;
  }
  const teamIds = new Set(teams.map((team) => team.id));

  const agents = new Map<string, SnapshotAgent>();
  for (const user of uniqueById(account.users)) {
    agents.set(user.id, mapUser(user, kept));
    counts.users++;
  }
  const deletedUsers = new Set<string>();
  const agentFor = (person: HelpScoutPerson | null | undefined): string | null => {
    if (person?.id === undefined || person.id === null || person.id === "") return null;
    // Fields the wire schema does not read (closedByUser) still carry numeric ids.
    const id = String(person.id);
    if (!agents.has(id)) {
      agents.set(id, deletedUser({ ...person, id }));
      deletedUsers.add(id);
    }
    return `hs-${id}`;
  };

  const customers = new Map<string, SnapshotCustomer>();
  for (const customer of uniqueById(account.customers)) {
    customers.set(customer.id, mapCustomer(customer, kept));
    counts.customers++;
  }
  let unlistedCustomers = 0;

  const ratingsByConversation = new Map<string, HelpScoutRating>();
  const unknownRatings = new Set<string>();
  for (const rating of uniqueById(account.ratings)) {
    if (ratingScores[rating.rating.toLowerCase()] === undefined) {
      unknownRatings.add(rating.rating);
      continue;
    }
    const earlier = ratingsByConversation.get(rating.conversationId);
    if (!earlier || instant(earlier.createdAt) <= instant(rating.createdAt)) {
      ratingsByConversation.set(rating.conversationId, rating);
    }
  }

  const tickets: SnapshotTicket[] = [];
  const unknownTypes = new Set<string>();
  const unknownStatuses = new Set<string>();
  let withoutCustomer = 0;
  const conversations = uniqueById(account.conversations).sort(
    (left, right) => instant(left.createdAt).localeCompare(instant(right.createdAt)) || compareIds(left.id, right.id),
  );
  for (const conversation of conversations) {
    const status = conversation.status.toLowerCase();
    if (status === "spam") {
      counts.spamSkipped++;
      continue;
    }
    const finalStatus = statusMap[status];
    if (!finalStatus) {
      unknownStatuses.add(conversation.status);
    }
    const customerPerson =
      conversation.primaryCustomer ?? (conversation.createdBy?.type === "customer" ? conversation.createdBy : null);
    if (!customerPerson?.id) {
      withoutCustomer++;
      continue;
    }
    if (!customers.has(customerPerson.id)) {
      customers.set(customerPerson.id, unlistedCustomer(customerPerson));
      unlistedCustomers++;
    }

    const threads = [...(conversation._embedded?.threads ?? [])].sort(
      (left, right) => instant(left.createdAt).localeCompare(instant(right.createdAt)) || compareIds(left.id, right.id),
    );
    const messages: SnapshotMessage[] = [];
    const events: SnapshotTicketEvent[] = [];
    let current: string | null = null;
    let solvedAt: string | null = null;
    for (const thread of threads) {
      counts.threads++;
      if (thread.state && thread.state !== "published") {
        counts.draftsSkipped++;
        continue;
      }
      const at = instant(thread.createdAt);
      const author = thread.createdBy?.type === "user" ? agentFor(thread.createdBy) : null;
      const actor = author ? `agent:${author}` : thread.createdBy?.type === "customer" ? "customer" : "system";
      const message = mapThread(thread, at, author, kept, unknownTypes);
      if (message) {
        messages.push(message.message);
        counts[message.kind]++;
        counts.attachments += thread._embedded?.attachments?.length ?? 0;
      }
      const threadStatus = thread.status?.toLowerCase();
      if (!threadStatus || !(threadStatus in statusMap)) continue;
      if (current === null) {
        current = threadStatus;
        if (threadStatus === "closed") solvedAt = at;
        continue;
      }
      if (threadStatus === current) continue;
      if (threadStatus === "closed") {
        events.push({ at, actor, type: "status_changed", from: statusMap[current], to: "solved" });
        solvedAt = at;
      } else if (current === "closed") {
        events.push({ at, actor, type: "reopened", from: "solved", to: statusMap[threadStatus] });
        events.push({ at, actor, type: "status_changed", from: "solved", to: statusMap[threadStatus] });
      } else {
        events.push({ at, actor, type: "status_changed", from: statusMap[current], to: statusMap[threadStatus] });
      }
      current = threadStatus;
    }
    // Help Scout has no confirmation step: a closed conversation was solved and closed at once.
    const createdAt = instant(conversation.createdAt);
    if (finalStatus === "closed") {
      const closedBy = conversation.closedByUser as HelpScoutPerson | undefined;
      const closeActor = closedBy?.id && closedBy.type !== "customer" ? `agent:${agentFor(closedBy)}` : "system";
      const closedAt = conversation.closedAt
        ? instant(conversation.closedAt)
        : (solvedAt ?? lastAt(messages, createdAt));
      if (current !== "closed") {
        events.push({
          at: closedAt,
          actor: closeActor,
          type: "status_changed",
          from: statusMap[current ?? "active"],
          to: "solved",
        });
      }
      events.push({ at: closedAt, actor: closeActor, type: "status_changed", from: "solved", to: "closed" });
    } else if (finalStatus && current !== null && current !== status) {
      events.push({
        at: lastAt(messages, createdAt),
        actor: "system",
        type: "status_changed",
        from: current === "closed" ? "solved" : statusMap[current],
        to: finalStatus,
      });
    }

    const ticket: SnapshotTicket = {
      id: `hs-${conversation.id}`,
      customerId: `hs-${customerPerson.id}`,
      channel: channelMap[conversation.type?.toLowerCase() ?? "email"] ?? "email",
      status: finalStatus ?? "open",
      createdAt,
      messages,
    };
    if (conversation.subject) ticket.subject = conversation.subject;
    const tags = (conversation.tags ?? []).map((tag) => tag.tag).filter((tag) => tag.trim() !== "");
    if (tags.length > 0) ticket.tags = tags;
    if (conversation.assignee?.id && conversation.assignee.type !== "team") {
      ticket.assigneeId = agentFor(conversation.assignee) ?? undefined;
    }
    if (conversation.mailboxId) {
      const teamId = mailboxTeamId(conversation.mailboxId);
      if (!teamIds.has(teamId)) {
        teams.push({ id: teamId, name: `Help Scout mailbox ${conversation.mailboxId}` });
        teamIds.add(teamId);
        notes.push(`mailbox ${conversation.mailboxId} is not in the mailbox list: made team ${teamId} for it.`);
      }
      ticket.teamId = teamId;
    }
    const rating = ratingsByConversation.get(conversation.id);
    if (rating) {
      const score = ratingScores[rating.rating.toLowerCase()] as 1 | 3 | 5;
      const at = instant(rating.createdAt);
      ticket.csat = { score, at, ...(rating.comments ? { comment: rating.comments } : {}) };
      events.push({ at, actor: "customer", type: "csat_received", to: String(score), data: { ratingId: rating.id } });
      counts.ratings++;
    }
    if (events.length > 0) ticket.events = sortByTime(events);
    const attributes: Record<string, unknown> = { provider: "helpscout" };
    if (!finalStatus) attributes.status = conversation.status;
    if (conversation.type && !channelMap[conversation.type.toLowerCase()]) attributes.type = conversation.type;
    keepRest(conversation, mappedConversationFields, "conversation", attributes, kept);
    ticket.attributes = attributes;
    tickets.push(ticket);
    counts.conversations++;
  }

  counts.deletedUsers = deletedUsers.size;
  if (deletedUsers.size > 0) {
    notes.push(
      `${deletedUsers.size} users appear on conversations but are no longer in the account (deleted): kept as agents with helpScoutDeleted: true (${[...deletedUsers].map((id) => `hs-${id}`).join(", ")}).`,
    );
  }
  if (counts.spamSkipped > 0) notes.push(`${counts.spamSkipped} spam conversations were skipped.`);
  if (counts.draftsSkipped > 0) notes.push(`${counts.draftsSkipped} unpublished threads (drafts) were skipped.`);
  if (withoutCustomer > 0) notes.push(`${withoutCustomer} conversations without a customer were skipped.`);
  if (unlistedCustomers > 0) {
    notes.push(
      `${unlistedCustomers} customers appear on conversations but not in the customer list: made from the conversation.`,
    );
  }
  for (const type of unknownTypes) notes.push(`threads of unknown type "${type}" were kept as system notes.`);
  for (const status of unknownStatuses) {
    notes.push(`conversations with unknown status "${status}" were imported as open (attributes.status keeps it).`);
  }
  for (const rating of unknownRatings) notes.push(`ratings "${rating}" have no score and were skipped.`);

  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    workspace: { name: workspaceName(account), timezone: commonTimeZone(account.users) },
    teams,
    agents: [...agents.values()],
    customers: [...customers.values()],
    tickets,
  };
  return { snapshot, summary: { counts, keptInAttributes: [...kept].sort(), notes } };
}

type MappedThread = {
  kind: "customerMessages" | "agentReplies" | "internalNotes" | "systemNotes";
  message: SnapshotMessage;
};

function mapThread(
  thread: HelpScoutThread,
  at: string,
  agentId: string | null,
  kept: Set<string>,
  unknownTypes: Set<string>,
): MappedThread | null {
  const type = thread.type.toLowerCase();
  const body = helpScoutHtmlToText(thread.body ?? "");
  const attachments = thread._embedded?.attachments ?? [];
  const withAttachments = attachments.length > 0 ? `${body}${body ? "\n\n" : ""}${listAttachments(attachments)}` : body;
  const base = { id: `hs-${thread.id}`, at };
  const byCustomer = thread.createdBy?.type === "customer" || (!agentId && type === "customer");
  let mapped: MappedThread;
  if (type === "customer" || ((type === "chat" || type === "beaconchat" || type === "phone") && byCustomer)) {
    mapped = {
      kind: "customerMessages",
      message: { ...base, author: "customer", public: true, body: withAttachments },
    };
  } else if (
    (type === "message" || type === "reply" || type === "chat" || type === "beaconchat" || type === "phone") &&
    agentId
  ) {
    mapped = {
      kind: "agentReplies",
      message: { ...base, author: `agent:${agentId}`, public: true, body: withAttachments },
    };
  } else if (type === "note" && agentId) {
    mapped = {
      kind: "internalNotes",
      message: { ...base, author: `agent:${agentId}`, public: false, body: withAttachments },
    };
  } else if (type === "forwardparent" || type === "forwardchild") {
    const to = Array.isArray(thread.to) ? ` to ${thread.to.join(", ")}` : "";
    const text = `Forwarded${to}${withAttachments ? `: ${withAttachments}` : ""}`;
    mapped = agentId
      ? { kind: "internalNotes", message: { ...base, author: `agent:${agentId}`, public: false, body: text } }
      : { kind: "systemNotes", message: { ...base, author: "system", public: false, body: text } };
  } else {
    // Line items (status changes, assignments, workflows, merges) and anything unknown: a system note.
    if (type !== "lineitem" && type !== "message" && type !== "note" && type !== "customer")
      unknownTypes.add(thread.type);
    const text = thread.action?.text || withAttachments || thread.type;
    mapped = { kind: "systemNotes", message: { ...base, author: "system", public: false, body: text } };
  }
  const attributes: Record<string, unknown> = { type: thread.type };
  if (thread.action) attributes.action = thread.action;
  if (attachments.length > 0) {
    attributes.attachments = attachments.map((attachment) => ({
      id: attachment.id ?? undefined,
      filename: attachment.filename ?? undefined,
      mimeType: attachment.mimeType ?? undefined,
      size: attachment.size ?? undefined,
      url: attachment._links?.data?.href ?? attachment._links?.web?.href ?? undefined,
    }));
  }
  keepRest(thread, mappedThreadFields, "thread", attributes, kept);
  mapped.message.attributes = attributes;
  return mapped;
}

function listAttachments(attachments: HelpScoutAttachment[]): string {
  const lines = attachments.map((attachment) => {
    const details = [attachment.mimeType, attachment.size ? formatSize(attachment.size) : null]
      .filter(Boolean)
      .join(", ");
    return `- ${attachment.filename ?? "attachment"}${details ? ` (${details})` : ""}`;
  });
  return `Attachments:\n${lines.join("\n")}`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function mapUser(user: HelpScoutUser, kept: Set<string>): SnapshotAgent {
  const name = fullName(user.firstName, user.lastName) || user.email;
  const role = user.role === "owner" || user.role === "admin" ? "admin" : "agent";
  const email = emailSchema.safeParse(user.email).success ? user.email : `user-${user.id}@helpscout.invalid`;
  const agent: SnapshotAgent = { id: `hs-${user.id}`, name, email, role };
  const attributes: Record<string, unknown> = {};
  if (user.role) attributes.role = user.role;
  if (email !== user.email) attributes.email = user.email;
  keepRest(user, mappedUserFields, "user", attributes, kept);
  return Object.keys(attributes).length > 0 ? { ...agent, attributes } : agent;
}

function deletedUser(person: HelpScoutPerson): SnapshotAgent {
  const name =
    fullName(person.first ?? person.firstName, person.last ?? person.lastName) ||
    `Deleted Help Scout user ${person.id}`;
  const email =
    person.email && emailSchema.safeParse(person.email).success
      ? person.email
      : `deleted-user-${person.id}@helpscout.invalid`;
  return { id: `hs-${person.id}`, name, email, role: "agent", helpScoutDeleted: true };
}

function mapCustomer(customer: HelpScoutCustomer, kept: Set<string>): SnapshotCustomer {
  const embedded = customer._embedded;
  const emails = (embedded?.emails ?? []).map((email) => email.value.trim()).filter((email) => email !== "");
  const validEmail = emails.find((email) => emailSchema.safeParse(email).success);
  const phones = (embedded?.phones ?? []).map((phone) => phone.value.trim()).filter((phone) => phone !== "");
  const handles: Record<string, string> = {};
  for (const profile of [...(embedded?.social_profiles ?? []), ...(embedded?.chats ?? [])]) {
    const channel = handleChannel(profile.type ?? "other");
    const handle = socialHandle(channel, profile.value);
    if (handle && !handles[channel]) handles[channel] = handle;
  }
  const name =
    fullName(customer.firstName, customer.lastName) || validEmail || phones[0] || `Help Scout customer ${customer.id}`;
  const mapped: SnapshotCustomer = { id: `hs-${customer.id}`, name };
  if (validEmail) mapped.email = validEmail;
  if (phones[0]) mapped.phone = phones[0];
  if (Object.keys(handles).length > 0) mapped.handles = handles;
  if (customer.organization) mapped.company = customer.organization;
  const attributes: Record<string, unknown> = { provider: "helpscout" };
  if (emails.length > 1 || (emails.length === 1 && !validEmail)) attributes.emails = emails;
  if (phones.length > 1) attributes.phones = phones;
  if (embedded?.social_profiles?.length) attributes.socialProfiles = embedded.social_profiles;
  if (embedded?.chats?.length) attributes.chats = embedded.chats;
  if (embedded?.websites?.length) attributes.websites = embedded.websites.map((website) => website.value);
  for (const [key, value] of Object.entries(embedded ?? {})) {
    if (["emails", "phones", "social_profiles", "chats", "websites"].includes(key) || value == null) continue;
    attributes[key] = value;
    kept.add(`customer._embedded.${key}`);
  }
  for (const key of ["emails", "phones", "socialProfiles", "chats", "websites"]) {
    if (key in attributes) kept.add(`customer.${key}`);
  }
  keepRest(customer, mappedCustomerFields, "customer", attributes, kept);
  mapped.attributes = attributes;
  return mapped;
}

function unlistedCustomer(person: HelpScoutPerson): SnapshotCustomer {
  const email = person.email && emailSchema.safeParse(person.email).success ? person.email : undefined;
  const name =
    fullName(person.first ?? person.firstName, person.last ?? person.lastName) ||
    email ||
    `Help Scout customer ${person.id}`;
  return {
    id: `hs-${person.id}`,
    name,
    ...(email ? { email } : {}),
    attributes: { provider: "helpscout", unlisted: true },
  };
}

/** Help Scout's social profile and chat types as the desk's handle channels (twitter is X). */
function handleChannel(type: string): string {
  const lower = type.toLowerCase();
  return lower === "twitter" ? "x" : lower;
}

function socialHandle(channel: string, value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  if (channel === "x") {
    const match = /(?:twitter\.com|x\.com)\/@?([A-Za-z0-9_]+)/i.exec(trimmed);
    const name = match?.[1] ?? trimmed.replace(/^@/, "");
    return /^[A-Za-z0-9_]+$/.test(name) ? `@${name}` : trimmed;
  }
  return trimmed;
}

function withAttributes(
  team: SnapshotTeam,
  source: Record<string, unknown>,
  mapped: string[],
  kind: string,
  kept: Set<string>,
): SnapshotTeam {
  const attributes: Record<string, unknown> = {};
  keepRest(source, new Set(mapped), kind, attributes, kept);
  return Object.keys(attributes).length > 0 ? { ...team, attributes } : team;
}

function keepRest(
  source: Record<string, unknown>,
  mapped: Set<string>,
  kind: string,
  into: Record<string, unknown>,
  kept: Set<string>,
): void {
  for (const [key, value] of Object.entries(source)) {
    if (mapped.has(key) || isEmpty(value)) continue;
    into[key] = value;
    kept.add(`${kind}.${key}`);
  }
}

/** Nothing to keep: absent, null, or an empty list or object (Help Scout sends `cc: []` on every thread). */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}

function mailboxTeamId(mailboxId: string): string {
  return `hs-mailbox-${mailboxId}`;
}

function fullName(first: string | null | undefined, last: string | null | undefined): string {
  return [first, last]
    .map((part) => part?.trim() ?? "")
    .filter((part) => part !== "")
    .join(" ");
}

/**
 * An instant with an offset, as the snapshot needs: Help Scout writes UTC with a Z, but some of its
 * payloads (ratings) and FreeScout's leave the offset out, which means UTC.
 */
export function instant(value: string): string {
  const trimmed = value.trim().replace(" ", "T");
  const withOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) ? trimmed : `${trimmed}Z`;
  const milliseconds = Date.parse(withOffset);
  return Number.isNaN(milliseconds) ? trimmed : new Date(milliseconds).toISOString();
}

function lastAt(messages: SnapshotMessage[], fallback: string): string {
  return messages.at(-1)?.at ?? fallback;
}

function sortByTime(events: SnapshotTicketEvent[]): SnapshotTicketEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((left, right) => left.event.at.localeCompare(right.event.at) || left.index - right.index)
    .map(({ event }) => event);
}

function uniqueById<Item extends { id: string }>(items: Item[]): Item[] {
  const byId = new Map<string, Item>();
  for (const item of items) byId.set(item.id, item);
  return [...byId.values()];
}

function compareIds(left: string, right: string): number {
  const difference = Number(left) - Number(right);
  return Number.isNaN(difference) ? left.localeCompare(right) : difference;
}

/** The time zone most of the account's users work in, else UTC. */
function commonTimeZone(users: HelpScoutUser[]): string {
  const tally = new Map<string, number>();
  for (const user of users) {
    if (user.timezone && isTimeZone(user.timezone)) tally.set(user.timezone, (tally.get(user.timezone) ?? 0) + 1);
  }
  const [best] = [...tally.entries()].sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0]));
  return best?.[0] ?? "UTC";
}

function workspaceName(account: HelpScoutAccount): string {
  const [first] = [...account.mailboxes].sort((left, right) => compareIds(left.id, right.id));
  return first?.name?.trim() || "Help Scout";
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

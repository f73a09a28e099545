import sanitizeHtml from "sanitize-html";
import { decodeEntities } from "../../channels/email/email-html.ts";
import type {
  ChannelName,
  Priority,
  SnapshotMessage,
  SnapshotTicket,
  SnapshotTicketEvent,
  TicketStatus,
} from "../../core/snapshot/snapshot-schema.ts";
import { withoutEmpty, zendeskIds } from "./map-people.ts";
import type {
  ZendeskAttachment,
  ZendeskComment,
  ZendeskSatisfactionRating,
  ZendeskTicket,
  ZendeskTicketMetricEvent,
} from "./zendesk-pages.ts";

const statuses: Record<string, TicketStatus> = {
  new: "new",
  open: "open",
  pending: "pending",
  hold: "on_hold",
  solved: "solved",
  closed: "closed",
};

/** Zendesk's status; null for one the desk does not know (the caller notes it and keeps the ticket open). */
export function mapStatus(status: string): TicketStatus | null {
  return statuses[status] ?? null;
}

export function mapPriority(priority: string | null | undefined): Priority | undefined {
  return priority === "low" || priority === "normal" || priority === "high" || priority === "urgent"
    ? priority
    : undefined;
}

const socialProviders: Record<string, string> = {
  twitter: "x",
  twitter_dm: "x",
  twitter_favorite: "x",
  facebook: "messenger",
  facebook_post: "facebook",
  facebook_message: "messenger",
  whatsapp: "whatsapp",
  instagram: "instagram",
  instagram_dm: "instagram",
  telegram: "telegram",
  line: "line",
  wechat: "wechat",
  viber: "viber",
  kakaotalk: "kakaotalk",
  apple_business_chat: "apple_messages",
  google_business_messages: "google_business_messages",
};
const emailChannels = new Set([
  "email",
  // A web form (help center, the agent interface) is answered by email in Zendesk, so it is email here too.
  "web",
  "web_form",
  "help_center",
  "helpcenter",
  "forum",
  "topic",
  "rule",
  "closed_ticket",
  "side_conversation",
  "merge",
  "batch",
  "linked_problem",
]);
const chatChannels = new Set([
  "chat",
  "chat_transcript",
  "web_widget",
  "native_messaging",
  "messaging",
  "sunshine_conversations",
]);
const phoneChannels = new Set(["voice", "voicemail", "phone_call_inbound", "phone_call_outbound", "sms", "text"]);
const inAppChannels = new Set(["mobile_sdk", "mobile", "sdk"]);

/**
 * `via.channel` to the desk's channel: email and web forms → email, chat and messaging → chat,
 * voice and SMS → phone, social networks → social (the network in `provider`), mobile SDK → in_app,
 * API → api. `known` is false for a channel not listed here, which becomes api.
 */
export function mapChannel(channel: string | number | null | undefined): {
  channel: ChannelName;
  provider?: string;
  known: boolean;
} {
  const name = String(channel ?? "").toLowerCase();
  if (emailChannels.has(name)) return { channel: "email", known: true };
  if (chatChannels.has(name)) return { channel: "chat", known: true };
  if (phoneChannels.has(name)) return { channel: "phone", ...(name === "sms" ? { provider: "sms" } : {}), known: true };
  if (inAppChannels.has(name)) return { channel: "in_app", known: true };
  if (name === "api") return { channel: "api", known: true };
  const provider = socialProviders[name];
  if (provider) return { channel: "social", provider, known: true };
  if (name === "any_channel") return { channel: "social", provider: "any_channel", known: true };
  return { channel: "api", known: false };
}

/** Readable text of an HTML body: blocks become lines, tags go, entities are decoded. */
export function htmlToText(html: string): string {
  const marked = html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h[1-6]|tr|blockquote|pre)>/gi, "\n\n")
    .replace(/<li[^>]*>/gi, "- ");
  const stripped = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {}, disallowedTagsMode: "discard" });
  return decodeEntities(stripped)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The comment's text: the plain body Zendesk renders, else its text body, else its HTML made text. */
export function commentText(comment: ZendeskComment): string {
  const plain = comment.plain_body?.trim();
  if (plain) return plain;
  const body = comment.body?.trim();
  if (body) return body;
  return comment.html_body ? htmlToText(comment.html_body) : "";
}

export type ZendeskAuthorRole = "end-user" | "agent" | "admin" | string;

export type AuthorLookup = (userId: number) => ZendeskAuthorRole | undefined;

/**
 * Who wrote a comment, in the desk's words: an end user (the requester or anyone copied) is
 * "customer", an agent or admin (deleted ones too: Zendesk keeps their record) is "agent:zd-user-<id>",
 * and an author the export does not hold at all is "system", with the Zendesk id kept on the message.
 */
export function commentAuthor(comment: ZendeskComment, roleOf: AuthorLookup): SnapshotMessage["author"] {
  if (comment.author_id === null || comment.author_id === undefined) return "system";
  const role = roleOf(comment.author_id);
  if (role === undefined) return "system";
  return role === "agent" || role === "admin" ? `agent:${zendeskIds.user(comment.author_id)}` : "customer";
}

function attachmentOf(attachment: ZendeskAttachment): Record<string, unknown> {
  return withoutEmpty({
    name: attachment.file_name,
    url: attachment.content_url,
    contentType: attachment.content_type,
    size: attachment.size,
  });
}

/**
 * A comment as a message: public stays public, a private comment is an internal note. Attachments are
 * listed under the text (name and link, so a person sees them) and kept as data in `attachments`.
 */
export function mapComment(
  comment: ZendeskComment,
  roleOf: AuthorLookup,
  ticket: { requesterId?: number | null; channel?: string | number | null } = {},
): SnapshotMessage {
  const author = commentAuthor(comment, roleOf);
  const attachments = (comment.attachments ?? []).map(attachmentOf);
  const text = commentText(comment);
  const listed = attachments.map(
    (attachment) => `- ${attachment.name ?? "attachment"}: ${attachment.url ?? "(no link)"}`,
  );
  const body = listed.length > 0 ? `${text}\n\nAttachments:\n${listed.join("\n")}`.trim() : text;
  // Kept only where it says something the ticket does not: another way in, another end user.
  const via = comment.via as { channel?: unknown } | undefined;
  const kept = withoutEmpty({
    type: comment.type && comment.type !== "Comment" ? comment.type : undefined,
    via: via && via.channel !== ticket.channel ? via : undefined,
    authorId:
      author === "system" || (author === "customer" && comment.author_id !== ticket.requesterId)
        ? comment.author_id
        : undefined,
  });
  return {
    id: zendeskIds.comment(comment.id),
    at: comment.created_at,
    author,
    public: comment.public !== false,
    body,
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(Object.keys(kept).length > 0 ? { attributes: { zendesk: kept } } : {}),
  };
}

/** Good is a 5 and bad a 1 on the desk's 1–5 scale; offered and unoffered are no score (null). */
export function mapSatisfactionScore(score: string): 1 | 5 | null {
  if (score === "good") return 5;
  if (score === "bad") return 1;
  return null;
}

/** The ticket's rating: the latest good or bad one, received when Zendesk last updated it. */
export function mapSatisfaction(
  ratings: readonly ZendeskSatisfactionRating[],
): { csat: NonNullable<SnapshotTicket["csat"]>; reason?: string } | null {
  let chosen: { csat: NonNullable<SnapshotTicket["csat"]>; reason?: string } | null = null;
  for (const rating of ratings) {
    const score = mapSatisfactionScore(rating.score);
    const at = rating.updated_at ?? rating.created_at;
    if (score === null || !at) continue;
    if (chosen && Date.parse(chosen.csat.at) > Date.parse(at)) continue;
    chosen = {
      csat: { score, at, ...(rating.comment ? { comment: rating.comment } : {}) },
      ...(rating.reason ? { reason: rating.reason } : {}),
    };
  }
  return chosen;
}

/**
 * Ticket metric events to the desk's events: resolution_time fulfilled → status_changed to solved; an
 * activation after that → reopened (and back to open); a reply_time breach → sla_breached
 * (firstResponse for the first reply, nextResponse after). The rest (activations, pauses, other
 * metrics, SLA applications) is kept in attributes as it came.
 */
export function mapMetricEvents(events: readonly ZendeskTicketMetricEvent[]): {
  events: SnapshotTicketEvent[];
  kept: Record<string, unknown>[];
} {
  const sorted = [...events].sort(
    (left, right) => Date.parse(left.time) - Date.parse(right.time) || left.id - right.id,
  );
  const mapped: SnapshotTicketEvent[] = [];
  const kept: Record<string, unknown>[] = [];
  let solved = false;
  for (const event of sorted) {
    const data = { source: "zendesk", metricEventId: event.id };
    if (event.metric === "resolution_time" && event.type === "fulfill" && !solved) {
      mapped.push({ at: event.time, type: "status_changed", from: "open", to: "solved", data });
      solved = true;
      continue;
    }
    if (event.metric === "resolution_time" && event.type === "activate" && solved) {
      mapped.push({ at: event.time, type: "reopened", data });
      mapped.push({ at: event.time, type: "status_changed", from: "solved", to: "open", data });
      solved = false;
      continue;
    }
    if (event.metric === "reply_time" && event.type === "breach") {
      const metric = (event.instance_id ?? 1) > 1 ? "nextResponse" : "firstResponse";
      mapped.push({
        at: event.time,
        type: "sla_breached",
        data: { ...data, metric, ...withoutEmpty({ sla: event.sla }) },
      });
      continue;
    }
    const { ticket_id: _ticket, id: _id, ...rest } = event;
    kept.push(rest);
  }
  return { events: mapped, kept };
}

/** Fields of a ticket the mapping reads; every other field with a value is kept in `attributes.zendesk`. */
const mappedTicketFields = new Set([
  "id",
  "url",
  "subject",
  "raw_subject",
  "description",
  "status",
  "priority",
  "requester_id",
  "assignee_id",
  "group_id",
  "tags",
  "created_at",
  "satisfaction_rating",
  "generated_timestamp",
]);

/** How the summary names what the mapping keeps under its own names. */
const keptLabels: Record<string, string> = {
  status: "ticket.status (unknown ones)",
  assigneeId: "ticket.assignee_id (agents the export does not hold)",
  groupId: "ticket.group_id (groups the export does not hold)",
  satisfactionReason: "satisfaction_rating.reason",
  metricEvents: "ticket_metric_events (activations, pauses, other metrics)",
};

export type TicketContext = {
  comments: readonly ZendeskComment[];
  ratings: readonly ZendeskSatisfactionRating[];
  metricEvents: readonly ZendeskTicketMetricEvent[];
  roleOf: AuthorLookup;
  /** Ids of the agents and teams the snapshot holds, to drop references to ones it does not. */
  agentIds: ReadonlySet<string>;
  teamIds: ReadonlySet<string>;
  /** The customer to use when the requester is missing. */
  customerIdOf: (requesterId: number | null | undefined) => string;
};

export type MappedTicket = {
  ticket: SnapshotTicket;
  /** Names of the provider's fields kept in attributes, e.g. "ticket.via". */
  kept: string[];
  unknownStatus?: string;
  unknownChannel?: string;
  solvedWithoutTime: boolean;
  unscoredRatings: number;
};

export function mapTicket(source: ZendeskTicket, context: TicketContext): MappedTicket {
  const status = mapStatus(source.status);
  const via = mapChannel(source.via?.channel);
  const comments = [...context.comments].sort(
    (left, right) => Date.parse(left.created_at) - Date.parse(right.created_at) || left.id - right.id,
  );
  const messages = comments.map((comment) =>
    mapComment(comment, context.roleOf, { requesterId: source.requester_id, channel: source.via?.channel }),
  );
  const metric = mapMetricEvents(context.metricEvents);
  const events = [...metric.events];
  const satisfaction = mapSatisfaction(context.ratings);
  if (satisfaction) {
    events.push({
      at: satisfaction.csat.at,
      actor: "customer",
      type: "csat_received",
      data: { score: satisfaction.csat.score },
    });
  }
  events.sort((left, right) => Date.parse(left.at) - Date.parse(right.at));

  const rest = withoutEmpty(
    Object.fromEntries(Object.entries(source).filter(([field]) => !mappedTicketFields.has(field))),
  );
  const assigneeId = source.assignee_id ? zendeskIds.user(source.assignee_id) : undefined;
  const teamId = source.group_id ? zendeskIds.group(source.group_id) : undefined;
  const zendesk = withoutEmpty({
    id: source.id,
    ...rest,
    status: status ? undefined : source.status,
    assigneeId: assigneeId && !context.agentIds.has(assigneeId) ? source.assignee_id : undefined,
    groupId: teamId && !context.teamIds.has(teamId) ? source.group_id : undefined,
    satisfactionReason: satisfaction?.reason,
    metricEvents: metric.kept,
  });
  const solvedNow = status === "solved" || status === "closed";
  const ticket: SnapshotTicket = {
    id: zendeskIds.ticket(source.id),
    customerId: context.customerIdOf(source.requester_id),
    channel: via.channel,
    ...(source.subject ? { subject: source.subject } : {}),
    status: status ?? "open",
    ...(mapPriority(source.priority) ? { priority: mapPriority(source.priority) } : {}),
    ...(source.tags && source.tags.length > 0 ? { tags: [...source.tags] } : {}),
    ...(assigneeId && context.agentIds.has(assigneeId) ? { assigneeId } : {}),
    ...(teamId && context.teamIds.has(teamId) ? { teamId } : {}),
    createdAt: source.created_at,
    messages,
    ...(events.length > 0 ? { events } : {}),
    ...(satisfaction ? { csat: satisfaction.csat } : {}),
    attributes: withoutEmpty({ provider: via.provider, zendesk }),
  };
  return {
    ticket,
    kept: Object.keys(zendesk)
      .filter((field) => field !== "id")
      .map((field) => keptLabels[field] ?? `ticket.${field}`),
    ...(status ? {} : { unknownStatus: source.status }),
    ...(via.known ? {} : { unknownChannel: String(source.via?.channel ?? "(none)") }),
    solvedWithoutTime: solvedNow && !metric.events.some((event) => event.to === "solved"),
    unscoredRatings: context.ratings.filter((rating) => mapSatisfactionScore(rating.score) === null).length,
  };
}

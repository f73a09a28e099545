import { createRandom, day, hour, itemAt, minute, type Random } from "../snapshot-generator.ts";
import { type FakeResponse, type FakeServer, type RecordedRequest, startFakeServer } from "./fake-server.ts";

/**
 * A Zendesk account as its Support API returns it (the documented payload shapes, trimmed to the
 * fields an import reads plus a few it keeps aside). Generated from a seed, so a test can compute the
 * expected figures from the same data the fake serves.
 */
export type ZendeskAccount = {
  groups: Record<string, unknown>[];
  organizations: Record<string, unknown>[];
  users: ZendeskFakeUser[];
  tickets: ZendeskFakeTicket[];
  /** Comments by ticket id, oldest first. */
  comments: Map<number, ZendeskFakeComment[]>;
  satisfactionRatings: ZendeskFakeRating[];
  ticketMetricEvents: ZendeskFakeMetricEvent[];
};

export type ZendeskFakeUser = {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  role: "end-user" | "agent" | "admin";
  organization_id: number | null;
  default_group_id: number | null;
  locale: string;
  time_zone: string;
  active: boolean;
  suspended: boolean;
  tags: string[];
  user_fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
};

export type ZendeskFakeTicket = {
  id: number;
  subject: string;
  status: string;
  priority: string | null;
  type: string | null;
  requester_id: number;
  assignee_id: number | null;
  group_id: number | null;
  organization_id: number | null;
  tags: string[];
  via: { channel: string; source: Record<string, unknown> };
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
};

export type ZendeskFakeComment = {
  id: number;
  type: string;
  author_id: number;
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  attachments: Record<string, unknown>[];
  created_at: string;
  [field: string]: unknown;
};

export type ZendeskFakeRating = {
  id: number;
  ticket_id: number;
  requester_id: number;
  assignee_id: number | null;
  group_id: number | null;
  score: "good" | "bad" | "offered" | "unoffered";
  comment: string | null;
  reason: string | null;
  created_at: string;
  updated_at: string;
};

export type ZendeskFakeMetricEvent = {
  id: number;
  ticket_id: number;
  metric: string;
  instance_id: number;
  type: string;
  time: string;
  sla?: Record<string, unknown>;
  status?: Record<string, unknown>;
};

export type ZendeskAccountOptions = {
  tickets: number;
  seed?: number;
  /** Tickets are created from this instant over `days` days (default: 2026-01-01, 90 days). */
  start?: string;
  days?: number;
};

export type FakeZendeskOptions = {
  account: ZendeskAccount;
  email: string;
  token: string;
  /** Requests per minute for the whole account (Zendesk's plans allow 200 to 2,500; default 700). */
  requestsPerMinute?: number;
  /** Requests per minute to the incremental export endpoints (Zendesk: 10). */
  incrementalPerMinute?: number;
  /** Page size of the incremental ticket and user exports (Zendesk: up to 1,000). */
  exportPageSize?: number;
  /** Largest page of the cursor-paginated lists (Zendesk: 100); smaller makes tickets with several comment pages. */
  listPageSize?: number;
  /** The rate-limit window (Zendesk: a minute); a process test shortens it so waits stay short. */
  windowMilliseconds?: number;
  /** Rate limits on the real clock (for a separate process) instead of the fake's own, moved by `advance`. */
  realTime?: boolean;
};

export type FakeZendesk = FakeServer & {
  account: ZendeskAccount;
  /** Moves the fake's own clock for rate limits (unless `realTime`): a test's `sleep` calls it, so waiting costs no time. */
  advance(milliseconds: number): void;
  /** After `requests` more requests, every request is answered 503 until `recover()`: an outage mid-run. */
  goDownAfter(requests: number): void;
  recover(): void;
  /** The requests answered 200, as path + query. */
  servedPages(): string[];
  /** How many requests were answered 429. */
  rateLimited(): number;
};

const zendeskTime = (milliseconds: number) => new Date(milliseconds).toISOString().replace(/\.\d{3}Z$/, "Z");

const groupNames = ["Support", "Billing", "Technical", "Escalations"] as const;
const companies = ["Acme Corp", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises"];
const firstNames = [
  "Ana",
  "Ben",
  "Chloé",
  "Dmitri",
  "Emma",
  "Felipe",
  "Grace",
  "Hiro",
  "Ines",
  "Jonas",
  "Kemal",
  "Lena",
];
const lastNames = ["Silva", "Okafor", "Martin", "Ivanova", "Schmidt", "Garcia", "Kim", "Tanaka", "Rossi", "Berg"];
const locales = ["en-US", "en-GB", "de", "es", "fr", "pt-BR"] as const;
const problems = [
  ["Cannot export invoices to PDF", "export", "billing"],
  ["Login loop after password reset", "login", "account"],
  ["Charged twice this month", "refund", "billing"],
  ["Webhook deliveries failing", "webhooks", "integration"],
  ["How do I add a team member?", "how_to", "account"],
  ["App crashes when uploading photos", "crash", "mobile"],
] as const;
const channelWeights = [
  ["email", 40],
  ["web", 20],
  ["chat", 10],
  ["native_messaging", 5],
  ["voice", 5],
  ["sms", 3],
  ["twitter", 3],
  ["facebook", 3],
  ["whatsapp", 3],
  ["api", 5],
  ["mobile_sdk", 3],
] as const;

/** A realistic account: groups, organisations, agents (one deleted), customers (some deleted or suspended), tickets with HTML comments, attachments, ratings and metric events. */
export function generateZendeskAccount(options: ZendeskAccountOptions): ZendeskAccount {
  const random = createRandom(options.seed ?? 1);
  const start = Date.parse(options.start ?? "2026-01-01T00:00:00Z");
  const span = (options.days ?? 90) * day;
  const created = zendeskTime(start - 400 * day);

  const groups = groupNames.map((name, index) => ({
    id: 360_000 + index,
    url: `https://example.zendesk.com/api/v2/groups/${360_000 + index}.json`,
    name,
    description: `${name} team`,
    default: index === 0,
    deleted: false,
    is_public: true,
    created_at: created,
    updated_at: created,
  }));
  const organizationCount = Math.max(3, Math.ceil(options.tickets / 60));
  const organizations = Array.from({ length: organizationCount }, (_, index) => {
    const name =
      index < companies.length ? itemAt(companies, index) : `${itemAt(companies, index % companies.length)} ${index}`;
    const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "")}.example`;
    return {
      id: 900_000 + index,
      url: `https://example.zendesk.com/api/v2/organizations/${900_000 + index}.json`,
      name,
      domain_names: [domain],
      details: index % 3 === 0 ? "Enterprise customer since 2021" : "",
      notes: "",
      group_id: null,
      shared_tickets: false,
      shared_comments: false,
      tags: index % 2 === 0 ? ["enterprise"] : ["smb"],
      organization_fields: { plan: index % 2 === 0 ? "enterprise" : "growth", seats: 5 + index },
      created_at: created,
      updated_at: created,
    };
  });

  let userId = 1_000;
  const person = (random: Random) => `${random.pick(firstNames)} ${random.pick(lastNames)}`;
  const users: ZendeskFakeUser[] = [];
  const addUser = (fields: Partial<ZendeskFakeUser> & Pick<ZendeskFakeUser, "role" | "name">): ZendeskFakeUser => {
    userId += 1;
    const user: ZendeskFakeUser = {
      id: userId,
      url: `https://example.zendesk.com/api/v2/users/${userId}.json`,
      email: null,
      phone: null,
      organization_id: null,
      default_group_id: null,
      locale: "en-US",
      time_zone: "Berlin",
      iana_time_zone: "Europe/Berlin",
      active: true,
      suspended: false,
      verified: true,
      shared_phone_number: null,
      tags: [],
      user_fields: {},
      created_at: created,
      updated_at: created,
      ...fields,
    };
    users.push(user);
    return user;
  };
  const agents = Array.from({ length: 8 }, (_, index) =>
    addUser({
      name: person(random),
      email: `agent${index + 1}@support.example`,
      role: index === 0 ? "admin" : "agent",
      default_group_id: itemAt(groups, index % groups.length).id,
      time_zone: "London",
      iana_time_zone: "Europe/London",
    }),
  );
  // A former agent whose account was deleted: Zendesk keeps the record, inactive, without an email.
  const formerAgent = addUser({ name: "Permanently deleted user", role: "agent", active: false, email: null });
  const customerCount = Math.max(10, Math.ceil(options.tickets / 2));
  const customers = Array.from({ length: customerCount }, (_, index) => {
    const deleted = index % 97 === 5;
    const organization = random.chance(0.6) ? random.pick(organizations) : null;
    return addUser({
      name: deleted ? "Permanently deleted user" : person(random),
      email: deleted
        ? null
        : `customer${index + 1}@${organization ? (organization.domain_names[0] as string) : "mail.example"}`,
      phone: !deleted && index % 7 === 0 ? `+4915${String(10_000_000 + index).padStart(8, "0")}` : null,
      role: "end-user",
      organization_id: organization?.id ?? null,
      locale: random.pick(locales),
      active: !deleted,
      suspended: !deleted && index % 53 === 7,
      tags: index % 5 === 0 ? ["vip"] : [],
      user_fields: { account_id: `acct_${index + 1}` },
    });
  });

  const tickets: ZendeskFakeTicket[] = [];
  const comments = new Map<number, ZendeskFakeComment[]>();
  const satisfactionRatings: ZendeskFakeRating[] = [];
  const ticketMetricEvents: ZendeskFakeMetricEvent[] = [];
  let commentId = 5_000_000;
  let attachmentId = 7_000_000;
  let ratingId = 8_000_000;
  let metricId = 9_000_000;
  const metric = (
    ticketId: number,
    name: string,
    type: string,
    at: number,
    extra: Partial<ZendeskFakeMetricEvent> = {},
  ) => {
    metricId += 1;
    ticketMetricEvents.push({
      id: metricId,
      ticket_id: ticketId,
      metric: name,
      instance_id: 1,
      type,
      time: zendeskTime(at),
      ...extra,
    });
  };

  for (let index = 0; index < options.tickets; index++) {
    const ticketId = 10_000 + index;
    const createdAt = start + Math.floor((index / options.tickets) * span) + random.integer(0, 59) * minute;
    const requester = random.pick(customers);
    const [subject, topic, area] = random.pick(problems);
    const channel = random.weighted(channelWeights);
    const group = random.pick(groups);
    const agent = random.chance(0.05) ? formerAgent : random.pick(agents);
    const status = random.weighted([
      ["new", 5],
      ["open", 10],
      ["pending", 6],
      ["hold", 3],
      ["solved", 30],
      ["closed", 46],
    ] as const);
    const priority = random.weighted([
      [null, 20],
      ["low", 15],
      ["normal", 40],
      ["high", 18],
      ["urgent", 7],
    ] as const);
    const list: ZendeskFakeComment[] = [];
    const comment = (authorId: number, at: number, text: string, isPublic: boolean, withAttachment = false) => {
      commentId += 1;
      if (withAttachment) attachmentId += 1;
      const paragraphs = text.split("\n\n");
      const attachments = withAttachment
        ? [
            {
              id: attachmentId,
              file_name: `screenshot-${attachmentId}.png`,
              content_url: `https://example.zendesk.com/attachments/token/${attachmentId}/?name=screenshot-${attachmentId}.png`,
              content_type: "image/png",
              size: 20_000 + (attachmentId % 5_000),
              inline: false,
              deleted: false,
            },
          ]
        : [];
      list.push({
        id: commentId,
        type: channel === "voice" && list.length === 0 ? "VoiceComment" : "Comment",
        author_id: authorId,
        body: text,
        html_body: `<div class="zd-comment" dir="auto">${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join("")}</div>`,
        plain_body: text,
        public: isPublic,
        attachments,
        audit_id: commentId + 1,
        via: { channel, source: { from: {}, to: {}, rel: null } },
        metadata: { system: { client: "Mozilla/5.0", ip_address: "203.0.113.9" }, custom: {} },
        created_at: zendeskTime(at),
      });
    };
    comment(
      requester.id,
      createdAt,
      `Hello,\n\n${subject}. It started this week & it blocks our work <again>.\n\nThanks`,
      true,
      random.chance(0.15),
    );
    let time = createdAt;
    metric(ticketId, "reply_time", "activate", createdAt);
    metric(ticketId, "resolution_time", "activate", createdAt);
    metric(ticketId, "requester_wait_time", "activate", createdAt);
    if (status !== "new") {
      if (random.chance(0.3)) {
        time += random.integer(2, 60) * minute;
        comment(agent.id, time, `Checked the account logs for ${topic}; looping in ${area}.`, false);
      }
      time += random.integer(5, 6 * 60) * minute;
      comment(
        agent.id,
        time,
        `Hi ${requester.name.split(" ")[0]},\n\nThanks for reporting this. We are looking into it.`,
        true,
      );
      metric(ticketId, "reply_time", "fulfill", time);
      if (random.chance(0.15)) {
        metric(ticketId, "reply_time", "breach", time - minute, {
          sla: { target: 60, business_hours: false, policy: { id: 25, title: "Standard", description: null } },
        });
      }
    }
    if (status === "solved" || status === "closed") {
      const reopened = random.chance(0.1);
      if (random.chance(0.5) || reopened) {
        time += random.integer(10, 24 * 60) * minute;
        comment(requester.id, time, "That helped, but one more question about it.", true, random.chance(0.1));
        time += random.integer(10, 12 * 60) * minute;
        comment(agent.id, time, "Here is how to do it: open Settings and follow the steps.", true);
      }
      time += random.integer(5, 120) * minute;
      metric(ticketId, "resolution_time", "fulfill", time);
      metric(ticketId, "requester_wait_time", "fulfill", time);
      if (reopened) {
        time += random.integer(60, 48 * 60) * minute;
        comment(requester.id, time, "It is broken again.", true);
        metric(ticketId, "resolution_time", "activate", time);
        time += random.integer(30, 24 * 60) * minute;
        comment(agent.id, time, "Fixed for good now.", true);
        time += random.integer(5, 60) * minute;
        metric(ticketId, "resolution_time", "fulfill", time);
      }
      const score = random.weighted([
        ["good", 45],
        ["bad", 10],
        ["offered", 20],
        [null, 25],
      ] as const);
      if (score) {
        ratingId += 1;
        const offeredAt = time + hour;
        const ratedAt = score === "offered" ? offeredAt : offeredAt + random.integer(10, 3 * 24 * 60) * minute;
        satisfactionRatings.push({
          id: ratingId,
          ticket_id: ticketId,
          requester_id: requester.id,
          assignee_id: agent.id,
          group_id: group.id,
          score,
          comment: score === "bad" ? "Took too long." : score === "good" && random.chance(0.5) ? "Great help!" : null,
          reason: score === "bad" ? "The issue took too long to resolve" : null,
          created_at: zendeskTime(offeredAt),
          updated_at: zendeskTime(ratedAt),
        });
      }
    }
    comments.set(ticketId, list);
    tickets.push({
      id: ticketId,
      url: `https://example.zendesk.com/api/v2/tickets/${ticketId}.json`,
      external_id: null,
      via: {
        channel,
        source: {
          from: channel === "email" ? { address: requester.email, name: requester.name } : {},
          to: {},
          rel: null,
        },
      },
      created_at: zendeskTime(createdAt),
      updated_at: zendeskTime(time),
      generated_timestamp: Math.floor(time / 1000),
      type: random.pick(["question", "incident", "problem", "task", null] as const),
      subject,
      raw_subject: subject,
      description: list[0]?.body ?? "",
      priority,
      status,
      recipient: "support@example.zendesk.com",
      requester_id: requester.id,
      submitter_id: requester.id,
      assignee_id: status === "new" ? null : agent.id,
      organization_id: requester.organization_id,
      group_id: status === "new" ? null : group.id,
      collaborator_ids: [],
      follower_ids: [],
      email_cc_ids: [],
      problem_id: null,
      has_incidents: false,
      is_public: true,
      due_at: null,
      tags: [topic, area, ...(random.chance(0.2) ? ["vip"] : [])],
      custom_fields: [{ id: 360_001, value: random.pick(["web_app", "ios", "android"]) }],
      satisfaction_rating: null,
      ticket_form_id: 360_100,
      brand_id: 360_200,
      allow_channelback: false,
      allow_attachments: true,
      from_messaging_channel: channel === "native_messaging",
    });
  }
  // A ticket deleted in Zendesk still appears in the incremental export, with status "deleted".
  if (options.tickets >= 20) {
    const deleted = itemAt(tickets, 3);
    deleted.status = "deleted";
  }
  const ticketsById = new Map(tickets.map((ticket) => [ticket.id, ticket]));
  for (const rating of satisfactionRatings) {
    const ticket = ticketsById.get(rating.ticket_id);
    if (ticket)
      ticket.satisfaction_rating = {
        score: rating.score,
        id: rating.id,
        comment: rating.comment,
        reason: rating.reason,
      };
  }
  ticketMetricEvents.sort((left, right) => left.time.localeCompare(right.time) || left.id - right.id);
  return { groups, organizations, users, tickets, comments, satisfactionRatings, ticketMetricEvents };
}

/** The account behind the Support API on a loopback port, paginating, authenticating and rate limiting as Zendesk does. */
export async function startFakeZendesk(options: FakeZendeskOptions): Promise<FakeZendesk> {
  const { account } = options;
  const expected = `Basic ${Buffer.from(`${options.email}/token:${options.token}`).toString("base64")}`;
  const requestsPerMinute = options.requestsPerMinute ?? 700;
  const incrementalPerMinute = options.incrementalPerMinute ?? 10;
  const exportPageSize = options.exportPageSize ?? 1000;
  const window = options.windowMilliseconds ?? minute;
  let virtualNow = 0;
  const now = () => (options.realTime ? Date.now() : virtualNow);
  let windowStart = now();
  let inWindow = 0;
  let incrementalInWindow = 0;
  let downAfter: number | null = null;
  let rateLimited = 0;
  // Tickets come out of the incremental export in the order they last changed, as Zendesk sends them.
  const exportOrder = [...account.tickets].sort(
    (left, right) => left.updated_at.localeCompare(right.updated_at) || left.id - right.id,
  );
  const ticketsById = new Map(account.tickets.map((ticket) => [ticket.id, ticket]));
  const usersOrder = [...account.users].sort(
    (left, right) => left.updated_at.localeCompare(right.updated_at) || left.id - right.id,
  );

  const limited = (request: RecordedRequest): FakeResponse | null => {
    const moment = now();
    if (moment - windowStart >= window) {
      windowStart = moment - ((moment - windowStart) % window);
      inWindow = 0;
      incrementalInWindow = 0;
    }
    const incremental =
      request.path.startsWith("/api/v2/incremental/") && !request.path.includes("ticket_metric_events");
    const over = incremental ? incrementalInWindow >= incrementalPerMinute : inWindow >= requestsPerMinute;
    if (over) {
      rateLimited += 1;
      const seconds = Math.max(1, Math.ceil((windowStart + window - moment) / 1000));
      return {
        status: 429,
        headers: {
          "retry-after": String(seconds),
          "x-rate-limit": String(requestsPerMinute),
          "x-rate-limit-remaining": "0",
        },
        body: { error: "APIRateLimitExceeded", description: "Number of allowed API requests per minute exceeded" },
      };
    }
    inWindow += 1;
    if (incremental) incrementalInWindow += 1;
    return null;
  };

  const server = await startFakeServer((request, base) => {
    if (downAfter !== null) {
      if (downAfter <= 0) return { status: 503, body: { error: "ServiceUnavailable" } };
      downAfter -= 1;
    }
    if (request.headers.authorization !== expected) {
      return { status: 401, body: { error: "Couldn't authenticate you" } };
    }
    const tooMany = limited(request);
    if (tooMany) return tooMany;
    const url = (path: string, query: Record<string, string>) => `${base.url}${path}?${new URLSearchParams(query)}`;

    if (request.path === "/api/v2/incremental/tickets/cursor.json") {
      return cursorExport(request, "tickets", exportOrder, exportPageSize, url);
    }
    if (request.path === "/api/v2/incremental/users/cursor.json") {
      return cursorExport(request, "users", usersOrder, exportPageSize, url);
    }
    const list = (name: string, items: readonly unknown[]) =>
      listPage(request, name, items, url, options.listPageSize ?? 100);
    if (request.path === "/api/v2/groups.json") return list("groups", account.groups);
    if (request.path === "/api/v2/organizations.json") return list("organizations", account.organizations);
    if (request.path === "/api/v2/satisfaction_ratings.json")
      return list("satisfaction_ratings", account.satisfactionRatings);
    if (request.path === "/api/v2/incremental/ticket_metric_events.json") {
      const since = Number(request.query.get("start_time") ?? Number.NaN);
      if (!Number.isFinite(since))
        return { status: 400, body: { error: "InvalidValue", description: "start_time is required" } };
      const events = account.ticketMetricEvents.filter((event) => Date.parse(event.time) / 1000 >= since);
      return list("ticket_metric_events", events);
    }
    const commentsPath = /^\/api\/v2\/tickets\/(\d+)\/comments\.json$/.exec(request.path);
    if (commentsPath) {
      const ticketId = Number(commentsPath[1]);
      const ticket = ticketsById.get(ticketId);
      if (!ticket || ticket.status === "deleted")
        return { status: 404, body: { error: "RecordNotFound", description: "Not found" } };
      return list("comments", account.comments.get(ticketId) ?? []);
    }
    return { status: 404, body: { error: "InvalidEndpoint", description: "Not found" } };
  });

  return {
    ...server,
    account,
    advance: (milliseconds) => {
      virtualNow += milliseconds;
    },
    goDownAfter: (requests) => {
      downAfter = requests;
    },
    recover: () => {
      downAfter = null;
    },
    servedPages: () =>
      server.requests
        .filter((request) => request.response?.status === 200)
        .map((request) => `${request.path}?${request.query.toString()}`),
    rateLimited: () => rateLimited,
  };
}

type UrlOf = (path: string, query: Record<string, string>) => string;

/** Cursor-based incremental export: `after_cursor`, `after_url` and `end_of_stream`. */
function cursorExport(
  request: RecordedRequest,
  name: string,
  items: readonly unknown[],
  pageSize: number,
  url: UrlOf,
): FakeResponse {
  const cursor = request.query.get("cursor");
  if (!cursor && request.query.get("start_time") === null) {
    return {
      status: 400,
      body: { error: "InvalidPaginationParameter", description: "start_time or cursor is required" },
    };
  }
  const size = Math.min(Number(request.query.get("per_page") ?? pageSize) || pageSize, 1000);
  const offset = cursor ? decodeCursor(cursor) : 0;
  if (offset === null)
    return { status: 400, body: { error: "InvalidPaginationParameter", description: "cursor is invalid" } };
  const page = items.slice(offset, offset + size);
  const after = encodeCursor(offset + page.length);
  const before = encodeCursor(offset);
  return {
    status: 200,
    body: {
      [name]: page,
      after_url: url(request.path, { cursor: after }),
      after_cursor: after,
      before_url: offset > 0 ? url(request.path, { cursor: before }) : null,
      before_cursor: offset > 0 ? before : null,
      end_of_stream: offset + page.length >= items.length,
    },
  };
}

/** Cursor pagination of a list: `page[size]` (at most 100), `page[after]`, `meta.has_more` and `links.next`. */
function listPage(
  request: RecordedRequest,
  name: string,
  items: readonly unknown[],
  url: UrlOf,
  largest: number,
): FakeResponse {
  const size = Math.min(Number(request.query.get("page[size]") ?? largest) || largest, largest);
  const afterCursor = request.query.get("page[after]");
  const offset = afterCursor ? decodeCursor(afterCursor) : 0;
  if (offset === null)
    return { status: 400, body: { error: "InvalidPaginationParameter", description: "page[after] is invalid" } };
  const page = items.slice(offset, offset + size);
  const hasMore = offset + page.length < items.length;
  const after = encodeCursor(offset + page.length);
  const keep = Object.fromEntries([...request.query].filter(([key]) => !key.startsWith("page[")));
  return {
    status: 200,
    body: {
      [name]: page,
      meta: {
        has_more: hasMore,
        after_cursor: hasMore ? after : null,
        before_cursor: offset > 0 ? encodeCursor(offset) : null,
      },
      links: {
        prev:
          offset > 0
            ? url(request.path, { ...keep, "page[size]": String(size), "page[before]": encodeCursor(offset) })
            : null,
        next: hasMore ? url(request.path, { ...keep, "page[size]": String(size), "page[after]": after }) : null,
      },
    },
  };
}

const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString("base64url");

function decodeCursor(cursor: string): number | null {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? Number(match[1]) : null;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * A month's report figures (UTC) straight from the account's Zendesk records, by the definitions in
 * spec/metrics.md: what a migration's report must show, computed without the import.
 */
export function monthFiguresOf(account: ZendeskAccount, month: string) {
  const start = Date.parse(`${month}-01T00:00:00Z`);
  const next = new Date(start);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const end = next.getTime();
  const roles = new Map(account.users.map((user) => [user.id, user.role]));
  const inMonth = (time: string) => Date.parse(time) >= start && Date.parse(time) < end;
  const live = account.tickets.filter((ticket) => ticket.status !== "deleted");
  const liveIds = new Set(live.map((ticket) => ticket.id));
  const agentReplies = (ticketId: number) =>
    (account.comments.get(ticketId) ?? []).filter(
      (comment) =>
        comment.public && roles.get(comment.author_id) !== "end-user" && Date.parse(comment.created_at) < end,
    );
  const resolutionEvents = new Map<number, ZendeskFakeMetricEvent[]>();
  for (const event of account.ticketMetricEvents) {
    if (event.metric !== "resolution_time" || Date.parse(event.time) >= end) continue;
    resolutionEvents.set(event.ticket_id, [...(resolutionEvents.get(event.ticket_id) ?? []), event]);
  }

  const firstResponseHours: number[] = [];
  for (const ticket of live.filter((candidate) => inMonth(candidate.created_at))) {
    const first = agentReplies(ticket.id)[0];
    if (first) firstResponseHours.push((Date.parse(first.created_at) - Date.parse(ticket.created_at)) / hour);
  }
  let firstSolved = 0;
  let solvedInMonth = 0;
  let firstContact = 0;
  for (const ticket of live) {
    const events = resolutionEvents.get(ticket.id) ?? [];
    const fulfilments = events.filter((event) => event.type === "fulfill");
    if (fulfilments[0] && inMonth(fulfilments[0].time)) firstSolved += 1;
    if (!fulfilments.some((event) => inMonth(event.time))) continue;
    solvedInMonth += 1;
    // Activated again after the first activation: the ticket was reopened.
    const reopened = events.filter((event) => event.type === "activate").length > 1;
    if (agentReplies(ticket.id).length === 1 && !reopened) firstContact += 1;
  }
  const scored = account.satisfactionRatings.filter(
    (rating) =>
      liveIds.has(rating.ticket_id) &&
      (rating.score === "good" || rating.score === "bad") &&
      inMonth(rating.updated_at),
  );
  const sorted = [...firstResponseHours].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return {
    volume: live.filter((ticket) => inMonth(ticket.created_at)).length,
    firstSolved,
    firstResponseHours,
    firstResponseMedianHours:
      sorted.length === 0
        ? null
        : sorted.length % 2 === 1
          ? itemAt(sorted, middle)
          : (itemAt(sorted, middle - 1) + itemAt(sorted, middle)) / 2,
    fcrPct: solvedInMonth === 0 ? null : (100 * firstContact) / solvedInMonth,
    good: scored.filter((rating) => rating.score === "good").length,
    bad: scored.filter((rating) => rating.score === "bad").length,
  };
}

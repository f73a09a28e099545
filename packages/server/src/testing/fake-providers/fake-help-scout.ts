import { createRandom, day, hour, minute, mixSeed, type Random } from "../snapshot-generator.ts";
import { type FakeServer, type RecordedRequest, startFakeServer } from "./fake-server.ts";

/**
 * A Help Scout account as its Inbox API 2.0 returns it (the documented payloads: HAL lists with
 * `_embedded`, `page` and `_links`, conversations with their threads, customers with their emails,
 * phones and social profiles, satisfaction ratings), generated from a seed.
 */
export type FakeHelpScoutAccount = {
  mailboxes: Record<string, unknown>[];
  /** The users the account lists; threads also name users that were deleted since. */
  users: Record<string, unknown>[];
  deletedUsers: Record<string, unknown>[];
  teams: Record<string, unknown>[];
  customers: Record<string, unknown>[];
  /** Full conversation objects with `_embedded.threads`, newest thread first as Help Scout lists them. */
  conversations: FakeConversation[];
  ratings: FakeRating[];
};

export type FakePerson = { id: number; type: "user" | "customer"; first: string; last: string; email: string };
export type FakeThread = {
  id: number;
  type: string;
  status: string;
  state: string;
  body: string;
  createdAt: string;
  createdBy: FakePerson;
  [field: string]: unknown;
};
type ThreadFields = {
  type: string;
  status: string;
  body: string;
  createdAt: string;
  createdBy: FakePerson;
  state?: string;
  [field: string]: unknown;
};
export type FakeConversation = {
  id: number;
  type: "email" | "chat" | "phone";
  status: "active" | "pending" | "closed" | "spam";
  createdAt: string;
  closedAt?: string;
  mailboxId: number;
  primaryCustomer: FakePerson;
  _embedded: { threads: FakeThread[] };
  [field: string]: unknown;
};
export type FakeRating = {
  id: number;
  conversationId: number;
  conversationNumber: number;
  threadId: number;
  mailboxId: number;
  rating: "great" | "okay" | "not_good";
  comments?: string;
  createdAt: string;
  user: Record<string, unknown>;
  customer: Record<string, unknown>;
};

export type GenerateHelpScoutOptions = {
  seed: number;
  conversations: number;
  /** The first instant conversations are created at (default 2026-01-05T00:00:00Z). */
  start?: string;
  /** Over how many days conversations are spread (default 56). */
  days?: number;
};

const firstNames = [
  "Ana",
  "Ben",
  "Chloé",
  "Dmitri",
  "Emeka",
  "Fatima",
  "Greta",
  "Hiro",
  "Ines",
  "Jonas",
  "Kofi",
  "Lena",
  "Mateo",
  "Nora",
  "Omar",
  "Priya",
];
const lastNames = [
  "Silva",
  "Okafor",
  "Müller",
  "Tanaka",
  "García",
  "Novak",
  "Haddad",
  "Berg",
  "Rossi",
  "Kim",
  "Dubois",
  "Patel",
];
const companies = ["Acme Corp", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay Industries"];
const problems = [
  ["Export to CSV fails", "<p>Hi,</p><p>The <b>CSV export</b> stops at 99% &amp; never finishes. Can you help?</p>"],
  [
    "Invoice is wrong",
    "<p>Hello team,</p><p>My invoice for <em>March</em> shows two seats, we only have one.</p><p>Thanks,<br>Customer</p>",
  ],
  [
    "Cannot log in",
    "<div>I reset my password twice and still can't sign in.</div><div><br></div><div>Sent from my phone</div>",
  ],
  [
    "Feature request: dark mode",
    '<p>Would love a dark mode. See <a href="https://example.com/mock">this mock</a>.</p>',
  ],
  [
    "Webhook not firing",
    "<p>Our webhook endpoint gets nothing since Tuesday.</p><ul><li>endpoint: /hooks/orders</li><li>status: 200</li></ul>",
  ],
  ["Cancel my subscription", "<p>Please cancel our plan at the end of the month.</p><script>alert('x')</script>"],
] as const;
const replies = [
  "<p>Thanks for reaching out! I've fixed that for you; please try again.</p>",
  "<p>Sorry about that. Could you send us a screenshot of the error?</p>",
  "<p>Done: your account is updated. Let us know if anything else comes up.</p>",
  "<p>Good news, the fix is live. <strong>No action needed</strong> on your side.</p>",
];

const toInstant = (milliseconds: number): string => new Date(milliseconds).toISOString().replace(/\.\d{3}Z$/, "Z");

/** A realistic account: two mailboxes, a handful of users (one deleted), customers and conversations. */
export function generateHelpScoutAccount(options: GenerateHelpScoutOptions): FakeHelpScoutAccount {
  const random = createRandom(mixSeed(options.seed, 1));
  const start = Date.parse(options.start ?? "2026-01-05T00:00:00Z");
  const spread = (options.days ?? 56) * day;
  const created = toInstant(start - 400 * day);

  const mailboxes = [
    {
      id: 3101,
      name: "Acme Support",
      slug: "acme-support",
      email: "support@acme.example",
      createdAt: created,
      updatedAt: created,
    },
    {
      id: 3102,
      name: "Billing",
      slug: "billing",
      email: "billing@acme.example",
      createdAt: created,
      updatedAt: created,
    },
  ].map((mailbox) => ({ ...mailbox, _links: selfLink(`mailboxes/${mailbox.id}`) }));

  const person = (id: number, type: "user" | "customer", first: string, last: string, email: string): FakePerson => ({
    id,
    type,
    first,
    last,
    email,
  });
  const userNames = [
    ["Vernon", "Bear", "owner"],
    ["Jack", "Sprout", "admin"],
    ["Mia", "Lind", "user"],
    ["Raj", "Iyer", "user"],
    ["Sofia", "Costa", "user"],
  ] as const;
  const users = userNames.map(([first, last, role], index) => ({
    id: 4001 + index,
    firstName: first,
    lastName: last,
    email: `${first.toLowerCase()}@acme.example`,
    role,
    timezone: index === 4 ? "Europe/Lisbon" : "America/New_York",
    photoUrl: `https://d33v4339jhl8k0.cloudfront.net/users/${4001 + index}.jpg`,
    createdAt: created,
    updatedAt: created,
    type: "user",
    mention: first.toLowerCase(),
    initials: `${first[0]}${last[0]}`,
    jobTitle: index === 0 ? "Head of Support" : "Support Specialist",
    phone: null,
    alternateEmails: [],
    _links: selfLink(`users/${4001 + index}`),
  }));
  const deletedUsers = [{ id: 4090, firstName: "Former", lastName: "Agent", email: "former@acme.example" }];
  const agentPeople = [
    ...users.map((user) => person(user.id, "user", user.firstName, user.lastName, user.email)),
    ...deletedUsers.map((user) => person(user.id, "user", user.firstName, user.lastName, user.email)),
  ];
  const teams = [
    {
      id: 5001,
      name: "Tier 2",
      timezone: "America/New_York",
      photoUrl: null,
      createdAt: created,
      updatedAt: created,
      mention: "tier2",
      initials: "T2",
    },
  ].map((team) => ({ ...team, _links: selfLink(`teams/${team.id}`) }));

  const customerCount = Math.max(5, Math.ceil(options.conversations / 3));
  const customers = Array.from({ length: customerCount }, (_, index) => makeCustomer(random, 7001 + index, created));
  const customerPeople = customers.map((customer) => {
    const emails = (customer._embedded as { emails: { value: string }[] }).emails;
    return person(
      customer.id as number,
      "customer",
      customer.firstName as string,
      customer.lastName as string,
      emails[0]?.value ?? "",
    );
  });
  // One customer that conversations name but the customer list no longer has (deleted or merged away).
  const vanished = person(7999, "customer", "Gone", "Away", "gone.away@example.org");

  let threadId = 900_001;
  let ratingId = 60_001;
  const conversations: FakeConversation[] = [];
  const ratings: FakeRating[] = [];
  const createdTimes = Array.from(
    { length: options.conversations },
    () => start + Math.floor(random.next() * spread),
  ).sort((a, b) => a - b);
  for (const [index, createdAt] of createdTimes.entries()) {
    const id = 200_001 + index;
    const customer = index === 7 ? vanished : random.pick(customerPeople);
    const type = random.weighted([
      ["email", 70],
      ["chat", 20],
      ["phone", 10],
    ] as const);
    const [subject, problem] = random.pick(problems);
    const threads: FakeThread[] = [];
    const thread = (fields: ThreadFields) => {
      const made: FakeThread = {
        id: threadId++,
        state: "published",
        action: null,
        source: {
          type: type === "email" ? "email" : type,
          via: fields.createdBy.type === "customer" ? "customer" : "user",
        },
        customer: { id: customer.id, first: customer.first, last: customer.last, email: customer.email },
        assignedTo: null,
        to: [],
        cc: [],
        bcc: [],
        openedAt: null,
        savedReplyId: 0,
        ...fields,
      };
      threads.push(made);
      return made;
    };
    let at = createdAt;
    const customerSays = (status: string, body: string) =>
      thread({
        type: type === "chat" ? "chat" : "customer",
        status,
        body: type === "chat" ? stripTags(body) : body,
        createdAt: toInstant(at),
        createdBy: customer,
      });
    const agent = random.chance(0.06)
      ? (agentPeople.at(-1) as FakePerson)
      : random.pick(agentPeople.slice(0, users.length));
    const agentSays = (status: string) =>
      thread({
        type: type === "chat" ? "chat" : type === "phone" && threads.length === 1 ? "phone" : "message",
        status,
        body: random.pick(replies),
        createdAt: toInstant(at),
        createdBy: agent,
        openedAt: toInstant(at + hour),
      });
    const later = (minimum: number, maximum: number) => {
      at += Math.round(random.between(minimum, maximum));
    };

    if (random.chance(0.03) && index !== 7) {
      customerSays("spam", '<p>Cheap watches!!! Click <a href="http://spam.example">here</a></p>');
      conversations.push(conversation(id, type, "spam", subject, createdAt, customer, threads, agent, random));
      continue;
    }
    const first = customerSays("active", problem);
    if (random.chance(0.15)) {
      first._embedded = {
        attachments: [
          {
            id: threadId * 10,
            filename: "screenshot.png",
            mimeType: "image/png",
            width: 1280,
            height: 720,
            size: 183_204,
            _links: {
              data: { href: `https://api.helpscout.net/v2/conversations/${id}/attachments/${threadId * 10}/data` },
              web: { href: `https://secure.helpscout.net/file/${threadId * 10}/screenshot.png` },
            },
          },
        ],
      };
    }
    const scenario = random.weighted([
      ["unanswered", 10],
      ["solvedAtOnce", 42],
      ["pendingThenSolved", 20],
      ["reopened", 8],
      ["reopenedThenClosed", 6],
      ["stillPending", 12],
      ["withNoteSolved", 4],
    ] as const);
    let status = "active" as FakeConversation["status"];
    let closedAt: number | undefined;
    let lastReply: FakeThread | undefined;
    const close = () => {
      status = "closed";
      closedAt = at;
    };
    if (scenario === "unanswered") {
      status = "active";
    } else if (scenario === "solvedAtOnce") {
      later(5 * minute, 6 * hour);
      if (random.chance(0.2)) {
        thread({
          type: "lineitem",
          status: "active",
          body: "",
          createdAt: toInstant(at),
          createdBy: agent,
          action: {
            type: "assigned",
            text: `${agent.first} assigned this conversation to ${agent.first}`,
            associatedEntities: {},
          },
        });
        later(minute, 10 * minute);
      }
      lastReply = agentSays("closed");
      close();
    } else if (scenario === "pendingThenSolved") {
      later(10 * minute, 8 * hour);
      agentSays("pending");
      later(hour, 2 * day);
      customerSays("active", "<p>Here is the screenshot you asked for.</p>");
      later(10 * minute, 5 * hour);
      lastReply = agentSays("closed");
      close();
    } else if (scenario === "reopened") {
      later(10 * minute, 4 * hour);
      agentSays("closed");
      later(hour, 3 * day);
      customerSays("active", "<p>It broke again this morning.</p>");
      later(10 * minute, 6 * hour);
      lastReply = agentSays("closed");
      close();
    } else if (scenario === "reopenedThenClosed") {
      // The customer answers after the close ("thanks!"), which reopens it; the agent closes it again without replying.
      later(10 * minute, 4 * hour);
      lastReply = agentSays("closed");
      later(hour, 2 * day);
      customerSays("active", "<p>Thanks, that did it.</p>");
      later(10 * minute, 8 * hour);
      thread({
        type: "lineitem",
        status: "closed",
        body: "",
        createdAt: toInstant(at),
        createdBy: agent,
        action: { type: "changed-ticket-status", text: `${agent.first} marked as Closed`, associatedEntities: {} },
      });
      close();
    } else if (scenario === "stillPending") {
      later(10 * minute, 6 * hour);
      thread({
        type: "note",
        status: "active",
        body: "<p>Asked engineering; see ticket ENG-42.</p>",
        createdAt: toInstant(at),
        createdBy: agent,
      });
      later(minute, hour);
      agentSays("pending");
      status = "pending";
    } else {
      later(10 * minute, 3 * hour);
      thread({
        type: "forwardparent",
        status: "active",
        body: "<p>Forwarding to the billing partner.</p>",
        createdAt: toInstant(at),
        createdBy: agent,
        to: ["partner@billing.example"],
      });
      later(hour, 5 * hour);
      lastReply = agentSays("closed");
      close();
    }
    if (random.chance(0.04)) {
      later(minute, 30 * minute);
      thread({
        type: "message",
        status: status === "closed" ? "closed" : status,
        state: "draft",
        body: "<p>Draft reply nobody sent</p>",
        createdAt: toInstant(at),
        createdBy: agent,
      });
    }
    const made = conversation(id, type, status, subject, createdAt, customer, threads, agent, random, closedAt);
    conversations.push(made);
    if (closedAt !== undefined && lastReply && random.chance(0.4)) {
      const rating = random.weighted([
        ["great", 70],
        ["okay", 18],
        ["not_good", 12],
      ] as const);
      const ratedAt = closedAt + Math.round(random.between(10 * minute, 20 * hour));
      ratings.push({
        id: ratingId++,
        conversationId: id,
        conversationNumber: made.number as number,
        threadId: lastReply.id,
        mailboxId: made.mailboxId,
        rating,
        ...(random.chance(0.5) ? { comments: rating === "great" ? "Super quick, thanks!" : "Took a while." } : {}),
        // As documented: Help Scout writes the rating's time without an offset (UTC).
        createdAt: toInstant(ratedAt).replace("Z", ""),
        user: { id: agent.id, email: agent.email, firstName: agent.first, lastName: agent.last },
        customer: { id: customer.id, email: customer.email, firstName: customer.first, lastName: customer.last },
      });
    }
  }
  return { mailboxes, users, deletedUsers, teams, customers, conversations, ratings };

  function conversation(
    id: number,
    type: FakeConversation["type"],
    status: FakeConversation["status"],
    subject: string,
    createdAt: number,
    customer: FakePerson,
    threads: FakeThread[],
    agent: FakePerson,
    random: Random,
    closedAt?: number,
  ): FakeConversation {
    const mailbox = random.chance(0.7) ? 3101 : 3102;
    const tags = random.chance(0.5)
      ? [{ id: 91, color: "#929499", tag: subject.toLowerCase().split(" ")[0] ?? "misc" }]
      : [];
    const answered = threads.some((thread) => thread.createdBy.type === "user");
    const newestFirst = [...threads].sort(
      (left, right) => right.createdAt.localeCompare(left.createdAt) || right.id - left.id,
    );
    return {
      id,
      number: id - 199_000,
      threads: threads.length,
      type,
      folderId: mailbox * 10 + 1,
      status,
      state: "published",
      subject,
      preview: stripTags(threads[0]?.body ?? "").slice(0, 60),
      mailboxId: mailbox,
      ...(answered
        ? { assignee: { id: agent.id, type: "user", first: agent.first, last: agent.last, email: agent.email } }
        : {}),
      createdBy: customer,
      createdAt: toInstant(createdAt),
      ...(closedAt !== undefined
        ? {
            closedBy: agent.id,
            closedByUser: { id: agent.id, type: "user", first: agent.first, last: agent.last, email: agent.email },
            closedAt: toInstant(closedAt),
          }
        : {}),
      userUpdatedAt: newestFirst[0]?.createdAt,
      customerWaitingSince: { time: toInstant(createdAt), friendly: "a while ago" },
      source: { type: type === "email" ? "email" : type, via: "customer" },
      tags,
      cc: [],
      bcc: [],
      primaryCustomer: customer,
      customFields: random.chance(0.3)
        ? [{ id: 8, name: "Plan", value: "7", text: random.pick(["Free", "Pro", "Enterprise"]) }]
        : [],
      _embedded: { threads: newestFirst },
      _links: selfLink(`conversations/${id}`),
    };
  }
}

function makeCustomer(random: Random, id: number, created: string): Record<string, unknown> {
  const firstName = random.pick(firstNames);
  const lastName = random.pick(lastNames);
  const handle = `${firstName}.${lastName}.${id}`
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z0-9.]/g, "");
  const emails = [{ id: id * 10 + 1, value: `${handle}@example.org`, type: "work" }];
  if (random.chance(0.1)) emails.push({ id: id * 10 + 2, value: `${handle}@home.example`, type: "home" });
  return {
    id,
    firstName,
    lastName,
    gender: "unknown",
    jobTitle: random.chance(0.4) ? "Operations Manager" : null,
    location: random.chance(0.3) ? "Lisbon, Portugal" : null,
    organization: random.chance(0.6) ? random.pick(companies) : null,
    photoType: "unknown",
    photoUrl: null,
    age: null,
    background: random.chance(0.2) ? "Met at the 2025 conference." : null,
    createdAt: created,
    updatedAt: created,
    draft: false,
    _embedded: {
      emails,
      phones: random.chance(0.4)
        ? [{ id: id * 10 + 3, value: `+1 555 01${String(id % 100).padStart(2, "0")}`, type: "work" }]
        : [],
      chats: [],
      social_profiles: random.chance(0.3)
        ? [{ id: id * 10 + 4, type: "twitter", value: `https://twitter.com/${handle.replace(/\./g, "_")}` }]
        : [],
      websites: random.chance(0.2) ? [{ id: id * 10 + 5, value: "https://example.org" }] : [],
      address: null,
      properties: [],
    },
    _links: selfLink(`customers/${id}`),
  };
}

function stripTags(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function selfLink(path: string) {
  return { self: { href: `https://api.helpscout.net/v2/${path}` } };
}

export type FakeHelpScoutOptions = {
  account: FakeHelpScoutAccount;
  /** The OAuth access token the API accepts (default "fake-help-scout-token"). */
  token?: string;
  /** App id and secret for POST /v2/oauth2/token (client credentials). */
  clientId?: string;
  clientSecret?: string;
  /** Items per page (Help Scout: 25 conversations, 50 customers). */
  pageSize?: number;
  /** Every `every`th request is refused with 429 and X-RateLimit-Retry-After (Help Scout sends no Retry-After). */
  rateLimit?: { every: number; retryAfterSeconds: number };
  /** Answer as a server that ignores `embed=threads`: threads only from /conversations/{id}/threads. */
  ignoreEmbed?: boolean;
  /** Answer 404 for the happiness report, as a Standard plan or FreeScout does. */
  withoutReports?: boolean;
};

export type FakeHelpScout = FakeServer & {
  account: FakeHelpScoutAccount;
  /** From the `requests`th request on, every request fails with 500 until `recover()`. */
  failAfter(requests: number): void;
  recover(): void;
  /** The API requests answered with data, e.g. "/v2/conversations?page=3". */
  served(): string[];
};

export async function startFakeHelpScout(options: FakeHelpScoutOptions): Promise<FakeHelpScout> {
  const account = options.account;
  const token = options.token ?? "fake-help-scout-token";
  const pageSize = options.pageSize ?? 25;
  let counted = 0;
  let failFrom = Number.POSITIVE_INFINITY;
  const served: string[] = [];

  const server = await startFakeServer((request, base) => {
    counted += 1;
    if (counted >= failFrom) return { status: 500, body: { error: "Internal Server Error" } };
    if (request.method === "POST" && request.path === "/v2/oauth2/token") return issueToken(request);
    if (options.rateLimit && counted % options.rateLimit.every === 0) {
      return {
        status: 429,
        headers: {
          "x-ratelimit-retry-after": String(options.rateLimit.retryAfterSeconds),
          "x-ratelimit-limit-minute": "400",
          "x-ratelimit-remaining-minute": "0",
        },
        body: { error: "Too many requests" },
      };
    }
    if (request.headers.authorization !== `Bearer ${token}`) {
      return { status: 401, body: { error: "invalid_token", error_description: "Invalid access token" } };
    }
    const response = answer(request, base.url);
    if (response.status === 200) served.push(`${request.path}${request.query.size ? `?${request.query}` : ""}`);
    return response;
  });

  function issueToken(request: RecordedRequest) {
    const fields =
      request.json && typeof request.json === "object"
        ? (request.json as Record<string, string>)
        : Object.fromEntries(request.form);
    if (
      fields.grant_type !== "client_credentials" ||
      fields.client_id !== (options.clientId ?? "fake-app-id") ||
      fields.client_secret !== (options.clientSecret ?? "fake-app-secret")
    ) {
      return { status: 401, body: { error: "invalid_client" } };
    }
    return { status: 200, body: { token_type: "bearer", access_token: token, expires_in: 172_800 } };
  }

  function answer(request: RecordedRequest, url: string) {
    const page = Math.max(1, Number(request.query.get("page") ?? "1") || 1);
    const list = (kind: string, items: unknown[], size = pageSize) =>
      halPage(url, request.path, kind, items, page, size);
    switch (request.path) {
      case "/v2/mailboxes":
        return list("mailboxes", account.mailboxes, 50);
      case "/v2/users":
        return list("users", account.users, 50);
      case "/v2/teams":
        return list("teams", account.teams, 50);
      case "/v2/customers":
        return list("customers", account.customers, 50);
      case "/v2/conversations": {
        const status = request.query.get("status") ?? "active";
        const chosen = account.conversations.filter(
          (conversation) => status === "all" || conversation.status === status,
        );
        const ordered =
          request.query.get("sortField") === "createdAt" && request.query.get("sortOrder")?.toLowerCase() === "asc"
            ? [...chosen].sort((left, right) => left.createdAt.localeCompare(right.createdAt) || left.id - right.id)
            : [...chosen].sort((left, right) => right.id - left.id);
        const embed = !options.ignoreEmbed && request.query.get("embed") === "threads";
        return list(
          "conversations",
          ordered.map(({ _embedded, ...conversation }) => (embed ? { ...conversation, _embedded } : conversation)),
        );
      }
      case "/v2/reports/happiness/ratings":
        return options.withoutReports ? notFound() : ratingsReport(request, page);
    }
    const threads = /^\/v2\/conversations\/(\d+)\/threads$/.exec(request.path);
    if (threads) {
      const conversation = account.conversations.find((candidate) => candidate.id === Number(threads[1]));
      return conversation ? list("threads", conversation._embedded.threads) : notFound();
    }
    const rating = /^\/v2\/ratings\/(\d+)$/.exec(request.path);
    if (rating) {
      const found = account.ratings.find((candidate) => candidate.id === Number(rating[1]));
      return found ? { status: 200, body: { ...found, _links: selfLink(`ratings/${found.id}`) } } : notFound();
    }
    return notFound();
  }

  function ratingsReport(request: RecordedRequest, page: number) {
    const start = Date.parse(request.query.get("start") ?? "");
    const end = Date.parse(request.query.get("end") ?? "");
    if (Number.isNaN(start) || Number.isNaN(end)) return { status: 400, body: { error: "start and end are required" } };
    const size = 25;
    const inWindow = account.ratings
      .filter((rating) => {
        const at = Date.parse(`${rating.createdAt}Z`);
        return at >= start && at < end;
      })
      .sort((left, right) => left.conversationNumber - right.conversationNumber);
    const results = inWindow.slice((page - 1) * size, page * size).map((rating) => ({
      number: rating.conversationNumber,
      id: rating.conversationId,
      type: "email",
      threadid: rating.threadId,
      threadCreatedAt: `${rating.createdAt}Z`,
      ratingId: rating.id,
      ratingCustomerId: rating.customer.id,
      ratingCustomerName: `${rating.customer.firstName} ${rating.customer.lastName}`,
      ratingComments: rating.comments ?? "",
      ratingCreatedAt: `${rating.createdAt}Z`,
      ratingUserId: rating.user.id,
      ratingUserName: `${rating.user.firstName} ${rating.user.lastName}`,
      rating: rating.rating === "great" ? 1 : rating.rating === "okay" ? 2 : 3,
    }));
    return {
      status: 200,
      body: { results, page, count: inWindow.length, pages: Math.max(1, Math.ceil(inWindow.length / size)) },
    };
  }

  return {
    ...server,
    account,
    failAfter(requests) {
      failFrom = counted + requests;
    },
    recover() {
      failFrom = Number.POSITIVE_INFINITY;
    },
    served: () => [...served],
  };
}

function halPage(base: string, path: string, kind: string, items: unknown[], page: number, size: number) {
  const totalPages = Math.max(1, Math.ceil(items.length / size));
  const href = (number: number) => `${base}${path}?page=${number}`;
  return {
    status: 200,
    headers: { "content-type": "application/hal+json" },
    body: {
      _embedded: { [kind]: items.slice((page - 1) * size, page * size) },
      page: { size, totalElements: items.length, totalPages, number: page },
      _links: {
        self: { href: href(page) },
        first: { href: href(1) },
        last: { href: href(totalPages) },
        ...(page < totalPages ? { next: { href: href(page + 1) } } : {}),
        page: { href: `${base}${path}{?page}`, templated: true },
      },
    },
  };
}

function notFound() {
  return { status: 404, body: { message: "Not Found", logRef: "fake", _links: {} } };
}

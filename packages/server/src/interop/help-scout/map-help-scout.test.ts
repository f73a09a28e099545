import { describe, expect, it } from "vitest";
import { parseSnapshot } from "../../core/snapshot/parse-snapshot.ts";
import { apiRoot } from "./download-help-scout.ts";
import {
  conversationSchema,
  customerSchema,
  type HelpScoutAccount,
  mailboxSchema,
  ratingSchema,
  userSchema,
} from "./help-scout-wire.ts";
import { helpScoutHtmlToText } from "./html-to-text.ts";
import { instant, mapHelpScoutAccount } from "./map-help-scout.ts";

const vernon = { id: 11, type: "user", first: "Vernon", last: "Bear", email: "vernon@acme.example" };
const ana = { id: 500, type: "customer", first: "Ana", last: "Silva", email: "ana@example.org" };

function thread(id: number, fields: Record<string, unknown>) {
  return { id, state: "published", body: "", createdAt: "2026-01-10T10:00:00Z", ...fields };
}

function account(
  conversations: Record<string, unknown>[],
  extra: Partial<Record<keyof HelpScoutAccount, unknown[]>> = {},
): HelpScoutAccount {
  return {
    mailboxes: (extra.mailboxes ?? [{ id: 85, name: "Acme Support", email: "support@acme.example" }]).map((item) =>
      mailboxSchema.parse(item),
    ),
    users: (
      extra.users ?? [
        {
          id: 11,
          firstName: "Vernon",
          lastName: "Bear",
          email: "vernon@acme.example",
          role: "owner",
          timezone: "Europe/Berlin",
          jobTitle: "Lead",
        },
      ]
    ).map((item) => userSchema.parse(item)),
    teams: [],
    customers: (
      extra.customers ?? [
        {
          id: 500,
          firstName: "Ana",
          lastName: "Silva",
          organization: "Globex",
          background: "VIP",
          _embedded: {
            emails: [
              { id: 1, value: "ana@example.org", type: "work" },
              { id: 2, value: "ana@home.example", type: "home" },
            ],
            phones: [{ id: 3, value: "+49 170 1234567", type: "mobile" }],
            social_profiles: [{ id: 4, type: "twitter", value: "https://twitter.com/ana_silva" }],
            chats: [{ id: 5, type: "skype", value: "ana.silva" }],
            websites: [{ id: 6, value: "https://globex.example" }],
          },
        },
      ]
    ).map((item) => customerSchema.parse(item)),
    conversations: conversations.map((item) => conversationSchema.parse(item)),
    ratings: (extra.ratings ?? []).map((item) => ratingSchema.parse(item)),
  };
}

const solvedConversation = {
  id: 123,
  number: 456,
  type: "email",
  status: "closed",
  subject: "Export fails",
  mailboxId: 85,
  folderId: 9,
  assignee: vernon,
  primaryCustomer: ana,
  createdAt: "2026-01-10T10:00:00Z",
  closedAt: "2026-01-10T12:00:00Z",
  closedByUser: vernon,
  tags: [{ id: 1, tag: "export", color: "#999" }],
  customFields: [{ id: 8, name: "Plan", text: "Pro" }],
  _links: { self: { href: "https://api.helpscout.net/v2/conversations/123" } },
  _embedded: {
    threads: [
      thread(3, {
        type: "message",
        status: "closed",
        createdBy: vernon,
        createdAt: "2026-01-10T12:00:00Z",
        body: "<p>Fixed, <b>try again</b>.</p>",
        to: ["ana@example.org"],
      }),
      thread(2, {
        type: "note",
        status: "active",
        createdBy: vernon,
        createdAt: "2026-01-10T11:00:00Z",
        body: "<p>Known bug</p>",
      }),
      thread(1, {
        type: "customer",
        status: "active",
        createdBy: ana,
        body: "<p>Hi,</p><p>The export stops &amp; fails.<br>Help!</p><script>steal()</script>",
        _embedded: {
          attachments: [
            {
              id: 77,
              filename: "error.png",
              mimeType: "image/png",
              size: 2048,
              _links: { data: { href: "https://api.helpscout.net/v2/attachments/77/data" } },
            },
          ],
        },
      }),
    ],
  },
};

describe("mapping a Help Scout account to a snapshot", () => {
  it("maps a closed conversation to a ticket solved then closed, with messages in time order and stable ids", () => {
    const { snapshot } = mapHelpScoutAccount(account([solvedConversation]));
    const [ticket] = snapshot.tickets;
    expect(ticket).toMatchObject({
      id: "hs-123",
      customerId: "hs-500",
      channel: "email",
      status: "closed",
      subject: "Export fails",
      tags: ["export"],
      assigneeId: "hs-11",
      teamId: "hs-mailbox-85",
      createdAt: "2026-01-10T10:00:00.000Z",
    });
    expect(ticket?.messages.map((message) => [message.id, message.author, message.public])).toEqual([
      ["hs-1", "customer", true],
      ["hs-2", "agent:hs-11", false],
      ["hs-3", "agent:hs-11", true],
    ]);
    expect(ticket?.events).toEqual([
      { at: "2026-01-10T12:00:00.000Z", actor: "agent:hs-11", type: "status_changed", from: "open", to: "solved" },
      { at: "2026-01-10T12:00:00.000Z", actor: "agent:hs-11", type: "status_changed", from: "solved", to: "closed" },
    ]);
    expect(() => parseSnapshot(snapshot)).not.toThrow();
  });

  it("turns HTML bodies into readable text without scripts, and lists attachments", () => {
    const { snapshot } = mapHelpScoutAccount(account([solvedConversation]));
    const first = snapshot.tickets[0]?.messages[0];
    expect(first?.body).toBe(
      "Hi,\n\nThe export stops & fails.\nHelp!\n\nAttachments:\n- error.png (image/png, 2.0 kB)",
    );
    expect(first?.attributes).toMatchObject({
      attachments: [
        {
          id: "77",
          filename: "error.png",
          mimeType: "image/png",
          size: 2048,
          url: "https://api.helpscout.net/v2/attachments/77/data",
        },
      ],
    });
    expect(snapshot.tickets[0]?.messages[2]?.body).toBe("Fixed, **try again**.");
  });

  it("keeps unmapped fields in attributes and lists them in the summary", () => {
    const { snapshot, summary } = mapHelpScoutAccount(account([solvedConversation]));
    expect(snapshot.tickets[0]?.attributes).toMatchObject({
      provider: "helpscout",
      number: 456,
      folderId: 9,
      customFields: [{ id: 8, name: "Plan", text: "Pro" }],
    });
    expect(snapshot.tickets[0]?.attributes).not.toHaveProperty("_links");
    expect(snapshot.tickets[0]?.messages[2]?.attributes).toMatchObject({ to: ["ana@example.org"] });
    expect(summary.keptInAttributes).toEqual(
      expect.arrayContaining([
        "conversation.number",
        "conversation.folderId",
        "conversation.customFields",
        "thread.to",
        "customer.background",
        "user.jobTitle",
        "mailbox.email",
      ]),
    );
  });

  it("maps a customer's emails, phones and social handles to identities, keeping the rest", () => {
    const { snapshot } = mapHelpScoutAccount(account([solvedConversation]));
    expect(snapshot.customers[0]).toMatchObject({
      id: "hs-500",
      name: "Ana Silva",
      email: "ana@example.org",
      phone: "+49 170 1234567",
      handles: { x: "@ana_silva", skype: "ana.silva" },
      company: "Globex",
      attributes: {
        emails: ["ana@example.org", "ana@home.example"],
        websites: ["https://globex.example"],
        background: "VIP",
      },
    });
  });

  it("maps users to agents (owner and admin are admins) and the workspace time zone to the users' own", () => {
    const { snapshot } = mapHelpScoutAccount(account([solvedConversation]));
    expect(snapshot.agents).toEqual([
      {
        id: "hs-11",
        name: "Vernon Bear",
        email: "vernon@acme.example",
        role: "admin",
        attributes: { role: "owner", timezone: "Europe/Berlin", jobTitle: "Lead" },
      },
    ]);
    expect(snapshot.workspace).toEqual({ name: "Acme Support", timezone: "Europe/Berlin" });
    expect(snapshot.teams).toEqual([
      { id: "hs-mailbox-85", name: "Acme Support", attributes: { email: "support@acme.example" } },
    ]);
  });

  it("maps statuses: active to open, pending to pending, and skips spam with a count", () => {
    const active = {
      ...solvedConversation,
      id: 124,
      status: "active",
      closedAt: null,
      _embedded: { threads: [thread(10, { type: "customer", status: "active", createdBy: ana })] },
    };
    const pending = {
      ...solvedConversation,
      id: 125,
      status: "pending",
      closedAt: null,
      _embedded: {
        threads: [
          thread(12, { type: "message", status: "pending", createdBy: vernon, createdAt: "2026-01-10T11:00:00Z" }),
          thread(11, { type: "customer", status: "active", createdBy: ana }),
        ],
      },
    };
    const spam = { ...solvedConversation, id: 126, status: "spam" };
    const { snapshot, summary } = mapHelpScoutAccount(account([active, pending, spam]));
    expect(snapshot.tickets.map((ticket) => [ticket.id, ticket.status])).toEqual([
      ["hs-124", "open"],
      ["hs-125", "pending"],
    ]);
    expect(snapshot.tickets[1]?.events).toEqual([
      { at: "2026-01-10T11:00:00.000Z", actor: "agent:hs-11", type: "status_changed", from: "open", to: "pending" },
    ]);
    expect(summary.counts.spamSkipped).toBe(1);
    expect(summary.notes).toContain("1 spam conversations were skipped.");
  });

  it("records a customer reply after a close as reopened", () => {
    const reopened = {
      ...solvedConversation,
      closedAt: "2026-01-12T09:00:00Z",
      _embedded: {
        threads: [
          thread(1, { type: "customer", status: "active", createdBy: ana }),
          thread(2, { type: "message", status: "closed", createdBy: vernon, createdAt: "2026-01-10T12:00:00Z" }),
          thread(3, { type: "customer", status: "active", createdBy: ana, createdAt: "2026-01-11T08:00:00Z" }),
          thread(4, { type: "message", status: "closed", createdBy: vernon, createdAt: "2026-01-12T09:00:00Z" }),
        ],
      },
    };
    const { snapshot } = mapHelpScoutAccount(account([reopened]));
    expect(snapshot.tickets[0]?.events?.map((event) => [event.type, event.from, event.to])).toEqual([
      ["status_changed", "open", "solved"],
      ["reopened", "solved", "open"],
      ["status_changed", "solved", "open"],
      ["status_changed", "open", "solved"],
      ["status_changed", "solved", "closed"],
    ]);
  });

  it("maps chat and phone conversations and their threads by who wrote them", () => {
    const chat = {
      ...solvedConversation,
      type: "chat",
      _embedded: {
        threads: [
          thread(1, { type: "chat", status: "active", createdBy: ana, body: "hello?" }),
          thread(2, {
            type: "chat",
            status: "closed",
            createdBy: vernon,
            createdAt: "2026-01-10T10:05:00Z",
            body: "hi Ana",
          }),
        ],
      },
    };
    const { snapshot } = mapHelpScoutAccount(account([chat]));
    expect(snapshot.tickets[0]?.channel).toBe("chat");
    expect(snapshot.tickets[0]?.messages.map((message) => message.author)).toEqual(["customer", "agent:hs-11"]);
  });

  it("keeps line items and forwards as notes and skips drafts", () => {
    const busy = {
      ...solvedConversation,
      _embedded: {
        threads: [
          thread(1, { type: "customer", status: "active", createdBy: ana }),
          thread(2, {
            type: "lineitem",
            status: "active",
            createdBy: vernon,
            action: { type: "assigned", text: "Vernon assigned this to Jack" },
            createdAt: "2026-01-10T10:30:00Z",
          }),
          thread(3, {
            type: "forwardparent",
            status: "active",
            createdBy: vernon,
            body: "<p>see below</p>",
            to: ["partner@example.com"],
            createdAt: "2026-01-10T10:40:00Z",
          }),
          thread(4, {
            type: "message",
            status: "active",
            state: "draft",
            createdBy: vernon,
            body: "draft",
            createdAt: "2026-01-10T10:50:00Z",
          }),
          thread(5, { type: "message", status: "closed", createdBy: vernon, createdAt: "2026-01-10T12:00:00Z" }),
        ],
      },
    };
    const { snapshot, summary } = mapHelpScoutAccount(account([busy]));
    expect(snapshot.tickets[0]?.messages.map((message) => [message.author, message.public, message.body])).toEqual([
      ["customer", true, ""],
      ["system", false, "Vernon assigned this to Jack"],
      ["agent:hs-11", false, "Forwarded to partner@example.com: see below"],
      ["agent:hs-11", true, ""],
    ]);
    expect(summary.counts.draftsSkipped).toBe(1);
  });

  it("keeps a deleted user's replies under a placeholder agent and says so", () => {
    const ghost = { id: 99, type: "user", first: "Former", last: "Agent", email: "former@acme.example" };
    const byGhost = {
      ...solvedConversation,
      assignee: ghost,
      closedByUser: ghost,
      _embedded: {
        threads: [
          thread(1, { type: "customer", status: "active", createdBy: ana }),
          thread(2, { type: "message", status: "closed", createdBy: ghost, createdAt: "2026-01-10T11:00:00Z" }),
        ],
      },
    };
    const { snapshot, summary } = mapHelpScoutAccount(account([byGhost]));
    expect(snapshot.agents).toContainEqual({
      id: "hs-99",
      name: "Former Agent",
      email: "former@acme.example",
      role: "agent",
      helpScoutDeleted: true,
    });
    expect(snapshot.tickets[0]?.messages[1]?.author).toBe("agent:hs-99");
    expect(snapshot.tickets[0]?.assigneeId).toBe("hs-99");
    expect(summary.counts.deletedUsers).toBe(1);
    expect(summary.notes.join("\n")).toMatch(/1 users .*no longer in the account \(deleted\)/);
    expect(() => parseSnapshot(snapshot)).not.toThrow();
  });

  it("maps ratings Great to 5, Okay to 3 and Not Good to 1, at the rating's time in UTC", () => {
    const conversations = [123, 124, 125].map((id) => ({ ...solvedConversation, id }));
    const ratings = [
      {
        id: 1,
        conversationId: 123,
        threadId: 3,
        rating: "great",
        comments: "Well done!",
        createdAt: "2026-01-11T08:00:00",
      },
      { id: 2, conversationId: 124, threadId: 3, rating: "okay", createdAt: "2026-01-11T09:00:00Z" },
      { id: 3, conversationId: 125, threadId: 3, rating: "not_good", createdAt: "2026-01-11T10:00:00Z" },
    ];
    const { snapshot, summary } = mapHelpScoutAccount(account(conversations, { ratings }));
    expect(snapshot.tickets.map((ticket) => ticket.csat)).toEqual([
      { score: 5, comment: "Well done!", at: "2026-01-11T08:00:00.000Z" },
      { score: 3, at: "2026-01-11T09:00:00.000Z" },
      { score: 1, at: "2026-01-11T10:00:00.000Z" },
    ]);
    expect(snapshot.tickets[0]?.events?.at(-1)).toMatchObject({ type: "csat_received", to: "5" });
    expect(summary.counts.ratings).toBe(3);
  });

  it("reads the ratings as webhooks and reports spell them, and skips one it cannot score", () => {
    const conversations = [123, 124, 125].map((id) => ({ ...solvedConversation, id }));
    const ratings = [
      { id: 1, conversationId: 123, rating: "Great", createdAt: "2026-01-11T08:00:00Z" },
      { id: 2, conversationId: 124, rating: "Not Good", createdAt: "2026-01-11T08:00:00Z" },
      { id: 3, conversationId: 125, rating: "unknown", createdAt: "2026-01-11T08:00:00Z" },
    ];
    const { snapshot, summary } = mapHelpScoutAccount(account(conversations, { ratings }));
    expect(snapshot.tickets.map((ticket) => ticket.csat?.score)).toEqual([5, 1, undefined]);
    expect(summary.notes).toContain('ratings "unknown" have no score and were skipped.');
  });

  it("makes a customer a conversation names but the customer list lacks", () => {
    const stranger = { id: 777, type: "customer", first: "Lost", last: "Soul", email: "lost@example.org" };
    const { snapshot, summary } = mapHelpScoutAccount(account([{ ...solvedConversation, primaryCustomer: stranger }]));
    expect(snapshot.customers).toContainEqual({
      id: "hs-777",
      name: "Lost Soul",
      email: "lost@example.org",
      attributes: { provider: "helpscout", unlisted: true },
    });
    expect(summary.notes.join("\n")).toMatch(/1 customers appear on conversations but not in the customer list/);
  });

  it("gives the same snapshot for the same account, whatever order the pages listed it in", () => {
    const other = { ...solvedConversation, id: 200, createdAt: "2026-01-09T10:00:00Z" };
    const forwards = mapHelpScoutAccount(account([solvedConversation, other]));
    const backwards = mapHelpScoutAccount(account([other, solvedConversation]));
    expect(backwards).toEqual(forwards);
    expect(forwards.snapshot.tickets.map((ticket) => ticket.id)).toEqual(["hs-200", "hs-123"]);
  });
});

describe("Help Scout values", () => {
  it("reads instants without an offset as UTC", () => {
    expect(instant("2017-12-12T12:12:13")).toBe("2017-12-12T12:12:13.000Z");
    expect(instant("2017-12-12T12:12:13+02:00")).toBe("2017-12-12T10:12:13.000Z");
  });

  it("takes Help Scout's host as its /v2 API and a FreeScout API address as given", () => {
    expect(apiRoot("https://api.helpscout.net")).toBe("https://api.helpscout.net/v2");
    expect(apiRoot("https://api.helpscout.net/v2/")).toBe("https://api.helpscout.net/v2");
    expect(apiRoot("https://desk.example.com/api")).toBe("https://desk.example.com/api");
    expect(() => apiRoot("api.helpscout.net")).toThrow(/--url api.helpscout.net is not a URL/);
  });

  it("turns links, lists and entities into text", () => {
    expect(
      helpScoutHtmlToText(
        '<p>See <a href="https://x.example/a?b=1&amp;c=2">the guide</a></p><ul><li>one</li><li>two</li></ul>',
      ),
    ).toBe("See the guide (https://x.example/a?b=1&c=2)\n\n- one\n- two");
    expect(helpScoutHtmlToText("plain text, no tags")).toBe("plain text, no tags");
    expect(helpScoutHtmlToText('<img src="https://tracker.example/p.gif"><style>p{}</style>Hi')).toBe("Hi");
  });
});

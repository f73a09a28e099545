import { describe, expect, it } from "vitest";
import {
  commentAuthor,
  commentText,
  htmlToText,
  mapChannel,
  mapComment,
  mapMetricEvents,
  mapPriority,
  mapSatisfaction,
  mapStatus,
  mapTicket,
  type TicketContext,
} from "./map-tickets.ts";
import type { ZendeskComment, ZendeskTicket, ZendeskTicketMetricEvent } from "./zendesk-pages.ts";

const roles: Record<number, string> = { 1: "end-user", 2: "agent", 3: "admin", 4: "end-user" };
const roleOf = (id: number) => roles[id];

function comment(fields: Partial<ZendeskComment> = {}): ZendeskComment {
  return { id: 70, author_id: 1, body: "Hello", public: true, created_at: "2026-02-01T10:00:00Z", ...fields };
}

function metric(id: number, metricName: string, type: string, time: string, instance = 1): ZendeskTicketMetricEvent {
  return { id, ticket_id: 5, metric: metricName, type, time, instance_id: instance };
}

describe("Zendesk statuses, priorities and channels", () => {
  it("maps every Zendesk status, hold becoming on_hold, and refuses to guess an unknown one", () => {
    expect(["new", "open", "pending", "hold", "solved", "closed"].map(mapStatus)).toEqual([
      "new",
      "open",
      "pending",
      "on_hold",
      "solved",
      "closed",
    ]);
    expect(mapStatus("archived")).toBeNull();
  });

  it("keeps the four priorities and leaves an empty one out", () => {
    expect(["low", "normal", "high", "urgent"].map(mapPriority)).toEqual(["low", "normal", "high", "urgent"]);
    expect(mapPriority(null)).toBeUndefined();
    expect(mapPriority("critical")).toBeUndefined();
  });

  it("sorts via.channel into the desk's channels, naming the social network", () => {
    expect(mapChannel("email")).toEqual({ channel: "email", known: true });
    expect(mapChannel("web")).toEqual({ channel: "email", known: true });
    expect(mapChannel("chat").channel).toBe("chat");
    expect(mapChannel("native_messaging").channel).toBe("chat");
    expect(mapChannel("voice").channel).toBe("phone");
    expect(mapChannel("sms")).toEqual({ channel: "phone", provider: "sms", known: true });
    expect(mapChannel("twitter")).toEqual({ channel: "social", provider: "x", known: true });
    expect(mapChannel("whatsapp")).toEqual({ channel: "social", provider: "whatsapp", known: true });
    expect(mapChannel("instagram_dm")).toEqual({ channel: "social", provider: "instagram", known: true });
    expect(mapChannel("mobile_sdk").channel).toBe("in_app");
    expect(mapChannel("api")).toEqual({ channel: "api", known: true });
    expect(mapChannel("carrier_pigeon")).toEqual({ channel: "api", known: false });
  });
});

describe("Zendesk comments", () => {
  it("reads HTML as text: paragraphs become lines, entities are decoded, scripts go", () => {
    expect(htmlToText("<div><p>Hi &amp; welcome</p><p>Line<br>two &lt;b&gt;</p><script>alert(1)</script></div>")).toBe(
      "Hi & welcome\n\nLine\ntwo <b>",
    );
    expect(commentText(comment({ plain_body: null, body: null, html_body: "<p>Only &quot;HTML&quot;</p>" }))).toBe(
      'Only "HTML"',
    );
    expect(commentText(comment({ plain_body: "Plain", body: "Body", html_body: "<p>Html</p>" }))).toBe("Plain");
  });

  it("authors end users as the customer, agents and admins as themselves, unknown authors as system", () => {
    expect(commentAuthor(comment({ author_id: 1 }), roleOf)).toBe("customer");
    expect(commentAuthor(comment({ author_id: 2 }), roleOf)).toBe("agent:zd-user-2");
    expect(commentAuthor(comment({ author_id: 3 }), roleOf)).toBe("agent:zd-user-3");
    expect(commentAuthor(comment({ author_id: 99 }), roleOf)).toBe("system");
  });

  it("makes a private comment an internal note and lists attachments with their links", () => {
    const message = mapComment(
      comment({
        id: 71,
        author_id: 2,
        public: false,
        plain_body: "See the log",
        attachments: [
          {
            id: 9,
            file_name: "log.txt",
            content_url: "https://x.example/log.txt",
            content_type: "text/plain",
            size: 12,
          },
        ],
      }),
      roleOf,
    );
    expect(message).toMatchObject({ id: "zd-comment-71", author: "agent:zd-user-2", public: false });
    expect(message.body).toBe("See the log\n\nAttachments:\n- log.txt: https://x.example/log.txt");
    expect(message.attachments).toEqual([
      { name: "log.txt", url: "https://x.example/log.txt", contentType: "text/plain", size: 12 },
    ]);
  });

  it("keeps the Zendesk id of an end user who is not the requester, and of an unknown author", () => {
    const copied = mapComment(comment({ author_id: 4 }), roleOf, { requesterId: 1 });
    expect(copied.attributes).toEqual({ zendesk: { authorId: 4 } });
    expect(mapComment(comment({ author_id: 1 }), roleOf, { requesterId: 1 }).attributes).toBeUndefined();
    expect(mapComment(comment({ author_id: 99 }), roleOf, { requesterId: 1 }).attributes).toEqual({
      zendesk: { authorId: 99 },
    });
  });
});

describe("Zendesk satisfaction and metric events", () => {
  it("scores good as 5 and bad as 1, ignores offered ratings and keeps the latest", () => {
    const rating = (id: number, score: string, updated: string, comment?: string) => ({
      id,
      ticket_id: 5,
      score,
      comment,
      created_at: "2026-02-01T00:00:00Z",
      updated_at: updated,
    });
    expect(mapSatisfaction([rating(1, "offered", "2026-02-02T00:00:00Z")])).toBeNull();
    expect(
      mapSatisfaction([rating(1, "bad", "2026-02-02T00:00:00Z", "slow"), rating(2, "good", "2026-02-03T00:00:00Z")]),
    ).toEqual({ csat: { score: 5, at: "2026-02-03T00:00:00Z" } });
    expect(mapSatisfaction([rating(1, "bad", "2026-02-02T00:00:00Z", "slow")])?.csat).toEqual({
      score: 1,
      comment: "slow",
      at: "2026-02-02T00:00:00Z",
    });
  });

  it("turns resolution fulfilments into solved, a later activation into a reopening, and reply breaches into SLA breaches", () => {
    const { events, kept } = mapMetricEvents([
      metric(1, "resolution_time", "activate", "2026-02-01T10:00:00Z"),
      metric(2, "reply_time", "breach", "2026-02-01T11:00:00Z"),
      metric(3, "resolution_time", "fulfill", "2026-02-01T12:00:00Z"),
      metric(4, "resolution_time", "activate", "2026-02-02T09:00:00Z"),
      metric(5, "resolution_time", "fulfill", "2026-02-02T10:00:00Z"),
      metric(6, "agent_work_time", "pause", "2026-02-01T11:30:00Z"),
    ]);
    expect(events.map((event) => [event.at, event.type, event.from, event.to, event.data?.metric])).toEqual([
      ["2026-02-01T11:00:00Z", "sla_breached", undefined, undefined, "firstResponse"],
      ["2026-02-01T12:00:00Z", "status_changed", "open", "solved", undefined],
      ["2026-02-02T09:00:00Z", "reopened", undefined, undefined, undefined],
      ["2026-02-02T09:00:00Z", "status_changed", "solved", "open", undefined],
      ["2026-02-02T10:00:00Z", "status_changed", "open", "solved", undefined],
    ]);
    expect(kept.map((event) => `${event.metric} ${event.type}`)).toEqual([
      "resolution_time activate",
      "agent_work_time pause",
    ]);
  });
});

describe("a Zendesk ticket", () => {
  const source: ZendeskTicket = {
    id: 5,
    subject: "Charged twice",
    status: "hold",
    priority: "urgent",
    type: "incident",
    requester_id: 1,
    assignee_id: 2,
    group_id: 8,
    tags: ["billing"],
    via: { channel: "facebook" },
    created_at: "2026-02-01T10:00:00Z",
    custom_fields: [{ id: 1, value: "ios" }],
    problem_id: null,
  };
  const context: TicketContext = {
    comments: [
      comment({ id: 72, author_id: 2, created_at: "2026-02-01T11:00:00Z", plain_body: "On it" }),
      comment({ id: 70, author_id: 1, created_at: "2026-02-01T10:00:00Z", plain_body: "Help" }),
    ],
    ratings: [
      { id: 1, ticket_id: 5, score: "good", created_at: "2026-02-03T00:00:00Z", updated_at: "2026-02-03T01:00:00Z" },
    ],
    metricEvents: [metric(3, "resolution_time", "fulfill", "2026-02-02T12:00:00Z")],
    roleOf,
    agentIds: new Set(["zd-user-2"]),
    teamIds: new Set(["zd-group-8"]),
    customerIdOf: (id) => `zd-user-${id}`,
  };

  it("maps its fields, orders its comments, and keeps the fields the desk has none for", () => {
    const { ticket, kept } = mapTicket(source, context);
    expect(ticket).toMatchObject({
      id: "zd-5",
      customerId: "zd-user-1",
      channel: "social",
      subject: "Charged twice",
      status: "on_hold",
      priority: "urgent",
      tags: ["billing"],
      assigneeId: "zd-user-2",
      teamId: "zd-group-8",
      createdAt: "2026-02-01T10:00:00Z",
      csat: { score: 5, at: "2026-02-03T01:00:00Z" },
    });
    expect(ticket.messages.map((message) => [message.author, message.body])).toEqual([
      ["customer", "Help"],
      ["agent:zd-user-2", "On it"],
    ]);
    expect(ticket.events?.map((event) => event.type)).toEqual(["status_changed", "csat_received"]);
    expect(ticket.attributes).toEqual({
      provider: "messenger",
      zendesk: { id: 5, type: "incident", via: { channel: "facebook" }, custom_fields: [{ id: 1, value: "ios" }] },
    });
    expect(kept.sort()).toEqual(["ticket.custom_fields", "ticket.type", "ticket.via"]);
  });

  it("keeps an assignee or group the export does not hold in attributes instead of pointing at nothing", () => {
    const { ticket } = mapTicket(source, { ...context, agentIds: new Set(), teamIds: new Set() });
    expect(ticket.assigneeId).toBeUndefined();
    expect(ticket.teamId).toBeUndefined();
    expect(ticket.attributes?.zendesk).toMatchObject({ assigneeId: 2, groupId: 8 });
  });

  it("says when a solved ticket has no solve time and when its status is unknown", () => {
    const solved = mapTicket({ ...source, status: "closed" }, { ...context, metricEvents: [] });
    expect(solved.solvedWithoutTime).toBe(true);
    const odd = mapTicket({ ...source, status: "archived" }, context);
    expect(odd.ticket.status).toBe("open");
    expect(odd.unknownStatus).toBe("archived");
    expect(odd.ticket.attributes?.zendesk).toMatchObject({ status: "archived" });
  });
});

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTicket } from "../../core/tickets/ticket-use-cases.ts";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import { visitorCookie } from "./help-center-reading.ts";

const browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";
const minute = 60_000;
const hour = 60 * minute;

let desk: TestDesk;
let app: FastifyInstance;
let address = 0;

beforeAll(async () => {
  desk = await createTestDesk({ now: "2026-03-02T09:00:00Z" });
  app = await desk.app();
  for (const id of ["quick-exit", "rated-low", "sends-tickets", "healthy"]) {
    await desk.articles.create(
      desk.workspaceId,
      { id, title: `Article ${id}`, body: `About ${id}.`, tags: [], public: true },
      desk.clock.now(),
    );
  }
});
afterAll(async () => desk?.close());

// Each simulated reader comes from its own address, so the per-address limits never get in the way.
const nextAddress = () => {
  address += 1;
  return `10.1.${Math.floor(address / 250)}.${address % 250}`;
};

type Reader = { cookie: string | null; ip: string };
const newReader = (): Reader => ({ cookie: null, ip: nextAddress() });

function headers(reader: Reader, userAgent = browser) {
  return { "user-agent": userAgent, ...(reader.cookie ? { cookie: reader.cookie } : {}) };
}

async function read(reader: Reader, articleId: string, userAgent = browser) {
  const response = await app.inject({
    method: "GET",
    url: `/help/articles/${articleId}`,
    headers: headers(reader, userAgent),
    remoteAddress: reader.ip,
  });
  expect(response.statusCode).toBe(200);
  const setCookie = String(response.headers["set-cookie"] ?? "");
  const match = new RegExp(`${visitorCookie}=([^;]+)`).exec(setCookie);
  if (match) reader.cookie = `${visitorCookie}=${match[1]}`;
  return { html: response.body, readId: /data-read="([^"]+)"/.exec(response.body)?.[1] ?? null, setCookie };
}

async function beacon(reader: Reader, readId: string, dwellMs: number, interacted = false) {
  const response = await app.inject({
    method: "POST",
    url: "/help/reading",
    headers: { ...headers(reader), "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({
      read: readId,
      dwell: String(dwellMs),
      interacted: interacted ? "1" : "0",
    }).toString(),
    remoteAddress: reader.ip,
  });
  expect(response.statusCode).toBe(204);
}

async function rate(reader: Reader, articleId: string, rating: string) {
  return app.inject({
    method: "POST",
    url: `/help/articles/${articleId}/rating`,
    headers: { ...headers(reader), "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ rating }).toString(),
    remoteAddress: reader.ip,
  });
}

async function health(from = "2026-03-01T00:00:00Z", to = "2026-04-01T00:00:00Z") {
  const agent = apiClient(app, await desk.issueToken("agent"));
  const response = await agent.get(`/reports/article-health?from=${from}&to=${to}`);
  expect(response.status).toBe(200);
  return response.body as {
    articles: {
      articleId: string;
      reads: number;
      readers: number;
      bounceRatePct: number | null;
      ratings: { count: number; lowCount: number; mean: number | null };
      ticketsAfterReading: number;
      needsRework: boolean;
      flags: { reason: string; evidence: string }[];
    }[];
  };
}
const rowOf = async (articleId: string) => (await health()).articles.find((row) => row.articleId === articleId);

describe("help-center reading", () => {
  it("gives a reader an anonymous first-party cookie and a beacon, and does not count bots", async () => {
    const reader = newReader();
    const first = await read(reader, "healthy");
    expect(first.setCookie).toMatch(/HttpOnly/);
    expect(first.setCookie).toMatch(/SameSite=Lax/);
    expect(first.setCookie).toMatch(/Path=\/help/);
    expect(first.readId).not.toBeNull();
    expect(first.html).toContain('<script src="/help/reading.js" defer></script>');
    expect(first.html).toContain('action="/help/articles/healthy/rating"');

    const crawler = await read(newReader(), "healthy", "Mozilla/5.0 (compatible; Googlebot/2.1)");
    expect(crawler.readId).toBeNull();
    expect(crawler.setCookie).toBe("");

    const script = await app.inject({ method: "GET", url: "/help/reading.js" });
    expect(script.headers["content-type"]).toMatch(/javascript/);
    expect(script.body).toContain("sendBeacon");
    expect((await rowOf("healthy"))?.reads).toBe(1);
  });

  it("counts a read as a bounce only without another page, an interaction or 10 s in view", async () => {
    const stays = newReader();
    const staysRead = await read(stays, "quick-exit");
    await beacon(stays, staysRead.readId as string, 45_000);

    const moves = newReader();
    await read(moves, "quick-exit");
    desk.clock.advance(minute);
    const home = await app.inject({ method: "GET", url: "/help", headers: headers(moves), remoteAddress: moves.ip });
    expect(home.statusCode).toBe(200);

    const clicks = newReader();
    const clicksRead = await read(clicks, "quick-exit");
    await beacon(clicks, clicksRead.readId as string, 3_000, true);

    const leaves = newReader();
    const leavesRead = await read(leaves, "quick-exit");
    await beacon(leaves, leavesRead.readId as string, 4_000);
    // Someone else's beacon for that read changes nothing.
    await beacon(newReader(), leavesRead.readId as string, 60_000);

    const returnsLate = newReader();
    await read(returnsLate, "quick-exit");
    desk.clock.advance(31 * minute);
    await read(returnsLate, "healthy");

    // No beacon at all (the page was closed at once) counts as under 10 s.
    await read(newReader(), "quick-exit");

    const row = await rowOf("quick-exit");
    expect(row?.reads).toBe(6);
    expect(row?.readers).toBe(6);
    expect(row?.bounceRatePct).toBeCloseTo((100 * 3) / 6, 6);
    expect(row?.needsRework).toBe(false);
  });

  it("flags an article whose bounce rate is over 60% once it has 10 reads", async () => {
    for (let index = 0; index < 9; index++) await read(newReader(), "quick-exit");
    // 15 reads, 12 bounces: 80%.
    const row = await rowOf("quick-exit");
    expect(row?.reads).toBe(15);
    expect(row?.bounceRatePct).toBeCloseTo(80, 6);
    expect(row?.flags).toEqual([
      { reason: "bounce_rate", evidence: expect.stringContaining("12 of 15 reads bounced (80.0%") },
    ]);
  });

  it("keeps one rating per visitor and article, changeable, and flags more than 5 low ones", async () => {
    const changesMind = newReader();
    await read(changesMind, "rated-low");
    const first = await rate(changesMind, "rated-low", "1");
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe("/help/articles/rated-low?rated=1#rating");
    expect((await rate(changesMind, "rated-low", "5")).statusCode).toBe(303);
    const page = await read(changesMind, "rated-low");
    expect(page.html).toContain('value="5" aria-pressed="true"');

    expect((await rate(changesMind, "rated-low", "6")).statusCode).toBe(400);
    expect((await rate(changesMind, "no-such-article", "3")).statusCode).toBe(404);

    for (let index = 0; index < 5; index++) {
      const reader = newReader();
      await read(reader, "rated-low");
      await rate(reader, "rated-low", "2");
    }
    let row = await rowOf("rated-low");
    expect(row?.ratings).toEqual({ count: 6, lowCount: 5, mean: (5 + 2 * 5) / 6 });
    expect(row?.flags.map((flag) => flag.reason)).not.toContain("low_ratings");

    const sixth = newReader();
    await read(sixth, "rated-low");
    await rate(sixth, "rated-low", "1");
    row = await rowOf("rated-low");
    expect(row?.ratings.lowCount).toBe(6);
    expect(row?.flags).toContainEqual({
      reason: "low_ratings",
      evidence: expect.stringContaining("6 readers rated it 2 or less"),
    });
  });

  it("counts contact-form and widget tickets opened within 24 h after reading, and flags more than 20", async () => {
    const contact = async (reader: Reader, email: string) => {
      const response = await app.inject({
        method: "POST",
        url: "/help/contact",
        headers: { ...headers(reader), "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ name: "Reader", email, message: "The article did not help." }).toString(),
        remoteAddress: reader.ip,
      });
      expect(response.statusCode).toBe(303);
    };

    // The same identified customer writes again through the widget later that day: both count.
    const identified = newReader();
    await read(identified, "sends-tickets");
    await contact(identified, "reader-0@example.com");
    expect((await rowOf("sends-tickets"))?.ticketsAfterReading).toBe(1);

    // Through the widget, by the same visitor id as the help-center cookie.
    const chatting = newReader();
    await read(chatting, "sends-tickets");
    const visitorId = (chatting.cookie as string).split("=")[1] as string;
    const conversation = await desk.widgets.createConversation(desk.workspaceId, {
      visitorId,
      userId: null,
      channel: "chat",
      at: desk.clock.now(),
    });
    desk.clock.advance(2 * hour);
    const chatTicket = await openTicket(
      {
        workspaceId: desk.workspaceId,
        customer: { name: "Visitor" },
        channel: "chat",
        message: { author: "customer", body: "Still stuck." },
        actor: "system",
      },
      desk,
    );
    await desk.widgets.recordInbound(desk.workspaceId, conversation.id, {
      ticketId: chatTicket.id,
      externalId: "chat-1",
      at: desk.clock.now(),
    });
    expect((await rowOf("sends-tickets"))?.ticketsAfterReading).toBe(2);

    // More than 24 h later it no longer counts.
    const late = newReader();
    await read(late, "sends-tickets");
    desk.clock.advance(25 * hour);
    await contact(late, "late@example.com");
    expect((await rowOf("sends-tickets"))?.ticketsAfterReading).toBe(2);

    for (let index = 1; index <= 19; index++) {
      const reader = newReader();
      await read(reader, "sends-tickets");
      await contact(reader, `reader-${index}@example.com`);
    }
    let row = await rowOf("sends-tickets");
    expect(row?.ticketsAfterReading).toBe(21);
    expect(row?.flags).toContainEqual({
      reason: "tickets_after_reading",
      evidence: expect.stringContaining("21 tickets opened within 24 h after reading it"),
    });
    // Writing to support is an interaction: none of those reads bounced.
    expect(row?.bounceRatePct).toBeLessThan(10);

    row = (await health("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z")).articles.find(
      (candidate) => candidate.articleId === "sends-tickets",
    );
    expect(row).toMatchObject({ reads: 0, ticketsAfterReading: 0, needsRework: false });
  });

  it("refuses a period that ends before it starts, with the expected format", async () => {
    const agent = apiClient(app, await desk.issueToken("agent"));
    const backwards = await agent.get("/reports/article-health?from=2026-04-01&to=2026-03-01");
    expect(backwards.status).toBe(400);
    expect(backwards.body.message).toContain("to must be after from");
    const garbled = await agent.get("/reports/article-health?from=yesterday");
    expect(garbled.status).toBe(400);
    expect(garbled.body.message).toContain("ISO 8601");
  });
});

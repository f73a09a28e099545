import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeZendesk, generateZendeskAccount, startFakeZendesk } from "./fake-zendesk.ts";

const email = "admin@acme.example";
const token = "secret-token";
const authorization = `Basic ${Buffer.from(`${email}/token:${token}`).toString("base64")}`;
const account = generateZendeskAccount({ tickets: 60, seed: 4 });
let fake: FakeZendesk;

// biome-ignore lint/suspicious/noExplicitAny: the test reads whatever the fake sent and asserts on it
type Body = any;

async function get(
  path: string,
  headers: Record<string, string> = { authorization },
): Promise<{ status: number; body: Body; retryAfter: string | null }> {
  const response = await fetch(path.startsWith("http") ? path : `${fake.url}${path}`, { headers });
  return { status: response.status, body: await response.json(), retryAfter: response.headers.get("retry-after") };
}

beforeAll(async () => {
  fake = await startFakeZendesk({ account, email, token, exportPageSize: 25, requestsPerMinute: 30 });
});

afterAll(async () => {
  await fake.close();
});

describe("the fake Zendesk Support API", () => {
  it("generates the same account from the same seed, with deleted users, a deleted ticket, HTML comments and attachments", () => {
    expect(generateZendeskAccount({ tickets: 60, seed: 4 })).toEqual(account);
    expect(account.users.some((user) => !user.active && user.role === "agent")).toBe(true);
    expect(account.users.some((user) => !user.active && user.role === "end-user")).toBe(true);
    expect(account.tickets.filter((ticket) => ticket.status === "deleted")).toHaveLength(1);
    const comments = [...account.comments.values()].flat();
    expect(comments.every((comment) => comment.html_body.startsWith("<div"))).toBe(true);
    expect(comments.some((comment) => comment.attachments.length > 0)).toBe(true);
    expect(new Set(account.satisfactionRatings.map((rating) => rating.score))).toEqual(
      new Set(["good", "bad", "offered"]),
    );
  });

  it("refuses requests without the email/token Basic credentials", async () => {
    const response = await get("/api/v2/groups.json", { authorization: "Basic bm9ib2R5" });
    expect(response.status).toBe(401);
  });

  it("pages the incremental ticket export by cursor until end_of_stream", async () => {
    const ids: number[] = [];
    let url: string | null = "/api/v2/incremental/tickets/cursor.json?start_time=0";
    let pages = 0;
    while (url) {
      const { body } = await get(url);
      ids.push(...body.tickets.map((ticket: { id: number }) => ticket.id));
      expect(body.after_cursor).toEqual(expect.any(String));
      url = body.end_of_stream ? null : body.after_url;
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(account.tickets.length / 25));
    expect(ids.sort()).toEqual(account.tickets.map((ticket) => ticket.id).sort());
  });

  it("pages lists with page[size], meta.has_more and links.next, and 404s a deleted ticket's comments", async () => {
    const first = await get("/api/v2/satisfaction_ratings.json?page[size]=10");
    expect(first.body.satisfaction_ratings).toHaveLength(10);
    expect(first.body.meta.has_more).toBe(true);
    const second = await get(first.body.links.next);
    expect(second.body.satisfaction_ratings[0].id).toBe(account.satisfactionRatings[10]?.id);
    const deleted = account.tickets.find((ticket) => ticket.status === "deleted");
    expect((await get(`/api/v2/tickets/${deleted?.id}/comments.json`)).status).toBe(404);
  });

  it("answers 429 with Retry-After over the rate limit, and serves again once that time has passed", async () => {
    fake.advance(60_000);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let request = 0; request < 31; request++) {
      const response = await get("/api/v2/groups.json");
      statuses.push(response.status);
      retryAfter = response.retryAfter ?? retryAfter;
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(30);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    fake.advance(Number(retryAfter) * 1000);
    expect((await get("/api/v2/groups.json")).status).toBe(200);
  });

  it("goes down after a number of requests until it recovers", async () => {
    fake.advance(60_000);
    fake.goDownAfter(1);
    expect((await get("/api/v2/groups.json")).status).toBe(200);
    expect((await get("/api/v2/groups.json")).status).toBe(503);
    fake.recover();
    expect((await get("/api/v2/groups.json")).status).toBe(200);
  });
});

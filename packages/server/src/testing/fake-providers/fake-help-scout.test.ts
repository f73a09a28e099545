import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeHelpScout, generateHelpScoutAccount, startFakeHelpScout } from "./fake-help-scout.ts";

const token = "fake-token-for-the-fake";
const account = generateHelpScoutAccount({ seed: 4, conversations: 30 });
let fake: FakeHelpScout;

beforeAll(async () => {
  fake = await startFakeHelpScout({ account, token, pageSize: 10, rateLimit: { every: 6, retryAfterSeconds: 2 } });
});

afterAll(async () => {
  await fake.close();
});

const get = (path: string, bearer = token) =>
  fetch(`${fake.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });

describe("the fake Help Scout API", () => {
  it("generates the same account from the same seed, and a different one from another", () => {
    expect(generateHelpScoutAccount({ seed: 4, conversations: 30 })).toEqual(account);
    expect(generateHelpScoutAccount({ seed: 5, conversations: 30 })).not.toEqual(account);
  });

  it("pages conversations as HAL with page numbers, totals and a next link until the last page", async () => {
    const first = (await (
      await get("/v2/conversations?status=all&embed=threads&sortField=createdAt&sortOrder=asc&page=1")
    ).json()) as {
      _embedded: { conversations: { createdAt: string; _embedded?: { threads: unknown[] } }[] };
      page: { size: number; totalElements: number; totalPages: number; number: number };
      _links: { next?: { href: string } };
    };
    expect(first.page).toEqual({ size: 10, totalElements: 30, totalPages: 3, number: 1 });
    expect(first._links.next?.href).toBe(`${fake.url}/v2/conversations?page=2`);
    expect(first._embedded.conversations[0]?._embedded?.threads.length).toBeGreaterThan(0);
    const times = first._embedded.conversations.map((conversation) => conversation.createdAt);
    expect(times).toEqual([...times].sort());
    const last = (await (await get("/v2/conversations?status=all&page=3")).json()) as {
      _links: { next?: unknown };
      _embedded: { conversations: { _embedded?: unknown }[] };
    };
    expect(last._links.next).toBeUndefined();
    expect(last._embedded.conversations[0]?._embedded).toBeUndefined();
  });

  it("answers every sixth request with 429 and X-RateLimit-Retry-After, and a wrong token with 401", async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let count = 0; count < 6; count++) {
      const response = await get("/v2/mailboxes");
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get("x-ratelimit-retry-after");
      await response.body?.cancel();
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
    expect(retryAfter).toBe("2");
    const refused = await get("/v2/users", "wrong");
    expect([401, 429]).toContain(refused.status);
  });

  it("fails every request from a chosen point until it recovers", async () => {
    fake.failAfter(1);
    expect((await get("/v2/users")).status).toBe(500);
    expect((await get("/v2/users")).status).toBe(500);
    fake.recover();
    const statuses = [(await get("/v2/users")).status, (await get("/v2/users")).status];
    expect(statuses).toContain(200);
  });

  it("issues an access token for an app's client credentials", async () => {
    const response = await fetch(`${fake.url}/v2/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=fake-app-id&client_secret=fake-app-secret",
    });
    expect(await response.json()).toEqual({ token_type: "bearer", access_token: token, expires_in: 172_800 });
  });

  it("serves each rating in the documented shape and lists them in the happiness report", async () => {
    const rating = account.ratings[0];
    if (!rating) throw new Error("the generator made no ratings");
    let response = await get(`/v2/ratings/${rating.id}`);
    if (response.status === 429) response = await get(`/v2/ratings/${rating.id}`);
    expect(await response.json()).toMatchObject({
      id: rating.id,
      conversationId: rating.conversationId,
      rating: rating.rating,
    });
    let report = await get("/v2/reports/happiness/ratings?start=2011-01-01T00:00:00Z&end=2030-01-01T00:00:00Z&page=1");
    if (report.status === 429)
      report = await get("/v2/reports/happiness/ratings?start=2011-01-01T00:00:00Z&end=2030-01-01T00:00:00Z&page=1");
    const body = (await report.json()) as { results: { ratingId: number }[]; pages: number };
    expect(body.results.map((result) => result.ratingId)).toContain(rating.id);
  });
});

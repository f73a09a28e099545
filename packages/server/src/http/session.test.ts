import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;
let app: FastifyInstance;
const origin = "http://desk.test";
const browser = { host: "desk.test", origin };

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app();
});
afterAll(() => desk.close());

function sessionCookieOf(response: { headers: Record<string, unknown> }): string {
  const header = String(response.headers["set-cookie"] ?? "");
  const value = /responder_session=([^;]*)/.exec(header)?.[1];
  if (!value) throw new Error(`no session cookie in ${header}`);
  return `responder_session=${value}`;
}

async function post(url: string, payload: object, headers: Record<string, string> = browser) {
  return app.inject({ method: "POST", url: `/api/v1${url}`, payload, headers });
}

describe("first run and sign-in", () => {
  let cookie = "";

  it("offers the first admin only while no agent has a password", async () => {
    const before = await app.inject({ method: "GET", url: "/api/v1/session/setup" });
    expect(before.json()).toEqual({ needsFirstAdmin: true });

    const tooShort = await post("/session/first-admin", { name: "Ana", email: "ana@example.test", password: "short" });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().message).toContain("at least 10 characters");

    const created = await post("/session/first-admin", {
      name: "Ana Admin",
      email: "ana@example.test",
      password: "correct horse battery",
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: "Ana Admin", role: "admin" });
    const setCookie = String(created.headers["set-cookie"]);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).not.toContain("Secure");

    const again = await post("/session/first-admin", {
      name: "Eve",
      email: "eve@example.test",
      password: "another long one",
    });
    expect(again.statusCode).toBe(409);
    const after = await app.inject({ method: "GET", url: "/api/v1/session/setup" });
    expect(after.json()).toEqual({ needsFirstAdmin: false });
  });

  it("refuses a wrong password and an unknown email with the same answer", async () => {
    const wrong = await post("/session", { email: "ana@example.test", password: "not the password" });
    const unknown = await post("/session", { email: "nobody@example.test", password: "not the password" });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it("slows a password guesser down to a few tries a minute per address", async () => {
    const statuses: number[] = [];
    let last = { code: "", message: "" };
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const response = await app.inject({
        method: "POST",
        url: "/api/v1/session",
        payload: { email: "ana@example.test", password: `guess ${attempt}` },
        headers: browser,
        remoteAddress: "10.9.9.9",
      });
      statuses.push(response.statusCode);
      last = response.json();
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(last.code).toBe("rate_limited");
    expect(last.message).toContain("Too many sign-in attempts");
  });

  it("signs in with email (any case) and password, and the cookie then opens the API", async () => {
    const response = await post("/session", { email: "ANA@example.test", password: "correct horse battery" });
    expect(response.statusCode, response.body).toBe(200);
    cookie = sessionCookieOf(response);
    const session = await app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json().agent).toMatchObject({ email: "ana@example.test", role: "admin" });
    const tickets = await app.inject({ method: "GET", url: "/api/v1/tickets", headers: { cookie } });
    expect(tickets.statusCode).toBe(200);
  });

  it("marks the cookie Secure behind https", async () => {
    const response = await post(
      "/session",
      { email: "ana@example.test", password: "correct horse battery" },
      {
        ...browser,
        "x-forwarded-proto": "https",
      },
    );
    expect(String(response.headers["set-cookie"])).toContain("Secure");
  });

  it("refuses a cookie-authenticated write from another origin, and accepts one from the desk", async () => {
    const payload = { customer: { email: "csrf@example.test" }, message: { body: "Hello" } };
    const foreign = await app.inject({
      method: "POST",
      url: "/api/v1/tickets",
      payload,
      headers: { cookie, host: "desk.test", origin: "https://evil.test" },
    });
    expect(foreign.statusCode).toBe(403);
    const withoutOrigin = await app.inject({ method: "POST", url: "/api/v1/tickets", payload, headers: { cookie } });
    expect(withoutOrigin.statusCode).toBe(403);
    const own = await app.inject({ method: "POST", url: "/api/v1/tickets", payload, headers: { cookie, ...browser } });
    expect(own.statusCode, own.body).toBe(201);
  });

  it("keeps bearer tokens working without any origin", async () => {
    const token = await desk.issueToken("agent");
    const response = await apiClient(app, token).post("/tickets", {
      customer: { email: "bearer@example.test" },
      message: { body: "Hello" },
    });
    expect(response.status).toBe(201);
  });

  it("ends the session on sign-out", async () => {
    const out = await app.inject({ method: "DELETE", url: "/api/v1/session", headers: { cookie, ...browser } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toContain("Max-Age=0");
    const after = await app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().message).toContain("sign in again");
  });

  it("ends a session when it expires", async () => {
    const response = await post("/session", { email: "ana@example.test", password: "correct horse battery" });
    const fresh = sessionCookieOf(response);
    desk.clock.advance(15 * 24 * 60 * 60 * 1000);
    const after = await app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie: fresh } });
    expect(after.statusCode).toBe(401);
  });
});

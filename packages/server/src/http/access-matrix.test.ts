import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUserId } from "../channels/chat/identity.ts";
import { connectSocket } from "../channels/chat/socket-test-client.ts";
import { type ExpectedAccess, expectedAccess, optionalRoutes } from "../testing/access-matrix/expected-access.ts";
import { judge, type Role } from "../testing/access-matrix/judge.ts";
import { requestFor } from "../testing/access-matrix/route-requests.ts";
import { type SeededWorkspace, seedWorkspace } from "../testing/access-matrix/seed.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { sessionCookieName } from "./auth.ts";
import { registeredRoutes } from "./route-table.ts";

let desk: TestDesk;
let app: FastifyInstance;
let ours: SeededWorkspace;
let theirs: SeededWorkspace;

beforeAll(async () => {
  desk = await createTestDesk();
  await desk.addWorkspace("other");
  app = await desk.app();
  ours = await seedWorkspace(desk, app, desk.workspaceId, "Aurora");
  theirs = await seedWorkspace(desk, app, "other", "Borealis");
});
afterAll(async () => desk?.close());

const routeId = (method: string, url: string) => `${method} ${url}`;

function appRoutes(): { method: string; url: string; websocket: boolean }[] {
  const seen = new Set<string>();
  return registeredRoutes(app).filter((route) => {
    const id = routeId(route.method, route.url);
    if (route.method === "HEAD" || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * The web app's signed-in agent and admin: a session cookie instead of a token, from the desk's own
 * pages (the browser's Origin names the desk). Judged by the same rules as the token of that role.
 */
type CookieCaller = "agent (session cookie)" | "admin (session cookie)";
type Caller = Role | CookieCaller;

const deskHost = "desk.test";
const judgedAs: Record<CookieCaller, Role> = { "agent (session cookie)": "agent", "admin (session cookie)": "admin" };
const isCookieCaller = (caller: Caller): caller is CookieCaller => caller in judgedAs;
// MCP clients are programs holding an API token (every request carries it): a browser's cookie opens nothing there.
const tokenOnlyRoutes = new Set(["GET /mcp", "POST /mcp", "DELETE /mcp"]);

/** A fresh session for each call: the matrix's DELETE /session would otherwise end the rest of the run. */
async function sessionCookie(caller: CookieCaller): Promise<string> {
  const agentId = caller === "admin (session cookie)" ? ours.adminAgentId : ours.agentId;
  const session = await desk.sessions.start(ours.workspaceId, agentId);
  return `${sessionCookieName}=${session.token}`;
}

async function callerHeaders(caller: Caller): Promise<Record<string, string>> {
  if (isCookieCaller(caller)) {
    return { cookie: await sessionCookie(caller), host: deskHost, origin: `http://${deskHost}` };
  }
  const role = caller;
  switch (role) {
    case "anonymous":
      return {};
    // All a widget visitor holds is their signed identity; it must open nothing on the API.
    case "widget visitor":
      return { authorization: `Bearer ${ours.widgetUser.signature}` };
    case "other workspace's admin":
      return { authorization: `Bearer ${theirs.adminToken}` };
    case "agent":
      return { authorization: `Bearer ${ours.agentToken}` };
    case "admin":
      return { authorization: `Bearer ${ours.adminToken}` };
  }
}

const withBody = new Set(["POST", "PUT", "PATCH"]);

async function send(method: string, url: string, headers: Record<string, string>) {
  const response = await app.inject({
    method: method as "GET",
    url,
    headers: withBody.has(method) ? { ...headers, "content-type": "application/json" } : headers,
    ...(withBody.has(method) ? { payload: "{}" } : {}),
  });
  return { status: response.statusCode, text: response.body };
}

/** Calls every route as one role and returns each broken rule as one line. */
async function runMatrix(caller: Caller): Promise<string[]> {
  const failures: string[] = [];
  const role = isCookieCaller(caller) ? judgedAs[caller] : caller;
  const foreignSecrets = role === "agent" || role === "admin" ? theirs.secrets : ours.secrets;
  for (const route of appRoutes()) {
    const id = routeId(route.method, route.url);
    const access = expectedAccess[id] as ExpectedAccess | undefined;
    if (!access) continue;
    const request = requestFor(route.method, route.url, ours);
    const answer = await send(request.method, request.url, await callerHeaders(caller));
    const broken = judge({
      role: isCookieCaller(caller) && tokenOnlyRoutes.has(id) ? "anonymous" : role,
      access,
      method: request.method,
      namesAnObject: request.namesAnObject,
      answer,
      foreignSecrets,
    });
    if (broken) failures.push(`${caller}: ${request.method} ${request.url} (${access}) ${broken}`);
  }
  return failures;
}

/** What an admin of the workspace sees through every list and setting (no path parameters). */
async function fingerprint(seeded: SeededWorkspace): Promise<string> {
  const volatile = new Set(["GET /api/v1/health", "GET /api/v1/live"]);
  const readable = appRoutes().filter((route) => {
    const access = expectedAccess[routeId(route.method, route.url)];
    return (
      route.method === "GET" &&
      (access === "agent" || access === "admin") &&
      route.url.startsWith("/api/v1/") &&
      !route.url.includes(":") &&
      !volatile.has(routeId(route.method, route.url))
    );
  });
  const parts: string[] = [];
  for (const route of readable) {
    const answer = await send("GET", route.url, { authorization: `Bearer ${seeded.adminToken}` });
    parts.push(`${route.url} ${answer.status} ${answer.text}`);
  }
  return parts.join("\n");
}

/** The actions the audit log holds for one actor of the workspace. */
async function auditedActions(seeded: SeededWorkspace, actor: string): Promise<string[]> {
  const actions: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${cursor}` : "";
    const page = await send("GET", `/api/v1/audit-log?limit=200${query}`, {
      authorization: `Bearer ${seeded.adminToken}`,
    });
    const body = JSON.parse(page.text) as { items: { actor: string; action: string }[]; nextCursor: string | null };
    actions.push(...body.items.filter((item) => item.actor === actor).map((item) => item.action));
    cursor = body.nextCursor;
  } while (cursor);
  return actions;
}

describe("the access matrix", () => {
  it("has an expected access for every route the app registers, and no row for a route that is gone", () => {
    const registered = new Set(appRoutes().map((route) => routeId(route.method, route.url)));
    const missing = [...registered].filter((id) => !(id in expectedAccess));
    const gone = Object.keys(expectedAccess).filter((id) => !registered.has(id) && !optionalRoutes.has(id));
    expect(missing, "add these routes to testing/access-matrix/expected-access.ts").toEqual([]);
    expect(gone, "these rows name routes the app no longer has").toEqual([]);
    expect(registered.size).toBeGreaterThan(50);
  });

  it("lets nobody outside the workspace read or change anything in it", async () => {
    const before = await fingerprint(ours);
    expect(before).toContain(ours.secrets[0]);
    const failures = [
      ...(await runMatrix("anonymous")),
      ...(await runMatrix("widget visitor")),
      ...(await runMatrix("other workspace's admin")),
    ];
    expect(failures).toEqual([]);
    expect(await fingerprint(ours)).toBe(before);
  });

  it("gives the workspace's agent the agent routes and refuses them the admin routes", async () => {
    const theirsBefore = await fingerprint(theirs);
    expect(await runMatrix("agent")).toEqual([]);
    expect(await fingerprint(theirs)).toBe(theirsBefore);
    const audited = await auditedActions(ours, ours.agentId);
    expect(audited, "an agent's refused attempts are not in the audit log").toEqual([]);
  });

  it("gives the workspace's admin every route, and nothing of another workspace", async () => {
    const theirsBefore = await fingerprint(theirs);
    expect(await runMatrix("admin")).toEqual([]);
    expect(await fingerprint(theirs)).toBe(theirsBefore);
  });

  it("gives the web app's signed-in agent (session cookie) what the agent's token gets, and no more", async () => {
    const theirsBefore = await fingerprint(theirs);
    expect(await runMatrix("agent (session cookie)")).toEqual([]);
    expect(await fingerprint(theirs)).toBe(theirsBefore);
    // Its sign-out (DELETE /session ended that call's session) is audited; its refused attempts are not.
    expect(await auditedActions(ours, ours.agentId)).toEqual(["DELETE /session"]);
  });

  it("gives the web app's signed-in admin (session cookie) every route, and nothing of another workspace", async () => {
    const theirsBefore = await fingerprint(theirs);
    expect(await runMatrix("admin (session cookie)")).toEqual([]);
    expect(await fingerprint(theirs)).toBe(theirsBefore);
  });

  it("refuses every cookie-authenticated change that did not come from the desk's own pages", async () => {
    const writes = appRoutes().filter((route) => {
      const access = expectedAccess[routeId(route.method, route.url)];
      return (
        route.method !== "GET" &&
        (access === "agent" || access === "admin") &&
        !tokenOnlyRoutes.has(routeId(route.method, route.url))
      );
    });
    expect(writes.length).toBeGreaterThan(30);
    const before = await fingerprint(ours);
    const crossSite = { none: {}, "another site's": { origin: "https://attacker.example.test" } };
    const failures: string[] = [];
    for (const route of writes) {
      const request = requestFor(route.method, route.url, ours);
      for (const [kind, extra] of Object.entries(crossSite)) {
        const headers = { cookie: await sessionCookie("admin (session cookie)"), host: deskHost, ...extra };
        const answer = await send(request.method, request.url, headers);
        if (answer.status !== 403) {
          failures.push(`${request.method} ${request.url} with ${kind} origin answered ${answer.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await fingerprint(ours)).toBe(before);
  });

  it("has every change the admin made in the audit log, whatever its outcome", async () => {
    const adminChanges = appRoutes()
      .filter((route) => route.method !== "GET" && expectedAccess[routeId(route.method, route.url)] === "admin")
      .map((route) => routeId(route.method, route.url.replace("/api/v1", "")));
    expect(adminChanges.length).toBeGreaterThan(10);
    const audited = new Set(await auditedActions(ours, ours.adminAgentId));
    expect(adminChanges.filter((action) => !audited.has(action))).toEqual([]);
  });
});

describe("the matrix's rules", () => {
  const call = {
    role: "other workspace's admin" as const,
    access: "agent" as const,
    method: "GET",
    namesAnObject: true,
    foreignSecrets: ["Aurora refund"],
  };

  it("catches a leak, a read of another workspace's object and an agent let into an admin route", () => {
    expect(judge({ ...call, answer: { status: 404, text: '{"code":"not_found","message":"Aurora refund"}' } })).toMatch(
      /Aurora refund/,
    );
    expect(judge({ ...call, answer: { status: 200, text: "{}" } })).toMatch(/expected 404/);
    expect(judge({ ...call, answer: { status: 404, text: '{"code":"not_found","message":"no","id":"1"}' } })).toMatch(
      /more than/,
    );
    expect(judge({ ...call, role: "agent", access: "admin", answer: { status: 200, text: "{}" } })).toMatch(
      /expected 403/,
    );
    expect(judge({ ...call, role: "anonymous", answer: { status: 404, text: "{}" } })).toMatch(/expected 401/);
  });

  it("accepts a plain 404 for a stranger and a validation error for a workspace's own agent", () => {
    expect(
      judge({ ...call, answer: { status: 404, text: '{"code":"not_found","message":"There is no ticket 7."}' } }),
    ).toBeNull();
    expect(judge({ ...call, role: "agent", answer: { status: 400, text: "{}" } })).toBeNull();
  });
});

describe("widget visitors", () => {
  let base: string;

  beforeAll(async () => {
    const listening = await desk.app();
    base = (await listening.listen({ port: 0, host: "127.0.0.1" })).replace(/^http/, "ws");
  });

  let visitorNumber = 0;
  async function visitor(workspaceId: string, hello: Record<string, unknown> = {}) {
    visitorNumber += 1;
    const client = await connectSocket(`${base}/widget/socket?workspace=${workspaceId}`);
    client.send({ type: "hello", visitorId: `matrix-visitor-${String(visitorNumber).padStart(8, "0")}`, ...hello });
    const welcome = await client.next("welcome");
    return { client, welcome };
  }

  async function say(client: Awaited<ReturnType<typeof visitor>>["client"], body: string) {
    client.send({ type: "message", clientId: `message-${visitorNumber}-${body.length}`, body });
    return client.next("ack");
  }

  const bodies = (welcome: { history: { body: string }[] }) => welcome.history.map((item) => item.body);

  it("see only their own conversation: another visitor holding its id gets nothing of it", async () => {
    const first = await visitor(ours.workspaceId);
    const ack = await say(first.client, "Anonymous visitor's private question about invoice 5521");
    await first.client.close();

    const intruder = await visitor(ours.workspaceId, { conversationId: ack.conversationId });
    expect(intruder.welcome.conversationId).toBeNull();
    expect(bodies(intruder.welcome)).toEqual([]);
    await intruder.client.close();

    const elsewhere = await visitor(theirs.workspaceId, { conversationId: ack.conversationId });
    expect(elsewhere.welcome.conversationId).toBeNull();
    expect(bodies(elsewhere.welcome)).toEqual([]);
    await elsewhere.client.close();
  });

  it("see a signed-in user's conversations only with a valid signature", async () => {
    const secret = await desk.widgets.identitySecret(ours.workspaceId);
    const userId = "matrix-user-7";
    const signature = signUserId(secret, userId);
    const owner = await visitor(ours.workspaceId, { user: { userId, signature } });
    expect(owner.welcome.identified).toBe(true);
    const ack = await say(owner.client, "Signed-in user's question about plan 88");
    await owner.client.close();

    const returning = await visitor(ours.workspaceId, { user: { userId, signature } });
    expect(returning.welcome).toMatchObject({ identified: true, conversationId: ack.conversationId });
    expect(bodies(returning.welcome)).toContain("Signed-in user's question about plan 88");
    await returning.client.close();

    const last = signature.at(-1) === "0" ? "1" : "0";
    const forgedSignatures = {
      tampered: `${signature.slice(0, -1)}${last}`,
      absent: undefined,
      "of another workspace": signUserId(await desk.widgets.identitySecret(theirs.workspaceId), userId),
      "of another user": signUserId(secret, "matrix-user-8"),
    };
    for (const [kind, forged] of Object.entries(forgedSignatures)) {
      const impostor = await visitor(ours.workspaceId, {
        user: { userId, ...(forged === undefined ? {} : { signature: forged }) },
        conversationId: ack.conversationId,
      });
      expect(impostor.welcome, `a ${kind} signature`).toMatchObject({ identified: false, conversationId: null });
      expect(bodies(impostor.welcome), `a ${kind} signature`).toEqual([]);
      await impostor.client.close();
    }
  });
});

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AuditEntry, AuditStore, Clock } from "../core/ports.ts";
import type { SessionStore } from "../core/sign-in/sign-in-ports.ts";
import { adminTokenActorOf, cookieValue, sessionCookieName } from "./auth.ts";

export type AuditHookDeps = {
  audit: AuditStore;
  clock: Clock;
  /** Where sign-ins land: the desk signs agents in to this workspace. */
  defaultWorkspaceId: string;
  sessions?: SessionStore;
};

const apiPrefix = "/api/v1";
const readMethods = new Set(["GET", "HEAD", "OPTIONS"]);
const signIn = `POST ${apiPrefix}/session`;
const firstAdmin = `POST ${apiPrefix}/session/first-admin`;
const signOut = `DELETE ${apiPrefix}/session`;
const largestParsedPayload = 1024 * 1024;

type Actor = { workspaceId: string; actor: string };

/**
 * Records every change an admin makes, and every sign-in and sign-out, in the audit log: one hook
 * for all routes (a route whose config says `access: "admin"` is audited without saying more).
 *
 * The row is written before the answer goes out (onSend, not onResponse), so a client that saw its
 * change succeed finds it in the log. Attempts the access check refused (401, 403) are not logged:
 * without a principal there is no actor to name, and an agent could otherwise fill the admins' log.
 */
export function registerAuditHook(app: FastifyInstance, deps: AuditHookDeps) {
  const signingOut = new WeakMap<FastifyRequest, Actor>();

  app.addHook("onRequest", async (request) => {
    if (routeId(request) !== signOut || !deps.sessions) return;
    const token = cookieValue(request.headers.cookie, sessionCookieName);
    const session = token ? await deps.sessions.authenticate(token) : null;
    if (session) signingOut.set(request, { workspaceId: session.workspaceId, actor: session.agentId ?? "admin-token" });
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const who = actorOf(request, reply, payload, signingOut.get(request), deps.defaultWorkspaceId);
    if (!who) return payload;
    const entry: AuditEntry = {
      actor: who.actor,
      action: `${request.method} ${(request.routeOptions.url ?? "").replace(apiPrefix, "")}`,
      targetId: targetOf(request, reply, payload),
      at: deps.clock.now(),
      requestId: String(request.id),
      status: reply.statusCode,
    };
    try {
      await deps.audit.record(who.workspaceId, entry);
    } catch (error) {
      // The change is made already; refusing the answer now would only hide that it happened.
      request.log.error({ error, entry }, "the audit log could not record an admin action");
    }
    return payload;
  });
}

function routeId(request: FastifyRequest): string | null {
  const url = request.routeOptions.url;
  return request.is404 || !url ? null : `${request.method} ${url}`;
}

/** Who to record this request under, or null when it is not audited. */
function actorOf(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  signedOut: Actor | undefined,
  defaultWorkspaceId: string,
): Actor | null {
  if (readMethods.has(request.method)) return null;
  const route = routeId(request);
  const succeeded = reply.statusCode < 400;
  if (route === signIn || route === firstAdmin) {
    const agentId = succeeded ? stringField(parsedPayload(payload), "id") : null;
    if (agentId) return { workspaceId: defaultWorkspaceId, actor: agentId };
    // A wrong password is worth a line; malformed or rate-limited attempts are not.
    return route === signIn && reply.statusCode === 401
      ? { workspaceId: defaultWorkspaceId, actor: "anonymous" }
      : null;
  }
  if (route === signOut) return signedOut ?? null;
  const principal = request.principal;
  if (request.routeOptions.config.access !== "admin" || !principal) return null;
  return { workspaceId: principal.workspaceId, actor: principal.agentId ?? adminTokenActorOf(request) };
}

/** The object acted on: the route's id parameter (or its only one), else the id of what was created. */
function targetOf(request: FastifyRequest, reply: FastifyReply, payload: unknown): string | null {
  const params = (request.params ?? {}) as Record<string, unknown>;
  if (typeof params.id === "string") return params.id;
  const values = Object.values(params).filter((value): value is string => typeof value === "string");
  if (values.length > 0) return values.join("/");
  return reply.statusCode < 400 ? stringField(parsedPayload(payload), "id") : null;
}

function parsedPayload(payload: unknown): unknown {
  if (typeof payload !== "string" || payload.length > largestParsedPayload || !payload.startsWith("{")) return null;
  try {
    return JSON.parse(payload);
  } catch {
    return null;
  }
}

function stringField(value: unknown, field: string): string | null {
  if (typeof value !== "object" || value === null) return null;
  const found = (value as Record<string, unknown>)[field];
  return typeof found === "string" ? found : null;
}

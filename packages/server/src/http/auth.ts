import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { DeskError } from "../core/errors.ts";
import type { AccessStore, Principal } from "../core/ports.ts";
import type { SessionStore } from "../core/sign-in/sign-in-ports.ts";
import type { AgentRole } from "../core/snapshot/snapshot-schema.ts";

export type Access = "public" | AgentRole;

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may call the route: anyone, any agent, or admins only. Every route says. */
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const sessionCookieName = "responder_session";

/** The value of one cookie from a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim() || undefined;
  }
  return undefined;
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF protection for cookie-authenticated writes: the browser's Origin (or, failing that,
 * Sec-Fetch-Site) must say the request comes from this desk's own pages. Bearer tokens need none.
 */
export function isSameOriginWrite(request: FastifyRequest): boolean {
  if (safeMethods.has(request.method)) return true;
  const origin = request.headers.origin;
  if (origin) {
    try {
      return new URL(origin).host === request.headers.host;
    } catch {
      return false;
    }
  }
  return request.headers["sec-fetch-site"] === "same-origin";
}

export function createAuthenticator(options: {
  access: AccessStore;
  adminToken?: string;
  /** The serving desk's per-run secret for the command line beside it (see cli/desk-address.ts). */
  localAdminToken?: string;
  defaultWorkspaceId: string;
  sessions?: SessionStore;
}) {
  const adminToken = options.adminToken ? Buffer.from(options.adminToken) : null;
  const localAdminToken = options.localAdminToken ? Buffer.from(options.localAdminToken) : null;

  return async function authenticate(request: FastifyRequest): Promise<void> {
    if (request.is404) return;
    const required = request.routeOptions.config.access;
    if (required === undefined) throw new Error(`route ${request.routeOptions.url} does not declare its access`);
    if (required === "public") return;

    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
    const sessionToken = cookieValue(request.headers.cookie, sessionCookieName);
    if (!token && sessionToken && options.sessions) {
      const session = await options.sessions.authenticate(sessionToken);
      if (!session) throw new DeskError("unauthorized", "Your session has ended: sign in again.");
      if (!isSameOriginWrite(request)) {
        throw new DeskError("forbidden", "This change did not come from the desk's own pages, so it was refused.");
      }
      if (required === "admin" && session.role !== "admin") {
        throw new DeskError("forbidden", "Only an admin may do this.");
      }
      request.principal = { workspaceId: session.workspaceId, agentId: session.agentId, role: session.role };
      return;
    }
    if (!token) {
      throw new DeskError("unauthorized", "Send an API token as `Authorization: Bearer <token>`.");
    }
    const local = matchesAdminToken(localAdminToken, token);
    if (local) localCommandRequests.add(request);
    const principal =
      local || matchesAdminToken(adminToken, token)
        ? { workspaceId: options.defaultWorkspaceId, agentId: null, role: "admin" as const }
        : await options.access.authenticate(token);
    if (!principal) throw new DeskError("unauthorized", "This API token is unknown or has been revoked.");
    if (required === "admin" && principal.role !== "admin") {
      throw new DeskError("forbidden", "Only an admin may do this.");
    }
    request.principal = principal;
  };
}

const localCommandRequests = new WeakSet<FastifyRequest>();

/** How an admin that is no agent appears in the audit log: the local command line, or RESPONDER_ADMIN_TOKEN. */
export function adminTokenActorOf(request: FastifyRequest): string {
  return localCommandRequests.has(request) ? "local-cli" : "admin-token";
}

function matchesAdminToken(expected: Buffer | null, token: string): boolean {
  if (!expected) return false;
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error("principalOf called on a public route");
  return request.principal;
}

/** How the caller appears in the event log and as a message author. */
export function actorOf(principal: Principal): string {
  return principal.agentId ? `agent:${principal.agentId}` : "system";
}

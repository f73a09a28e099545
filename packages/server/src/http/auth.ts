import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { DeskError } from "../core/errors.ts";
import type { AccessStore, Principal } from "../core/ports.ts";
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

export function createAuthenticator(options: { access: AccessStore; adminToken?: string; defaultWorkspaceId: string }) {
  const adminToken = options.adminToken ? Buffer.from(options.adminToken) : null;

  return async function authenticate(request: FastifyRequest): Promise<void> {
    if (request.is404) return;
    const required = request.routeOptions.config.access;
    if (required === undefined) throw new Error(`route ${request.routeOptions.url} does not declare its access`);
    if (required === "public") return;

    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
    if (!token) {
      throw new DeskError("unauthorized", "Send an API token as `Authorization: Bearer <token>`.");
    }
    const principal = matchesAdminToken(adminToken, token)
      ? { workspaceId: options.defaultWorkspaceId, agentId: null, role: "admin" as const }
      : await options.access.authenticate(token);
    if (!principal) throw new DeskError("unauthorized", "This API token is unknown or has been revoked.");
    if (required === "admin" && principal.role !== "admin") {
      throw new DeskError("forbidden", "Only an admin may do this.");
    }
    request.principal = principal;
  };
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

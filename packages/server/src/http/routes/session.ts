import rateLimit from "@fastify/rate-limit";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { DeskError } from "../../core/errors.ts";
import { createFirstAdmin, signIn } from "../../core/sign-in/sign-in.ts";
import type { SignInAgent } from "../../core/sign-in/sign-in-ports.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { cookieValue, isSameOriginWrite, principalOf, sessionCookieName } from "../auth.ts";
import { errorResponse } from "../schemas.ts";
import { publicBodyLimitBytes, sharedRateLimitStore } from "./public-limits.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 409: errorResponse };

const agentResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(["admin", "agent"]),
    teamId: z.string().nullable(),
  })
  .meta({ id: "Agent" });

const sessionResponse = z
  .object({
    agent: agentResponse.nullable().describe("null for the automation admin token, which is no agent"),
    workspace: z.object({ id: z.string(), name: z.string(), timezone: z.string() }),
    teams: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: "Session" });

const signInBody = z.object({
  email: z.string().trim().min(1, "enter your email address").max(320),
  password: z.string().min(1, "enter your password").max(1000),
});

const firstAdminBody = z.object({
  name: z.string().trim().min(1, "enter your name").max(200),
  email: z.email("enter an email address such as ana@example.com").max(320),
  password: z.string().min(1, "choose a password").max(1000),
});

/** Sign-in and first-admin attempts allowed per address and minute. */
export const signInLimit = { max: 10, timeWindow: "1 minute" };

const presentAgent = (agent: SignInAgent) => ({
  id: agent.agentId,
  name: agent.name,
  email: agent.email,
  role: agent.role,
  teamId: agent.teamId,
});

function isHttps(request: FastifyRequest): boolean {
  return request.protocol === "https" || request.headers["x-forwarded-proto"] === "https";
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date | null) {
  const parts = [
    `${sessionCookieName}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    expiresAt ? `Expires=${expiresAt.toUTCString()}` : "Max-Age=0",
  ];
  if (isHttps(request)) parts.push("Secure");
  reply.header("set-cookie", parts.join("; "));
}

/** Sign-in forms post from the desk's own pages; refusing others stops signing a victim into an attacker's account. */
function refuseForeignOrigin(request: FastifyRequest) {
  if (!isSameOriginWrite(request)) {
    throw new DeskError("forbidden", "Sign in from the desk's own pages.");
  }
}

export function registerSessionRoutes(
  api: HttpApp,
  deps: Pick<HttpDeps, "credentials" | "sessions" | "workspaces" | "defaultWorkspaceId">,
) {
  const { credentials, sessions } = deps;
  if (!credentials || !sessions) return;
  const signInDeps = { credentials, sessions };

  api.get(
    "/session/setup",
    {
      config: { access: "public" },
      schema: {
        tags: ["session"],
        summary: "Whether the desk still needs its first admin (no agent has a password yet)",
        response: { 200: z.object({ needsFirstAdmin: z.boolean() }) },
      },
    },
    async () => ({ needsFirstAdmin: !(await credentials.hasAnyPassword(deps.defaultWorkspaceId)) }),
  );

  // Guessing passwords is slow already (scrypt); this also caps how fast one address may try.
  void api.register(async (plugin) => {
    await plugin.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        message: `Too many sign-in attempts from here: wait ${context.after} and try again.`,
      }),
      ...sharedRateLimitStore(plugin, "sign-in"),
    });
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.post(
      "/session/first-admin",
      {
        config: { access: "public", rateLimit: signInLimit },
        bodyLimit: publicBodyLimitBytes.signIn,
        schema: {
          tags: ["session"],
          summary: "Create the first admin and sign them in; only while no agent has a password",
          body: firstAdminBody,
          response: { 201: agentResponse, ...errors },
        },
      },
      async (request, reply) => {
        refuseForeignOrigin(request);
        const { agent, session } = await createFirstAdmin(
          { workspaceId: deps.defaultWorkspaceId, ...request.body },
          signInDeps,
        );
        setSessionCookie(request, reply, session.token, session.expiresAt);
        return reply.status(201).send(presentAgent(agent));
      },
    );

    scope.post(
      "/session",
      {
        config: { access: "public", rateLimit: signInLimit },
        bodyLimit: publicBodyLimitBytes.signIn,
        schema: {
          tags: ["session"],
          summary: "Sign in with email and password; sets an HttpOnly session cookie",
          body: signInBody,
          response: { 200: agentResponse, ...errors },
        },
      },
      async (request, reply) => {
        refuseForeignOrigin(request);
        const { agent, session } = await signIn({ workspaceId: deps.defaultWorkspaceId, ...request.body }, signInDeps);
        setSessionCookie(request, reply, session.token, session.expiresAt);
        return presentAgent(agent);
      },
    );
  });

  api.get(
    "/session",
    {
      config: { access: "agent" },
      schema: {
        tags: ["session"],
        summary: "Who is signed in, their workspace and its teams",
        response: { 200: sessionResponse, 401: errorResponse },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const agent = principal.agentId ? await credentials.agent(principal.workspaceId, principal.agentId) : null;
      const workspace = await deps.workspaces.profile(principal.workspaceId);
      return {
        agent: agent ? presentAgent(agent) : null,
        workspace: {
          id: principal.workspaceId,
          name: workspace?.name ?? principal.workspaceId,
          timezone: workspace?.timezone ?? "UTC",
        },
        teams: (workspace?.teams ?? []).map((team) => ({ id: team.id, name: team.name })),
      };
    },
  );

  api.delete(
    "/session",
    {
      config: { access: "public" },
      schema: {
        tags: ["session"],
        summary: "Sign out: ends the session of the cookie sent and clears it",
        response: { 204: z.null(), 403: errorResponse },
      },
    },
    async (request, reply) => {
      refuseForeignOrigin(request);
      const token = cookieValue(request.headers.cookie, sessionCookieName);
      if (token) await sessions.end(token);
      setSessionCookie(request, reply, "", null);
      return reply.status(204).send(null);
    },
  );

  api.get(
    "/agents",
    {
      config: { access: "agent" },
      schema: {
        tags: ["session"],
        summary: "The workspace's agents (for assigning tickets)",
        response: { 200: z.object({ agents: z.array(agentResponse) }), 401: errorResponse },
      },
    },
    async (request) => ({
      agents: (await credentials.listAgents(principalOf(request).workspaceId)).map(presentAgent),
    }),
  );
}

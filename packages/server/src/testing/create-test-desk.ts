import type { FastifyInstance } from "fastify";
import type { Clock, IssuedToken } from "../core/ports.ts";
import type { AgentRole } from "../core/snapshot/snapshot-schema.ts";
import { createDesk, type Desk, defaultWorkspaceId, ensureDefaultWorkspace } from "../desk.ts";
import { buildApp } from "../http/app.ts";
import type { ModelWriter } from "../responder/responder.ts";
import * as schema from "../storage/schema.ts";
import { createTestDatabase } from "./test-database.ts";

/** A clock that stands still until a test moves it. */
export type TestClock = Clock & {
  set(date: Date | string): void;
  advance(milliseconds: number): void;
};

export type TestAgent = IssuedToken & { workspaceId: string; role: AgentRole };

export type TestDesk = Desk & {
  clock: TestClock;
  workspaceId: string;
  /** Adds an agent with this role (to the default workspace unless told) and returns a fresh API token for them. */
  issueToken(role?: AgentRole, options?: { workspaceId?: string }): Promise<string>;
  /** Like issueToken, with the agent's and the token's ids. */
  addAgent(role?: AgentRole, options?: { workspaceId?: string; name?: string }): Promise<TestAgent>;
  /** Adds another, empty workspace (for isolation tests). */
  addWorkspace(id: string, name?: string): Promise<void>;
  /** The HTTP app over this desk, ready for `inject`; closed by `close()`. */
  app(options?: { adminToken?: string; importLimitBytes?: number }): Promise<FastifyInstance>;
  /** Runs every durable job due as of the test clock (relaying the outbox first); returns how many ran. */
  runDueJobs(): Promise<number>;
  close(): Promise<void>;
};

export const testStart = new Date("2026-03-02T09:00:00.000Z");

export function createTestClock(start: Date | string = testStart): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (date) => {
      current = new Date(date).getTime();
    },
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
}

/** A desk on a fresh, migrated database (PGlite, or Postgres when DATABASE_URL is set) with a controllable clock. */
export async function createTestDesk(options: { now?: Date | string; model?: ModelWriter } = {}): Promise<TestDesk> {
  const database = await createTestDatabase();
  await ensureDefaultWorkspace(database);
  const clock = createTestClock(options.now);
  const desk = createDesk(database, clock, { model: options.model ?? null });
  const apps: FastifyInstance[] = [];
  let agentNumber = 0;

  const addAgent: TestDesk["addAgent"] = async (role = "agent", agentOptions = {}) => {
    const workspaceId = agentOptions.workspaceId ?? defaultWorkspaceId;
    agentNumber += 1;
    const agentId = `agent-${agentNumber}`;
    await database.db.insert(schema.agents).values({
      workspaceId,
      id: agentId,
      name: agentOptions.name ?? `Test ${role} ${agentNumber}`,
      email: `${agentId}@example.test`,
      role,
    });
    const issued = await desk.access.issueToken(workspaceId, agentId, `test token ${agentNumber}`);
    return { ...issued, workspaceId, role };
  };

  return {
    ...desk,
    clock,
    workspaceId: defaultWorkspaceId,
    addAgent,
    issueToken: async (role = "agent", tokenOptions = {}) => (await addAgent(role, tokenOptions)).token,
    async addWorkspace(id, name = id) {
      await database.db.insert(schema.workspaces).values({ id, name, timezone: "UTC" });
    },
    async app(appOptions = {}) {
      const app = await buildApp({
        ...desk,
        defaultWorkspaceId,
        adminToken: appOptions.adminToken,
        importLimitBytes: appOptions.importLimitBytes,
        isReady: () => true,
      });
      await app.ready();
      apps.push(app);
      return app;
    },
    runDueJobs: () => desk.jobs.runDueJobs(),
    async close() {
      await Promise.all(apps.splice(0).map((app) => app.close()));
      await desk.jobs.stop();
      await database.close();
    },
  };
}

export type ApiResponse = {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever the API sent and asserts on it
  body: any;
  text: string;
};

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Calls the API in process (`app.inject`) under /api/v1, as the holder of `token` (or nobody). */
export function apiClient(app: FastifyInstance, token?: string) {
  const send = async (method: Method, url: string, payload?: unknown): Promise<ApiResponse> => {
    const response = await app.inject({
      method,
      url: url.startsWith("/api/") ? url : `/api/v1${url}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    let body: unknown = null;
    if (response.body && String(response.headers["content-type"] ?? "").includes("json")) body = response.json();
    return { status: response.statusCode, headers: response.headers, body, text: response.body };
  };
  return {
    get: (url: string) => send("GET", url),
    post: (url: string, payload?: unknown) => send("POST", url, payload ?? {}),
    patch: (url: string, payload?: unknown) => send("PATCH", url, payload ?? {}),
    put: (url: string, payload?: unknown) => send("PUT", url, payload ?? {}),
    delete: (url: string) => send("DELETE", url),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ChatService } from "../../channels/chat/chat-service.ts";
import type { AccessStore, OutboxSignal } from "../../core/ports.ts";
import type { SessionStore } from "../../core/sign-in/sign-in-ports.ts";
import { createAuthenticator, principalOf } from "../auth.ts";
import { requireWebSocketUpgrade } from "./widget.ts";

export type OutboxRow = {
  id: number;
  workspaceId: string;
  kind: string;
  ticketId: string | null;
  payload: Record<string, unknown>;
};

/** Reads the notifications outbox without consuming it (the jobs' relay marks rows delivered). */
export type OutboxReader = {
  latestNotificationId(): Promise<number>;
  notificationsAfter(afterId: number, limit: number): Promise<OutboxRow[]>;
};

export type LiveRouteDeps = {
  chat: ChatService;
  outbox: OutboxReader;
  access: AccessStore;
  adminToken?: string;
  defaultWorkspaceId: string;
  /** Web app sign-in: the browser's session cookie authenticates the socket too. */
  sessions?: SessionStore;
  /** Wakes the feed when outbox rows are committed, in any process on the database. */
  outboxSignal?: OutboxSignal;
  /** How often the outbox is read while anyone is connected: 1.5 s with an outboxSignal (a fallback), else 100 ms. */
  livePollMs?: number;
  onError?: (error: unknown) => void;
};

const agentFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("typing"), ticketId: z.string().min(1).max(100), typing: z.boolean() }),
  z.object({ type: z.literal("ping") }),
]);

/**
 * Follows the outbox and hands each new row to this process's agent sockets and chat service. With an
 * `outboxSignal` it reads as soon as a row is committed (by any process on the database) and polls
 * only as a fallback, every `livePollMs` (default 1.5 s); without one it polls every `livePollMs`
 * (default 100 ms) while anyone is connected. With nobody connected it only keeps its place once a
 * second, so a connection never gets an old backlog and never misses a row written after it connected.
 */
export function createLiveFeed(deps: LiveRouteDeps) {
  let lastId = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let started = false;
  let wokenWhileRunning = false;
  let stopListening: (() => Promise<void>) | null = null;
  const interval = deps.livePollMs ?? (deps.outboxSignal ? 1_500 : 100);
  const idleInterval = 1_000;

  const poll = async () => {
    if (!deps.chat.hub.hasConnections()) {
      const latest = await deps.outbox.latestNotificationId();
      // Someone connected while this was read: keep the older place and hand them the rows since.
      if (!deps.chat.hub.hasConnections()) lastId = latest;
      return;
    }
    for (;;) {
      const rows = await deps.outbox.notificationsAfter(lastId, 500);
      for (const row of rows) {
        lastId = row.id;
        deps.chat.hub.toAgents(row.workspaceId, {
          type: row.kind,
          id: row.id,
          ticketId: row.ticketId,
          payload: row.payload,
        });
        await deps.chat.onNotification(row);
      }
      if (rows.length < 500) return;
    }
  };
  const tick = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    wokenWhileRunning = false;
    running = poll()
      .catch((error) => deps.onError?.(error))
      .finally(() => {
        running = null;
        if (!started) return;
        if (wokenWhileRunning) tick();
        else timer = setTimeout(tick, deps.chat.hub.hasConnections() ? interval : idleInterval);
      });
  };
  // A burst of commits wakes one read, plus one more if rows arrived while it ran.
  const wake = () => {
    if (!started || !deps.chat.hub.hasConnections()) return;
    if (running) wokenWhileRunning = true;
    else tick();
  };
  return {
    /** Takes its place after the newest row (before the server accepts connections), then follows. */
    async start() {
      if (started) return;
      started = true;
      lastId = await deps.outbox.latestNotificationId();
      // Without the signal the fallback poll still delivers every row, only later.
      if (deps.outboxSignal) stopListening = await deps.outboxSignal.subscribe(wake).catch(noSignal(deps));
      timer = setTimeout(tick, interval);
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await stopListening?.();
      stopListening = null;
      await running;
    },
  };
}

function noSignal(deps: LiveRouteDeps) {
  return (error: unknown) => {
    deps.onError?.(error);
    return null;
  };
}

/** GET /api/v1/live: the agent's WebSocket of workspace changes; browsers pass the token as ?access_token=. */
export async function registerLiveRoutes(app: FastifyInstance, deps: LiveRouteDeps): Promise<void> {
  const feed = createLiveFeed({
    ...deps,
    onError: deps.onError ?? ((error) => app.log.error({ err: error }, "the live feed could not read the outbox")),
  });
  app.addHook("onReady", async () => feed.start());
  app.addHook("onClose", async () => feed.stop());

  const authenticate = createAuthenticator({
    access: deps.access,
    adminToken: deps.adminToken,
    defaultWorkspaceId: deps.defaultWorkspaceId,
    ...(deps.sessions ? { sessions: deps.sessions } : {}),
  });
  await app.register(async (plugin) => {
    plugin.addHook("onRequest", async (request: FastifyRequest) => {
      const token = (request.query as { access_token?: unknown }).access_token;
      if (!request.headers.authorization && typeof token === "string")
        request.headers.authorization = `Bearer ${token}`;
    });
    plugin.addHook("onRequest", authenticate);
    plugin.get(
      "/api/v1/live",
      { websocket: true, config: { access: "agent" }, preHandler: requireWebSocketUpgrade, schema: { hide: true } },
      (socket, request) => {
        const principal = principalOf(request);
        const connection = {
          workspaceId: principal.workspaceId,
          agentId: principal.agentId,
          send(event: Record<string, unknown>) {
            if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
          },
        };
        deps.chat.hub.addAgent(connection);
        socket.on("close", () => deps.chat.hub.removeAgent(connection));
        connection.send({ type: "ready", workspaceId: principal.workspaceId });
        socket.on("message", (data) => {
          let value: unknown;
          try {
            value = JSON.parse(String(data));
          } catch {
            value = null;
          }
          const parsed = agentFrame.safeParse(value);
          if (!parsed.success) {
            connection.send({
              type: "error",
              code: "invalid_input",
              message: "Send {type:'typing', ticketId, typing} or {type:'ping'}.",
            });
            return;
          }
          if (parsed.data.type === "ping") connection.send({ type: "pong" });
          else
            deps.chat
              .agentTyping(principal.workspaceId, parsed.data.ticketId, parsed.data.typing, principal.agentId)
              .catch((error) => app.log.error({ err: error }, "an agent's typing could not be shared"));
        });
      },
    );
  });
}

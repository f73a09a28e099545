import { readFile } from "node:fs/promises";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ChatService } from "../../channels/chat/chat-service.ts";
import { maxFrameBytes } from "../../channels/chat/protocol.ts";
import { DeskError } from "../../core/errors.ts";
import type { Clock, WorkspaceStore } from "../../core/ports.ts";
import type { HttpApp } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";
import { publicLimits, sharedRateLimitStore, tooManyRequests } from "./public-limits.ts";

/** The widget's identity settings, as the admin routes need them. */
export type WidgetSettingsStore = {
  identitySecret(workspaceId: string): Promise<string>;
  rotateIdentitySecret(workspaceId: string, at: Date): Promise<string>;
};

export type WidgetRouteDeps = {
  chat: ChatService;
  widgetSettings: WidgetSettingsStore;
  workspaces: WorkspaceStore;
  clock: Clock;
};

const widgetPackage = new URL("../../../../widget/", import.meta.url);
const builtScript = new URL("dist/widget.js", widgetPackage);

/**
 * The widget script, built once per process from the widget's sources (a few milliseconds), so it
 * always matches them; the file `npm run build:widget` wrote is the fallback where the build tool
 * is not installed.
 */
let script: Promise<string> | null = null;
function widgetScript(): Promise<string> {
  script ??= (async () => {
    try {
      const build = (await import(new URL("build.mjs", widgetPackage).href)) as {
        buildWidget(options: { write: boolean }): Promise<{ code: string }>;
      };
      return (await build.buildWidget({ write: false })).code;
    } catch (error) {
      return readFile(builtScript, "utf8").catch(() => {
        throw error;
      });
    }
  })();
  script.catch(() => {
    script = null;
  });
  return script;
}

/** GET /widget.js and the visitors' WebSocket, outside the API (no token: visitors are anonymous). */
export function registerWidgetPublicRoutes(app: FastifyInstance, deps: WidgetRouteDeps) {
  // Other desk processes stop counting this one's agents at once, not after the heartbeats expire.
  app.addHook("onClose", async () => deps.chat.close());
  void app.register(async (scope) => {
    await scope.register(rateLimit, {
      global: false,
      errorResponseBuilder: tooManyRequests("Too many widget connections from your network"),
      ...sharedRateLimitStore(scope, "widget"),
    });
    registerWidgetPublicRoutesIn(scope, deps);
  });
}

function registerWidgetPublicRoutesIn(app: FastifyInstance, deps: WidgetRouteDeps) {
  app.get(
    "/widget.js",
    { config: { access: "public", rateLimit: publicLimits.widgetScript }, schema: { hide: true } },
    async (_request, reply) =>
      reply
        .header("content-type", "text/javascript; charset=utf-8")
        .header("cache-control", "public, max-age=300")
        .header("access-control-allow-origin", "*")
        .send(await widgetScript()),
  );

  app.get(
    "/widget/socket",
    {
      websocket: true,
      config: { access: "public", rateLimit: publicLimits.widgetSocket },
      preHandler: requireWebSocketUpgrade,
      schema: { hide: true },
    },
    async (socket, request) => {
      const workspaceId = z.object({ workspace: z.string().min(1).max(100) }).safeParse(request.query).data?.workspace;
      // Frames that arrive while the workspace is looked up wait in order.
      const early: string[] = [];
      let session: ReturnType<ChatService["openVisitor"]> | null = null;
      socket.on("message", (data, isBinary) => {
        const size = Array.isArray(data)
          ? data.reduce((sum, part) => sum + part.length, 0)
          : (data as Buffer).byteLength;
        if (isBinary || size > maxFrameBytes) {
          socket.close(1009, `Frames must be JSON text of at most ${maxFrameBytes} bytes.`);
          return;
        }
        const text = Buffer.isBuffer(data) ? data.toString("utf8") : String(data);
        if (session) void session.receive(text);
        else if (early.length < 20) early.push(text);
        else socket.close(1008, "Too many frames before the workspace was known.");
      });
      socket.on("close", () => session?.close());

      if (!workspaceId || !(await deps.workspaces.profile(workspaceId))) {
        socket.close(1008, "Unknown workspace: set data-workspace on the widget's script tag.");
        return;
      }
      if (socket.readyState !== socket.OPEN) return;
      session = deps.chat.openVisitor(
        workspaceId,
        {
          send: (text) => {
            if (socket.readyState === socket.OPEN) socket.send(text);
          },
          close: (code, reason) => socket.close(code, reason),
        },
        request.ip,
      );
      for (const text of early.splice(0)) void session.receive(text);
    },
  );
}

/** For socket routes: a plain HTTP request gets an answer that says what to do, not the plugin's empty 404. */
export async function requireWebSocketUpgrade(request: FastifyRequest): Promise<void> {
  if (!request.ws) {
    throw new DeskError(
      "invalid_input",
      "This address takes WebSocket connections only: connect with a WebSocket client.",
    );
  }
}

const settingsResponse = z.object({
  identitySecret: z.string().describe("Sign each user id with HMAC-SHA256 under this secret (hex) on your server."),
  snippet: z.string().describe("The script tag to put on your pages."),
});

/** Admin routes under /api/v1: the identity-verification secret. */
export function registerWidgetRoutes(api: HttpApp, deps: WidgetRouteDeps) {
  const present = (workspaceId: string, identitySecret: string) => ({
    identitySecret,
    snippet: `<script src="/widget.js" data-workspace="${workspaceId}" async></script>`,
  });
  api.get(
    "/widget/settings",
    {
      config: { access: "admin" },
      schema: {
        tags: ["widget"],
        summary: "The chat widget's script tag and identity-verification secret",
        response: { 200: settingsResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      return present(workspaceId, await deps.widgetSettings.identitySecret(workspaceId));
    },
  );
  api.post(
    "/widget/settings/rotate-secret",
    {
      config: { access: "admin" },
      schema: {
        tags: ["widget"],
        summary: "Replaces the identity-verification secret; signatures made with the old one stop working",
        response: { 200: settingsResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      return present(workspaceId, await deps.widgetSettings.rotateIdentitySecret(workspaceId, deps.clock.now()));
    },
  );
}

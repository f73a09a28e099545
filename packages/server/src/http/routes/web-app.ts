import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import type { HttpDeps } from "../app.ts";

const defaultDirectory = fileURLToPath(new URL("../../../../web/dist/", import.meta.url));

// Paths the server answers itself; the web app's client routes never take them over.
const serverPrefixes = ["/api/", "/help", "/csat", "/widget", "/webhooks", "/channels", "/health"];

const contentTypes: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".map": "application/json",
};

const notBuilt = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Support Responder</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>The web app is not built yet</h1>
<p>Build it once with <code>npm run build</code> (or start the desk with <code>npm start</code>, which builds it), then reload this page.</p>
<p>The HTTP API works without it: <a href="/api/v1/docs">/api/v1/docs</a>.</p></body></html>`;

/** Serves the built agent app: hashed assets cached for a year, index.html for every client route. */
export function registerWebAppRoutes(app: FastifyInstance, deps: Pick<HttpDeps, "webAppDirectory">) {
  const directory = deps.webAppDirectory ?? defaultDirectory;
  const assets = path.join(directory, "assets");

  const sendIndex = async (reply: import("fastify").FastifyReply) => {
    const html = await readFile(path.join(directory, "index.html"), "utf8").catch(() => null);
    reply.header("cache-control", "no-cache").type("text/html; charset=utf-8");
    if (html === null) return reply.status(503).send(notBuilt);
    return reply.send(html);
  };

  const hidden = { schema: { hide: true } };
  app.get("/assets/*", hidden, async (request, reply) => {
    const name = (request.params as { "*": string })["*"];
    const file = path.join(assets, name);
    if (!file.startsWith(assets + path.sep) || name.includes("\0")) return reply.callNotFound();
    const content = await readFile(file).catch(() => null);
    if (content === null) return reply.callNotFound();
    return reply
      .header("cache-control", "public, max-age=31536000, immutable")
      .type(contentTypes[path.extname(file)] ?? "application/octet-stream")
      .send(content);
  });

  app.get("/", hidden, (_request, reply) => sendIndex(reply));
  app.get("/*", hidden, (request, reply) => {
    const pathname = request.url.split("?")[0] ?? "/";
    if (serverPrefixes.some((prefix) => pathname.startsWith(prefix)) || path.extname(pathname)) {
      return reply.callNotFound();
    }
    return sendIndex(reply);
  });
}

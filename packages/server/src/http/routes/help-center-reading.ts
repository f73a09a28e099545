import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ArticleReadingStore } from "../../storage/article-reading-store.ts";
import { publicLimits } from "./public-limits.ts";

// Help-center reading for article health (insights/article-health.ts): an anonymous visitor id in a
// first-party cookie, the reads it makes, a beacon with the time in view, and "Was this helpful?".

export const visitorCookie = "hc_visitor";
const visitorPattern = /^[A-Za-z0-9_-]{16,64}$/;
const visitorCookieSeconds = 365 * 24 * 3600;

// Crawlers, link previews, monitors and scripts: their views are not readers.
const botPattern =
  /bot|crawl|spider|slurp|preview|fetch|monitor|headless|lighthouse|pingdom|uptime|curl|wget|python|java\/|go-http|okhttp|axios|node-fetch|libwww|httpclient|scrapy|facebookexternalhit|embedly|whatsapp|telegram|discord|slack/i;

/** True for requests that must not count as a reader: bots by user agent, and browsers' prefetches. */
export function isAutomatedRequest(request: FastifyRequest): boolean {
  const userAgent = request.headers["user-agent"];
  if (typeof userAgent !== "string" || userAgent.trim() === "" || botPattern.test(userAgent)) return true;
  const purpose = `${request.headers["sec-purpose"] ?? ""} ${request.headers.purpose ?? ""}`;
  return /prefetch|prerender/i.test(purpose);
}

/** The visitor id the request's cookie carries, when it is one of ours. */
export function visitorOf(request: FastifyRequest): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === visitorCookie) {
      const id = value.join("=");
      return visitorPattern.test(id) ? id : null;
    }
  }
  return null;
}

/** The request's visitor id, given a new one (in a cookie on /help only) when it has none. */
export function ensureVisitor(request: FastifyRequest, reply: FastifyReply): string {
  const known = visitorOf(request);
  if (known) return known;
  const id = randomBytes(16).toString("base64url");
  const secure = request.protocol === "https" ? "; Secure" : "";
  reply.header(
    "set-cookie",
    `${visitorCookie}=${id}; Path=/help; Max-Age=${visitorCookieSeconds}; HttpOnly; SameSite=Lax${secure}`,
  );
  return id;
}

const beaconBody = z.object({
  read: z.string().min(1).max(100),
  dwell: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  interacted: z.enum(["0", "1"]).optional().default("0"),
});

const ratingBody = z.object({
  rating: z.coerce
    .number()
    .int("Please choose a whole number from 1 to 5.")
    .min(1, "Please choose a number from 1 to 5.")
    .max(5, "Please choose a number from 1 to 5."),
});

/** Rating and beacon posts from one address per window: a person rates a few articles, a script many. */
export const readingLimits = {
  rating: { max: 30, timeWindow: "10 minutes" },
  beacon: publicLimits.helpCenterPage,
} as const;

/**
 * Sent on every hide of the page (the server keeps the longest): time the page was visible, and
 * whether the reader clicked or selected text on it.
 */
export const readingScript = `(function(){var a=document.querySelector("article[data-read]");if(!a||!navigator.sendBeacon)return;
var read=a.getAttribute("data-read"),shown=0,since=Date.now(),interacted=false;
function visible(){return shown+(document.visibilityState==="visible"?Date.now()-since:0)}
document.addEventListener("click",function(){interacted=true},true);
document.addEventListener("selectionchange",function(){if(String(document.getSelection()||""))interacted=true});
function send(){var body=new URLSearchParams();body.set("read",read);body.set("dwell",String(visible()));body.set("interacted",interacted?"1":"0");navigator.sendBeacon("/help/reading",body)}
document.addEventListener("visibilitychange",function(){if(document.visibilityState==="hidden"){shown=visible();send()}else{since=Date.now()}});
addEventListener("pagehide",function(){if(document.visibilityState==="visible")send()});})();`;

/** The beacon, its script and the rating form; registered inside the help center's rate-limited scope. */
export function registerHelpCenterReadingRoutes(
  scope: FastifyInstance,
  deps: {
    articleReading: ArticleReadingStore;
    articles: { get(workspaceId: string, id: string): Promise<{ public: boolean } | null> };
    clock: { now(): Date };
    workspaceId: string;
  },
) {
  const { workspaceId } = deps;

  scope.get(
    "/help/reading.js",
    { schema: { hide: true }, onRequest: scope.rateLimit(publicLimits.helpCenterPage) },
    async (_request, reply) =>
      reply.type("text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(readingScript),
  );

  scope.post(
    "/help/reading",
    { schema: { hide: true }, config: { rateLimit: readingLimits.beacon }, bodyLimit: 4 * 1024 },
    async (request, reply) => {
      const visitor = visitorOf(request);
      const parsed = beaconBody.safeParse(request.body ?? {});
      // A beacon's answer is never read: a bad or foreign one is dropped without saying why.
      if (visitor && parsed.success && !isAutomatedRequest(request)) {
        await deps.articleReading.recordBeacon(workspaceId, {
          readId: parsed.data.read,
          visitorId: visitor,
          dwellMs: parsed.data.dwell,
          interacted: parsed.data.interacted === "1",
        });
      }
      return reply.status(204).send();
    },
  );

  scope.post(
    "/help/articles/:id/rating",
    { schema: { hide: true }, config: { rateLimit: readingLimits.rating }, bodyLimit: 4 * 1024 },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const article = await deps.articles.get(workspaceId, id);
      if (!article?.public) {
        return reply.status(404).type("text/plain; charset=utf-8").send("There is no such article.");
      }
      const parsed = ratingBody.safeParse(request.body ?? {});
      if (!parsed.success) {
        return reply
          .status(400)
          .type("text/plain; charset=utf-8")
          .send(parsed.error.issues[0]?.message ?? "Please choose a number from 1 to 5.");
      }
      if (!isAutomatedRequest(request)) {
        await deps.articleReading.rate(workspaceId, {
          articleId: id,
          visitorId: ensureVisitor(request, reply),
          rating: parsed.data.rating,
          at: deps.clock.now(),
        });
      }
      return reply.redirect(`/help/articles/${encodeURIComponent(id)}?rated=1#rating`, 303);
    },
  );
}

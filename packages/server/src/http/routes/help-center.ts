import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { openTicket } from "../../core/tickets/ticket-use-cases.ts";
import { helpCenterLanguage, helpCenterText } from "../../help-center/help-center-text.ts";
import {
  articlePage,
  type ContactState,
  type HelpCenterSite,
  homePage,
  notFoundPage,
  type PublicArticle,
  searchPage,
} from "../../help-center/pages.ts";
import type { HttpDeps } from "../app.ts";
import {
  ensureVisitor,
  isAutomatedRequest,
  registerHelpCenterReadingRoutes,
  visitorOf,
} from "./help-center-reading.ts";
import { publicBodyLimitBytes, publicLimits, sharedRateLimitStore, tooManyRequests } from "./public-limits.ts";

const contactBody = z.object({
  name: z.string().trim().min(1, "Please tell us your name.").max(200, "Please shorten your name."),
  email: z.email("Please enter an email address we can answer, such as ana@example.com.").max(320),
  subject: z.string().trim().max(300, "Please shorten the subject to 300 characters.").optional().default(""),
  message: z.string().trim().min(1, "Please write your question.").max(20_000, "Please shorten your message."),
  // A field people never see: a form that fills it in is a bot.
  website: z.string().optional().default(""),
});

// A repeated or overlong ?q= (hand-edited links, bots) searches for the first 200 characters instead of failing.
const searchQuery = z.object({
  q: z
    .preprocess((value) => (Array.isArray(value) ? value[0] : value), z.string())
    .transform((text) => text.trim().slice(0, 200))
    .catch(""),
});

/** Every contact form submission from one address beyond this, per window, is refused. */
export const contactLimit = { max: 5, timeWindow: "10 minutes" };

export async function registerHelpCenterRoutes(
  app: FastifyInstance,
  deps: Pick<
    HttpDeps,
    "articles" | "workspaces" | "tickets" | "customers" | "clock" | "defaultWorkspaceId" | "articleReading"
  >,
) {
  const workspaceId = deps.defaultWorkspaceId;

  async function site(): Promise<HelpCenterSite> {
    const profile = await deps.workspaces.profile(workspaceId);
    const language = helpCenterLanguage(profile?.settings.language);
    return { name: profile?.name ?? "Support", language, text: helpCenterText(language) };
  }

  async function publicArticles(search?: string): Promise<PublicArticle[]> {
    const page = await deps.articles.list(workspaceId, { public: true, search: search || undefined, limit: 100 });
    return page.items;
  }

  // Pages are cheap to render and an edited article must show at once: caches revalidate; a form answer is never stored.
  const html = (reply: FastifyReply, body: string, status = 200, cache = "no-cache") =>
    reply
      .status(status)
      .type("text/html; charset=utf-8")
      .header("cache-control", cache)
      .header(
        "content-security-policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'self'; script-src 'self'; connect-src 'self'",
      )
      .send(body);

  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      global: false,
      errorResponseBuilder: tooManyRequests("Too many requests from your network"),
      ...sharedRateLimitStore(scope, "help-center"),
    });
    scope.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    // Pages for people, not part of the API document.
    // One budget for all pages of an address (a limit in a route's config would count each route apart).
    const page = { schema: { hide: true }, onRequest: scope.rateLimit(publicLimits.helpCenterPage) };
    // Opening another help-center page means the visitor's earlier reads in the session did not bounce.
    const pageView = async (request: FastifyRequest) => {
      const visitor = visitorOf(request);
      if (visitor && !isAutomatedRequest(request)) {
        await deps.articleReading.recordPageView(workspaceId, visitor, deps.clock.now());
      }
    };
    scope.get("/help", page, async (request, reply) => {
      await pageView(request);
      const sent = (request.query as Record<string, string | undefined>).sent === "1";
      return html(reply, homePage(await site(), await publicArticles(), { sent }), 200, sent ? "no-store" : undefined);
    });

    scope.get("/help/search", page, async (request, reply) => {
      const { q } = searchQuery.parse(request.query);
      if (!q) return reply.redirect("/help", 303);
      await pageView(request);
      return html(reply, searchPage(await site(), q, await publicArticles(q)));
    });

    scope.get("/help/articles/:id", page, async (request, reply) => {
      const { id } = request.params as { id: string };
      const article = await deps.articles.get(workspaceId, id);
      if (!article?.public) return html(reply, notFoundPage(await site()), 404);
      if (isAutomatedRequest(request)) return html(reply, articlePage(await site(), article));
      const visitorId = ensureVisitor(request, reply);
      // Coming back from the rating form is the same read, not another one.
      const rated = (request.query as Record<string, unknown>).rated === "1";
      const readId = rated
        ? null
        : await deps.articleReading.recordRead(workspaceId, { articleId: id, visitorId, at: deps.clock.now() });
      const rating = await deps.articleReading.ratingOf(workspaceId, id, visitorId);
      return html(
        reply,
        articlePage(await site(), article, { readId, rating, rated }),
        200,
        rated ? "no-store" : undefined,
      );
    });

    registerHelpCenterReadingRoutes(scope, { ...deps, workspaceId });

    const contact = {
      schema: { hide: true },
      config: { rateLimit: contactLimit },
      bodyLimit: publicBodyLimitBytes.contactForm,
    };
    scope.post("/help/contact", contact, async (request, reply) => {
      const raw = (request.body ?? {}) as Record<string, unknown>;
      // Whatever was posted is shown again in the form: only text, never an array or object from a crafted request.
      const field = (name: string) => (typeof raw[name] === "string" ? raw[name] : "");
      const parsed = contactBody.safeParse(raw);
      if (!parsed.success) {
        const state: ContactState = {
          error: parsed.error.issues[0]?.message ?? "Please check the form.",
          values: {
            name: field("name"),
            email: field("email"),
            subject: field("subject"),
            message: field("message"),
          },
        };
        return html(reply, homePage(await site(), await publicArticles(), state), 400, "no-store");
      }
      const { name, email, subject, message, website } = parsed.data;
      if (!website) {
        const ticket = await openTicket(
          {
            workspaceId,
            customer: { email, name },
            channel: "email",
            subject: subject || message.split("\n")[0]?.slice(0, 120),
            tags: ["help-center"],
            message: { author: "customer", body: message },
            actor: "system",
          },
          deps,
        );
        // Their reads of the last day now count toward this customer's tickets (tickets opened after reading).
        const visitor = visitorOf(request);
        if (visitor) await deps.articleReading.identify(workspaceId, visitor, ticket.customerId, deps.clock.now());
      }
      return reply.redirect("/help?sent=1#contact", 303);
    });
  });
}

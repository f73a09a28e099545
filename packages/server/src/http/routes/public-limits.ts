import type { FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { RateLimitCounter } from "../../core/rate-limits.ts";

/**
 * How much the public pages (no API token: widget, survey, help center) take from one network
 * address, one survey link or one request. Generous for people, tight for scripts.
 */
export const publicLimits = {
  /** Widget sockets opened per address and minute (a page load opens one; reconnects back off). */
  widgetSocket: { max: 30, timeWindow: "1 minute" },
  /** Widget script downloads per address and minute (browsers cache it for five minutes). */
  widgetScript: { max: 120, timeWindow: "1 minute" },
  /** Help center pages (home, search, articles) per address and minute. */
  helpCenterPage: { max: 120, timeWindow: "1 minute" },
  /** Survey page views and answers per survey link, from all addresses together, per 10 minutes. */
  surveyLink: { max: 20, timeWindow: "10 minutes" },
} as const;

/** Largest bodies the public forms accept: the fields' own limits plus room for form encoding. */
export const publicBodyLimitBytes = {
  /** Name, email, subject and a message of up to 20,000 characters, percent-encoded. */
  contactForm: 256 * 1024,
  /** An email address, a name and a password of at most 1,000 characters, as JSON. */
  signIn: 16 * 1024,
  /** A score and a comment of up to 5,000 characters, percent-encoded. */
  surveyAnswer: 64 * 1024,
} as const;

/** The refusal when a limit is reached: 429 with when to try again (the Retry-After header says it too). */
export function tooManyRequests(what: string) {
  return (_request: FastifyRequest, context: { after: string; statusCode: number }) => ({
    statusCode: context.statusCode,
    message: `${what}: wait ${context.after} and try again.`,
  });
}

declare module "fastify" {
  interface FastifyInstance {
    /** Request counters shared by the desk processes on one database; absent with one process. */
    sharedRateLimits?: RateLimitCounter | null;
  }
}

/**
 * The @fastify/rate-limit option that counts in the shared counters (every desk process on the
 * database together) when the app has them, and nothing (the plugin's in-memory counters) when it
 * has not. `name` keeps one registration's limits apart from another's.
 */
export function sharedRateLimitStore(app: FastifyInstance, name: string): { store?: FastifyRateLimitStoreCtor } {
  const counter = app.sharedRateLimits;
  return counter ? { store: rateLimitStoreClass(counter, name) } : {};
}

/** The plugin's store contract over a RateLimitCounter: fixed windows, so Retry-After is when the window ends. */
export function rateLimitStoreClass(
  counter: RateLimitCounter,
  name: string,
  now: () => Date = () => new Date(),
): FastifyRateLimitStoreCtor {
  class SharedRateLimitStore {
    readonly prefix: string;
    constructor(prefix: unknown = name) {
      this.prefix = typeof prefix === "string" ? prefix : name;
    }
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const at = now();
      counter.hit(`${this.prefix}|${key}`, timeWindow, at).then(
        (hit) => callback(null, { current: hit.hits, ttl: Math.max(0, hit.resetAt.getTime() - at.getTime()) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }
    child(routeOptions: { routeInfo?: { method?: unknown; url?: unknown }; max?: unknown; timeWindow?: unknown }) {
      // A route's own limit counts apart from the others; one made with `rateLimit(options)` by its limits.
      const route = routeOptions.routeInfo ?? {};
      const where = route.url ? `${String(route.method)} ${String(route.url)}` : "shared";
      return new SharedRateLimitStore(
        `${this.prefix}|${where}|${String(routeOptions.max)}/${String(routeOptions.timeWindow)}`,
      );
    }
  }
  return SharedRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}

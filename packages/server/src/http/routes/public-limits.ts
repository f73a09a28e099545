import type { FastifyRequest } from "fastify";

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

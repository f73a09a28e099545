import { DeskError } from "../core/errors.ts";

export type ProviderFetchOptions = {
  /** The Authorization header value, e.g. "Bearer …" or "Basic …". */
  authorization: string;
  /** The provider's name for messages a person reads, e.g. "Zendesk". */
  provider: string;
  fetch?: typeof fetch;
  sleep?: (milliseconds: number) => Promise<void>;
  /** Attempts per request before giving up on 429, 5xx and network errors (default 8). */
  maxAttempts?: number;
  /** Told before each wait, e.g. to say "rate limited: waiting 30 s" on the terminal. */
  onWait?: (milliseconds: number, reason: string) => void;
};

export type ProviderFetch = {
  /** GETs a URL and returns its JSON body; waits out rate limits and retries passing failures. */
  getJson(url: string): Promise<unknown>;
};

const firstBackoffMilliseconds = 1_000;
const longestWaitMilliseconds = 5 * 60_000;
const requestTimeoutMilliseconds = 60_000;

/**
 * GET with the provider's rate limits respected: on 429 (and 503) it waits as long as Retry-After
 * says (seconds or an HTTP date), else backs off exponentially; other 5xx answers and network errors
 * are retried the same way. A refused token or a missing page is not retried: it fails at once with a
 * message saying what to check.
 */
export function createProviderFetch(options: ProviderFetchOptions): ProviderFetch {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)));
  const maxAttempts = options.maxAttempts ?? 8;

  return {
    async getJson(url) {
      for (let attempt = 1; ; attempt++) {
        const backoff = Math.min(firstBackoffMilliseconds * 2 ** (attempt - 1), longestWaitMilliseconds);
        let response: Response;
        try {
          response = await doFetch(url, {
            headers: { authorization: options.authorization, accept: "application/json" },
            signal: AbortSignal.timeout(requestTimeoutMilliseconds),
          });
        } catch (error) {
          if (attempt >= maxAttempts) {
            throw new DeskError("unavailable", `${options.provider} could not be reached at ${url}: ${reason(error)}.`);
          }
          options.onWait?.(backoff, `network error: ${reason(error)}`);
          await sleep(backoff);
          continue;
        }
        if (response.ok) {
          const text = await response.text();
          try {
            return JSON.parse(text) as unknown;
          } catch {
            throw new DeskError("unavailable", `${options.provider} answered ${url} with something that is not JSON.`);
          }
        }
        await response.body?.cancel();
        if (response.status === 401 || response.status === 403) {
          throw new DeskError(
            "invalid_input",
            `${options.provider} refused the credentials (${response.status}) for ${url}: check the URL, email and token, and that the token may read this data.`,
          );
        }
        const passing = response.status === 429 || response.status >= 500;
        if (!passing || attempt >= maxAttempts) {
          throw new DeskError("unavailable", `${options.provider} answered ${response.status} for ${url}.`, {
            cause: { status: response.status },
          });
        }
        const wait = retryAfterMilliseconds(response.headers.get("retry-after"), Date.now()) ?? backoff;
        options.onWait?.(
          wait,
          response.status === 429 ? "rate limited" : `${options.provider} answered ${response.status}`,
        );
        await sleep(wait);
      }
    },
  };
}

/** Retry-After as seconds ("30") or an HTTP date; null when absent or unreadable. Capped at 5 min. */
export function retryAfterMilliseconds(header: string | null, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  const milliseconds = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(milliseconds)) return null;
  return Math.min(Math.max(milliseconds, 0), longestWaitMilliseconds);
}

function reason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

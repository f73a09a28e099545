/** One counted request in the current window of a rate limit's key. */
export type RateLimitHit = {
  /** Requests the key made in the current window, this one included. */
  hits: number;
  /** When the current window ends and the count starts again. */
  resetAt: Date;
};

/**
 * Request counters shared by every desk process on one database, so that N processes behind a load
 * balancer allow what one would, not N times as much.
 */
export type RateLimitCounter = {
  /**
   * Counts one request of `key`: in its current window, or in a new one of `windowMs` from `now`
   * when there is none or it has ended (as the in-memory limiter does, so a window never splits a burst).
   */
  hit(key: string, windowMs: number, now: Date): Promise<RateLimitHit>;
  /** Forgets windows that ended before `before`; returns how many it removed. */
  prune(before: Date): Promise<number>;
};

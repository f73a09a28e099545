/**
 * A token bucket per key: `burst` messages at once, then one every `refillMs`. Pure over the times
 * it is given, so a test can drive it with a fake clock.
 */
export type RateLimiter = {
  /** True when `key` may send one more now; false when it must wait. */
  take(key: string, now: number): boolean;
};

export function createRateLimiter(options: { burst: number; refillMs: number; maxKeys?: number }): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const maxKeys = options.maxKeys ?? 100_000;
  return {
    take(key, now) {
      const bucket = buckets.get(key) ?? { tokens: options.burst, at: now };
      const refilled = Math.min(options.burst, bucket.tokens + Math.max(0, now - bucket.at) / options.refillMs);
      const allowed = refilled >= 1;
      buckets.delete(key);
      // Re-inserted last, so the oldest idle keys are first in line to be dropped.
      buckets.set(key, { tokens: allowed ? refilled - 1 : refilled, at: now });
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      return allowed;
    },
  };
}

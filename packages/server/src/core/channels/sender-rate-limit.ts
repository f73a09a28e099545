import type { Clock } from "../ports.ts";

export type RateLimit = { limit: number; windowMs: number };

/**
 * At most `limit` messages per sender in any `windowMs`: a mail loop or a flood from one address
 * is turned away (channels answer "try later") while everyone else gets through. In memory and
 * per process, which is what a flood needs; a desk restart forgets the counts.
 */
export function createSenderRateLimit(limit: RateLimit, clock: Clock) {
  const seen = new Map<string, number[]>();
  return {
    /** Counts one message from `sender` and says whether it is within the limit. */
    allow(sender: string): boolean {
      const now = clock.now().getTime();
      const key = sender.trim().toLowerCase();
      const recent = (seen.get(key) ?? []).filter((at) => at > now - limit.windowMs);
      const allowed = recent.length < limit.limit;
      if (allowed) recent.push(now);
      seen.set(key, recent);
      if (seen.size > 10_000) forgetQuiet(seen, now - limit.windowMs);
      return allowed;
    },
  };
}

function forgetQuiet(seen: Map<string, number[]>, before: number): void {
  for (const [key, times] of seen) {
    if (times.every((at) => at <= before)) seen.delete(key);
  }
}

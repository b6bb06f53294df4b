/**
 * An in-process sliding-window rate limiter: at most `limit` hits per key in any `windowMs`. Kept in memory
 * on purpose (it guards the sign-in form of one server process; the lockout that must survive restarts and
 * span servers lives in the database). Memory is bounded: expired keys are pruned, and beyond `maxKeys`
 * the oldest keys are forgotten first.
 */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly rate: RateLimit,
    private readonly maxKeys = 50_000,
  ) {}

  /** Counts a hit for `key` at `now` (ms) unless the key is already at its limit. */
  hit(key: string, now: number): RateDecision {
    const recent = this.recentHits(key, now);
    if (recent.length >= this.rate.limit) {
      return { allowed: false, retryAfterMs: Math.max(1, recent[0]! + this.rate.windowMs - now) };
    }
    recent.push(now);
    this.hits.delete(key); // re-insert: Map order is then least recently used first
    this.hits.set(key, recent);
    this.bound(now);
    return { allowed: true };
  }

  private recentHits(key: string, now: number): number[] {
    return (this.hits.get(key) ?? []).filter((time) => time > now - this.rate.windowMs);
  }

  private bound(now: number): void {
    if (this.hits.size <= this.maxKeys) return;
    for (const [key, times] of this.hits) {
      if (times.every((time) => time <= now - this.rate.windowMs)) this.hits.delete(key);
    }
    for (const key of this.hits.keys()) {
      if (this.hits.size <= this.maxKeys) break;
      this.hits.delete(key);
    }
  }
}

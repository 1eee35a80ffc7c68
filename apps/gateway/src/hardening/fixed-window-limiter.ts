/**
 * Counts requests per key in fixed windows. In memory, per gateway instance: N gateways behind a
 * load balancer allow up to N × the limit (documented in docs/operations.md); no shared store is
 * needed and a gateway restart forgets nothing that matters.
 */
export class FixedWindowLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; `retryAfterSeconds` is set when it is over the limit. */
  take(key: string): { allowed: boolean; remaining: number; retryAfterSeconds: number } {
    const now = this.now();
    // One window for every key: the whole map is dropped when it ends, so memory stays bounded
    // by the keys seen in one window.
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now - (now % this.windowMs);
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((this.windowStart + this.windowMs - now) / 1_000),
    );
    return {
      allowed: count <= this.limit,
      remaining: Math.max(0, this.limit - count),
      retryAfterSeconds: count <= this.limit ? 0 : retryAfterSeconds,
    };
  }
}

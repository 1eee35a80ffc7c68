/**
 * Failed logins per key (an account's email, a client address), with exponential back-off:
 * after `freeAttempts` failures within the window, each further failure locks the key for twice
 * as long as the one before (1 s, 2 s, 4 s … up to `maxLockSeconds`). In memory, per console
 * instance: N instances allow up to N × the attempts (docs/console.md).
 */
export class LoginThrottle {
  private readonly entries = new Map<
    string,
    { failures: number; first: number; lockedUntil: number }
  >();

  constructor(
    private readonly freeAttempts: number,
    private readonly windowMs = 15 * 60_000,
    private readonly maxLockSeconds = 15 * 60,
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may try again; 0 when it may now. */
  retryAfter(key: string): number {
    const entry = this.current(key);
    if (!entry) return 0;
    return Math.max(0, Math.ceil((entry.lockedUntil - this.now()) / 1_000));
  }

  fail(key: string): void {
    const now = this.now();
    let entry = this.current(key);
    if (!entry) {
      if (this.entries.size >= this.maxEntries) this.prune();
      entry = { failures: 0, first: now, lockedUntil: 0 };
      this.entries.set(key, entry);
    }
    entry.failures += 1;
    const over = entry.failures - this.freeAttempts;
    if (over > 0) {
      const seconds = Math.min(this.maxLockSeconds, 2 ** Math.min(over - 1, 30));
      entry.lockedUntil = now + seconds * 1_000;
    }
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string) {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.first > this.windowMs && this.now() >= entry.lockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private prune(): void {
    for (const key of [...this.entries.keys()]) this.current(key);
    // Still full (an attack from many keys): forget the oldest half rather than grow.
    if (this.entries.size >= this.maxEntries)
      for (const key of [...this.entries.keys()].slice(0, this.maxEntries / 2))
        this.entries.delete(key);
  }
}

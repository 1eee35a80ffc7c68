import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits between tries while a dependency is away: exponential with full jitter (so instances
 * and messages coming back together do not hit the recovering database in step), capped so a
 * long outage is still noticed within seconds of its end. Never gives up: an outage is waited
 * out however long it lasts.
 */
export class OutageBackoff {
  constructor(
    private readonly initialMs = 250,
    private readonly maxMs = 10_000,
  ) {}

  delayMs(tries: number): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(tries, 20));
    return this.initialMs + Math.random() * (ceiling - this.initialMs);
  }

  /** Resolves after `delayMs` (from `delayMs(tries)`), or early (false) when `signal` aborts. */
  async wait(delayMs: number, signal: AbortSignal): Promise<boolean> {
    try {
      await sleep(delayMs, undefined, { signal });
      return true;
    } catch {
      return false;
    }
  }
}

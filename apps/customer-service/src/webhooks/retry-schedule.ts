/**
 * When the next attempt of a delivery happens. `attempt` is the number of the attempt that just
 * failed (1 = the first); null means the schedule is spent and the delivery is dead-lettered.
 * Jitter only lengthens a delay (by up to `jitter` × delay), so the whole schedule is never
 * shorter than configured — and all messages waiting in one retry tier stay within that spread,
 * which bounds how long a later message can wait behind an earlier one in the same queue.
 */
export function retryDelay(
  scheduleMs: readonly number[],
  attempt: number,
  jitter: number,
  random: () => number = Math.random,
): number | null {
  const base = scheduleMs[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 + jitter * random()));
}

/** Total time the schedule spans, without jitter: what docs and config checks talk about. */
export function scheduleSpanMs(scheduleMs: readonly number[]): number {
  return scheduleMs.reduce((sum, d) => sum + d, 0);
}

/**
 * The next version timestamp of a record: now, but always after the previous one, so every
 * write has a distinct, increasing `updated_at` that consumers can order and deduplicate by.
 */
export function nextVersion(previous?: Date | null, now = Date.now()): Date {
  return new Date(previous ? Math.max(now, previous.getTime() + 1) : now);
}

import type { z } from 'zod';

/** Where a value would be refused by the database, and why. */
export interface UnstorableValue {
  path: (string | number)[];
  message: string;
}

/**
 * What MongoDB-wire databases refuse although JSON carries it: a NUL character in a string or a
 * key (PostgreSQL's jsonb, under FerretDB, cannot hold `\u0000`; BSON keys are C strings) and a
 * number that is not finite (`1e400` parses to Infinity). Checked at the contract, so such an
 * event is refused alone with its path instead of failing a write it shares with valid ones.
 */
export function unstorableValues(
  value: unknown,
  path: (string | number)[] = [],
): UnstorableValue[] {
  // Every event passes through here twice (publish and consume): the clean case walks the
  // payload without allocating, and only a payload with a problem pays for the paths.
  return isStorable(value) ? [] : collectUnstorable(value, path);
}

function isStorable(value: unknown): boolean {
  if (typeof value === 'string') return !value.includes('\u0000');
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) {
    for (const item of value) if (!isStorable(item)) return false;
    return true;
  }
  if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (key.includes('\u0000') || !isStorable((value as Record<string, unknown>)[key]))
        return false;
    }
  }
  return true;
}

function collectUnstorable(value: unknown, path: (string | number)[]): UnstorableValue[] {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? [{ path, message: 'must not contain NUL characters' }] : [];
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? [] : [{ path, message: 'must be a finite number' }];
  }
  if (Array.isArray(value))
    return value.flatMap((item, i) => collectUnstorable(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      key.includes('\u0000')
        ? [{ path: [...path, key], message: 'key must not contain NUL characters' }]
        : collectUnstorable(item, [...path, key]),
    );
  }
  return [];
}

/**
 * A zod check (`.check(refuseUnstorable)`): one issue per unstorable value. A plain check rather
 * than `superRefine`, whose per-parse wrapper costs more than the walk itself on a clean payload.
 */
export function refuseUnstorable(ctx: z.core.ParsePayload): void {
  for (const issue of unstorableValues(ctx.value)) {
    ctx.issues.push({
      code: 'custom',
      path: issue.path,
      message: issue.message,
      input: ctx.value,
      // As superRefine did: later checks still run and report their own issues.
      continue: true,
    });
  }
}

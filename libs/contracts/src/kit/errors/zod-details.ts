import type { z } from 'zod';
import type { ErrorDetail } from './domain-error';

/** The zod issue fields Lago's codes are decided from (zod's own issues, or Standard Schema's). */
interface IssueLike {
  code?: string;
  message: string;
  path?: readonly (PropertyKey | { key: PropertyKey })[];
  origin?: string;
  minimum?: unknown;
  params?: { lago_code?: string };
}

/**
 * Lago's validation codes (`value_is_mandatory`, `invalid_format`, …), as its API puts them in
 * 422 `error_details`. A schema can name one itself (`params.lago_code`, e.g. `invalid_timezone`).
 */
export function lagoCodeFor(issue: IssueLike): string {
  if (issue.params?.lago_code) return issue.params.lago_code;
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined|received null/.test(issue.message)
        ? 'value_is_mandatory'
        : 'value_is_invalid';
    case 'invalid_format':
      return 'invalid_format';
    case 'too_small':
      // An empty string or list where one is required: Lago says mandatory, as for a missing one.
      if (issue.minimum === 1 && issue.origin !== 'number') return 'value_is_mandatory';
      return issue.origin === 'number' || issue.origin === 'int'
        ? 'value_is_out_of_range'
        : 'value_is_too_short';
    case 'too_big':
      return issue.origin === 'number' || issue.origin === 'int'
        ? 'value_is_out_of_range'
        : 'value_is_too_long';
    default:
      return 'value_is_invalid';
  }
}

/** Issues as field/message/code triples, the shape used in dead-letter reasons and HTTP 422s. */
export function detailsFromIssues(issues: readonly IssueLike[], prefix = ''): ErrorDetail[] {
  return issues.map((issue) => ({
    field:
      [
        prefix,
        ...(issue.path ?? []).map((segment) =>
          String(typeof segment === 'object' && segment !== null ? segment.key : segment),
        ),
      ]
        .filter(Boolean)
        .join('.') || '(root)',
    message: issue.message,
    code: lagoCodeFor(issue),
  }));
}

/** Turns zod issues into field/message/code triples. */
export function detailsFromZod(error: z.ZodError, prefix = ''): ErrorDetail[] {
  return detailsFromIssues(error.issues as unknown as IssueLike[], prefix);
}

export function describeDetails(details: ErrorDetail[]): string {
  return details.map((d) => `${d.field}: ${d.message}`).join('; ');
}

import type { z } from 'zod';
import type { ErrorDetail } from './domain-error';

/** Turns zod issues into field/message pairs, the shape used in dead-letter reasons and HTTP 422s. */
export function detailsFromZod(error: z.ZodError, prefix = ''): ErrorDetail[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: issue.message,
  }));
}

export function describeDetails(details: ErrorDetail[]): string {
  return details.map((d) => `${d.field}: ${d.message}`).join('; ');
}

import { z } from 'zod';

export const isoDateTime = z.iso.datetime({ offset: true });

/**
 * Text that can be stored and searched: PostgreSQL (under FerretDB) refuses NUL characters, so a
 * NUL is a 422 at the edge rather than a failed write or query behind it.
 */
export const storableText = () =>
  // eslint-disable-next-line no-control-regex -- matching NUL is the point
  z.string().regex(/^[^\u0000]*$/, 'must not contain NUL characters');

/** An embed origin: scheme, host and port, nothing else; http only for local development. */
export const originSchema = z.string().transform((value, ctx) => {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    /* reported below */
  }
  const local = url && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (
    !url ||
    !(url.protocol === 'https:' || (url.protocol === 'http:' && local)) ||
    value.replace(/\/$/, '') !== url.origin
  ) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an origin like https://app.example.com (http only for localhost)',
    });
    return z.NEVER;
  }
  return url.origin;
});

export const currencySchema = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code like EUR')
  .transform((v) => v.toUpperCase());

/** Lago-style page pagination. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});

export const paginationMetaSchema = z.object({
  current_page: z.number().int(),
  next_page: z.number().int().nullable(),
  prev_page: z.number().int().nullable(),
  total_pages: z.number().int(),
  total_count: z.number().int(),
});
export type PaginationMeta = z.output<typeof paginationMetaSchema>;

export function paginationMeta(page: number, perPage: number, totalCount: number): PaginationMeta {
  const totalPages = Math.ceil(totalCount / perPage);
  return {
    current_page: page,
    next_page: page < totalPages ? page + 1 : null,
    prev_page: page > 1 ? page - 1 : null,
    total_pages: totalPages,
    total_count: totalCount,
  };
}

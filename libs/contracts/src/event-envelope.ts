import { z } from 'zod';

/**
 * What every message on `billing.events` looks like. Upstream systems publish this plain JSON
 * with the routing key equal to `type`; nothing about it is NestJS-specific.
 */
export const eventEnvelopeSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/, 'must look like "invoice.created"'),
  organization_id: z.string().min(1).max(200),
  occurred_at: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()),
});

export type EventEnvelope<TData = Record<string, unknown>> = Omit<
  z.output<typeof eventEnvelopeSchema>,
  'data'
> & { data: TData };

import { z } from 'zod';
import { refuseUnstorable } from './storable-values';

const noNul = (s: string) => !s.includes('\u0000');

/**
 * What every message on `billing.events` looks like. Upstream systems publish this plain JSON
 * with the routing key equal to `type`; nothing about it is NestJS-specific.
 */
export const eventEnvelopeSchema = z.object({
  id: z.string().min(1).max(200).refine(noNul, 'must not contain NUL characters'),
  type: z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/, 'must look like "invoice.created"'),
  organization_id: z.string().min(1).max(200).refine(noNul, 'must not contain NUL characters'),
  occurred_at: z.iso.datetime({ offset: true }),
  // Anything the database would refuse, wherever it is in the payload (storable-values.ts).
  data: z.record(z.string(), z.unknown()).check(refuseUnstorable),
});

export type EventEnvelope<TData = Record<string, unknown>> = Omit<
  z.output<typeof eventEnvelopeSchema>,
  'data'
> & { data: TData };

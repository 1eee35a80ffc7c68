import { eventEnvelopeSchema } from '@portico/contracts';
import { z } from 'zod';

/** At most this many events in one request: one slow batch must not hold a request for long. */
export const MAX_EVENTS_PER_REQUEST = 100;

/** An event as `POST /api/v1/events` takes it: the AMQP envelope; the API key decides the organization. */
export const httpEventSchema = eventEnvelopeSchema.extend({
  organization_id: eventEnvelopeSchema.shape.organization_id
    .optional()
    .describe("Optional: the API key's organization; any other is rejected"),
});

/** For the documentation; each event is checked on its own, so one bad event fails only itself. */
export const eventsRequestSchema = z.union([
  httpEventSchema,
  z.object({ events: z.array(httpEventSchema).min(1).max(MAX_EVENTS_PER_REQUEST) }),
]);

export const eventResultSchema = z.object({
  index: z.number().int(),
  id: z.string().optional(),
  type: z.string().optional(),
  status: z.enum(['accepted', 'rejected']),
  /** Why an event was rejected, as the dead-letter queue would say it. */
  reason: z.string().optional(),
});
export type EventResult = z.output<typeof eventResultSchema>;

export const eventsResponseSchema = z.union([
  z.object({ event: eventResultSchema }),
  z.object({
    events: z.array(eventResultSchema),
    meta: z.object({ accepted: z.number().int(), rejected: z.number().int() }),
  }),
]);
export type EventsResponse = z.output<typeof eventsResponseSchema>;

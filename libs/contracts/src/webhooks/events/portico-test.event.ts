import { z } from 'zod';
import { isoDateTime } from '../../kit/common-schemas';
import { defineEvent } from '../../kit/event-contract';

/**
 * Outbound: the ping sent by `POST …/webhook-endpoints/:id/test`, to one endpoint whatever its
 * subscriptions. Never published on `billing.events`.
 */
export const PorticoTest = defineEvent(
  'portico.test',
  z.object({
    endpoint_id: z.string(),
    message: z.string(),
    sent_at: isoDateTime,
  }),
);

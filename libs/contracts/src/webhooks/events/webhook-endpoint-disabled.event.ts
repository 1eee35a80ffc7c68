import { z } from 'zod';
import { isoDateTime } from '../../kit/common-schemas';
import { defineEvent } from '../../kit/event-contract';

/**
 * Outbound and on `billing.events`: Portico disabled an endpoint that failed every attempt for
 * the whole failure window. Delivered to the organization's other subscribed endpoints; the
 * admin API shows `disabled_reason: "failing"` until the operator enables it again.
 */
export const WebhookEndpointDisabled = defineEvent(
  'webhook_endpoint.disabled',
  z.object({
    endpoint_id: z.string(),
    url: z.string(),
    failing_since: isoDateTime,
    disabled_at: isoDateTime,
    last_error: z.string().nullable(),
  }),
);

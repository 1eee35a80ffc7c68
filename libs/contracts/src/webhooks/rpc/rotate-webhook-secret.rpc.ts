import { z } from 'zod';
import { defineRpc } from '../../kit/rpc-contract';
import { webhookEndpointViewSchema } from '../webhook-endpoint.schema';

/**
 * A new signing secret; the old one keeps signing (a second signature in `webhook-signature`)
 * for the overlap window, so receivers can switch without missing a delivery.
 */
export const RotateWebhookSecret = defineRpc({
  name: 'customer-service.webhook-endpoints.rotate-secret.v1',
  service: 'customer-service',
  request: z.object({
    organization_id: z.string().min(1).max(63),
    endpoint_id: z.string().min(1).max(100),
    /** Default 24 hours; 0 retires the old secret at once. At most 7 days. */
    overlap_seconds: z.number().int().min(0).max(604_800).optional(),
  }),
  response: z.object({ webhook_endpoint: webhookEndpointViewSchema, secret: z.string() }),
});

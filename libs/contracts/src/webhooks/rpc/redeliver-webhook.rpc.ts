import { z } from 'zod';
import { defineRpc } from '../../kit/rpc-contract';
import { webhookDeliveryViewSchema } from '../webhook-endpoint.schema';

/** Sends a delivery again, same `webhook-id` and body, with a fresh retry schedule. */
export const RedeliverWebhook = defineRpc({
  name: 'customer-service.webhook-deliveries.redeliver.v1',
  service: 'customer-service',
  request: z.object({
    organization_id: z.string().min(1).max(63),
    endpoint_id: z.string().min(1).max(100),
    delivery_id: z.string().min(1).max(100),
  }),
  response: z.object({ delivery: webhookDeliveryViewSchema }),
});

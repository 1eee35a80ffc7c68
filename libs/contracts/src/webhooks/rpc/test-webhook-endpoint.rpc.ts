import { z } from 'zod';
import { defineRpc } from '../../kit/rpc-contract';
import { webhookDeliveryViewSchema } from '../webhook-endpoint.schema';

/** Queues a `portico.test` delivery to this one endpoint, whatever its subscriptions. */
export const TestWebhookEndpoint = defineRpc({
  name: 'customer-service.webhook-endpoints.test.v1',
  service: 'customer-service',
  request: z.object({
    organization_id: z.string().min(1).max(63),
    endpoint_id: z.string().min(1).max(100),
  }),
  response: z.object({ delivery: webhookDeliveryViewSchema }),
});

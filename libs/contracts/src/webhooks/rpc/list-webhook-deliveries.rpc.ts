import { z } from 'zod';
import { defineRpc } from '../../kit/rpc-contract';
import { webhookDeliveryViewSchema } from '../webhook-endpoint.schema';

/** The endpoint's most recent deliveries, newest first, each with its attempts. */
export const ListWebhookDeliveries = defineRpc({
  name: 'customer-service.webhook-deliveries.list.v1',
  service: 'customer-service',
  request: z.object({
    organization_id: z.string().min(1).max(63),
    endpoint_id: z.string().min(1).max(100),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  }),
  response: z.object({ deliveries: z.array(webhookDeliveryViewSchema) }),
});

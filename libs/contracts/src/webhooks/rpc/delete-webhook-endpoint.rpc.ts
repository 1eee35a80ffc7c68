import { z } from 'zod';
import { defineRpc } from '../../kit/rpc-contract';
import { webhookEndpointViewSchema } from '../webhook-endpoint.schema';

/** Removes the endpoint and its delivery log; deliveries still queued for it are dropped. */
export const DeleteWebhookEndpoint = defineRpc({
  name: 'customer-service.webhook-endpoints.delete.v1',
  service: 'customer-service',
  request: z.object({
    organization_id: z.string().min(1).max(63),
    endpoint_id: z.string().min(1).max(100),
  }),
  response: z.object({ webhook_endpoint: webhookEndpointViewSchema }),
});

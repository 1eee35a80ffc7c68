import { z } from 'zod';
import { defineRpc } from '../../kit/rpc-contract';
import { webhookEndpointViewSchema } from '../webhook-endpoint.schema';

export const ListWebhookEndpoints = defineRpc({
  name: 'customer-service.webhook-endpoints.list.v1',
  service: 'customer-service',
  request: z.object({ organization_id: z.string().min(1).max(63) }),
  response: z.object({ webhook_endpoints: z.array(webhookEndpointViewSchema) }),
});

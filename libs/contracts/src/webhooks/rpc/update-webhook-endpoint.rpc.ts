import { z } from 'zod';
import { defineRpc } from '../../kit/rpc-contract';
import {
  webhookEndpointChangesSchema,
  webhookEndpointViewSchema,
} from '../webhook-endpoint.schema';

/** Omitted fields keep their value. Enabling an endpoint clears its failure record. */
export const UpdateWebhookEndpoint = defineRpc({
  name: 'customer-service.webhook-endpoints.update.v1',
  service: 'customer-service',
  request: z.object({
    organization_id: z.string().min(1).max(63),
    endpoint_id: z.string().min(1).max(100),
    changes: webhookEndpointChangesSchema,
  }),
  response: z.object({ webhook_endpoint: webhookEndpointViewSchema }),
});

import { z } from 'zod';
import { defineRpc } from '../../kit/rpc-contract';
import { webhookEndpointInputSchema, webhookEndpointViewSchema } from '../webhook-endpoint.schema';

export const CreateWebhookEndpoint = defineRpc({
  name: 'customer-service.webhook-endpoints.create.v1',
  service: 'customer-service',
  request: z.object({
    organization_id: z.string().min(1).max(63),
    endpoint: webhookEndpointInputSchema,
  }),
  response: z.object({
    webhook_endpoint: webhookEndpointViewSchema,
    /** `whsec_…`, shown this once. */
    secret: z.string(),
  }),
});

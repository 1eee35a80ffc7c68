import { z } from 'zod';
import { lagoWebhookKeysSchema } from '../lago-settings.schema';
import { defineRpc } from '../../kit/rpc-contract';

/**
 * The keys that verify an organization's Lago deliveries. Unlike API keys (only hashes travel),
 * an HMAC key cannot be checked without the key itself, so this one secret crosses the broker,
 * to the gateway only, which keeps it in memory.
 */
export const GetLagoWebhookKeys = defineRpc({
  name: 'customer-service.lago-settings.webhook-keys.v1',
  service: 'customer-service',
  request: z.object({ organization_id: z.string().min(1).max(63) }),
  response: lagoWebhookKeysSchema,
});

import { z } from 'zod';
import { apiKeyViewSchema } from '../organization.schema';
import { defineRpc } from '../../kit/rpc-contract';

const organizationId = z.string().min(1).max(63);

export const RevokeApiKey = defineRpc({
  name: 'customer-service.api-keys.revoke.v1',
  service: 'customer-service',
  request: z.object({ organization_id: organizationId, api_key_id: z.string().min(1).max(100) }),
  response: z.object({ api_key: apiKeyViewSchema }),
});

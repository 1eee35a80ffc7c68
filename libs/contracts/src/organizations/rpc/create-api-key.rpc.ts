import { z } from 'zod';
import { apiKeyViewSchema } from '../organization.schema';
import { defineRpc } from '../../kit/rpc-contract';

const organizationId = z.string().min(1).max(63);

export const CreateApiKey = defineRpc({
  name: 'customer-service.api-keys.create.v1',
  service: 'customer-service',
  request: z.object({ organization_id: organizationId }),
  response: z.object({ api_key: apiKeyViewSchema, key: z.string() }),
});

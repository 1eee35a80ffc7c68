import { z } from 'zod';
import { lagoApiAccessSchema } from '../lago-settings.schema';
import { defineRpc } from '../../kit/rpc-contract';

/**
 * The organization's Lago API URL and key, for a service that calls Lago on its behalf; `access`
 * is null when the operator gave no API key. The key crosses the broker between services only.
 */
export const GetLagoApiAccess = defineRpc({
  name: 'customer-service.lago-settings.api-access.v1',
  service: 'customer-service',
  request: z.object({ organization_id: z.string().min(1).max(63) }),
  response: z.object({ access: lagoApiAccessSchema.nullable() }),
});

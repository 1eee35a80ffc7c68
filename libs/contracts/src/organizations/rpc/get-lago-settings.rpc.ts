import { z } from 'zod';
import { lagoSettingsViewSchema } from '../lago-settings.schema';
import { defineRpc } from '../../kit/rpc-contract';

export const GetLagoSettings = defineRpc({
  name: 'customer-service.lago-settings.get.v1',
  service: 'customer-service',
  request: z.object({ organization_id: z.string().min(1).max(63) }),
  response: z.object({ lago: lagoSettingsViewSchema }),
});

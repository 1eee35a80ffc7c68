import { z } from 'zod';
import { lagoSettingsInputSchema, lagoSettingsViewSchema } from '../lago-settings.schema';
import { defineRpc } from '../../kit/rpc-contract';

export const UpdateLagoSettings = defineRpc({
  name: 'customer-service.lago-settings.update.v1',
  service: 'customer-service',
  request: z.object({
    organization_id: z.string().min(1).max(63),
    changes: lagoSettingsInputSchema,
  }),
  response: z.object({ lago: lagoSettingsViewSchema }),
});

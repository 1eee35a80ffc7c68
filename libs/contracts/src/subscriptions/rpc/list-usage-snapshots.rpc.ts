import { z } from 'zod';
import { externalIdSchema } from '../../customers/customer.schema';
import { defineRpc } from '../../kit/rpc-contract';
import { usageSnapshotSchema } from '../subscription.schema';

export const MAX_USAGE_PERIODS = 24;

/** The latest usage snapshot of each of a subscription's last billing periods, newest first. */
export const ListUsageSnapshots = defineRpc({
  name: 'invoice-service.usage-snapshots.list.v1',
  service: 'invoice-service',
  request: z.object({
    organization_id: z.string().min(1),
    external_customer_id: externalIdSchema,
    external_subscription_id: externalIdSchema,
    periods: z.number().int().min(1).max(MAX_USAGE_PERIODS).default(6),
  }),
  response: z.object({ snapshots: z.array(usageSnapshotSchema) }),
});

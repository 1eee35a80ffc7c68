import { z } from 'zod';
import { externalIdSchema } from '../../customers/customer.schema';
import { defineRpc } from '../../kit/rpc-contract';
import { subscriptionSummarySchema } from '../subscription.schema';

export const MAX_LISTED_SUBSCRIPTIONS = 50;

/** A customer's active subscriptions, the one started first first. */
export const ListSubscriptions = defineRpc({
  name: 'invoice-service.subscriptions.list.v1',
  service: 'invoice-service',
  request: z.object({
    organization_id: z.string().min(1),
    external_customer_id: externalIdSchema,
  }),
  response: z.object({
    subscriptions: z.array(subscriptionSummarySchema).max(MAX_LISTED_SUBSCRIPTIONS),
  }),
});

import { z } from 'zod';
import { externalIdSchema } from '../../customers/customer.schema';
import { defineRpc } from '../../kit/rpc-contract';
import { walletViewSchema } from '../wallet.schema';

/** A customer's active wallets, oldest first (the portal's Credits section). */
export const ListWallets = defineRpc({
  name: 'invoice-service.wallets.list.v1',
  service: 'invoice-service',
  request: z.object({
    organization_id: z.string().min(1),
    external_customer_id: externalIdSchema,
  }),
  response: z.object({ wallets: z.array(walletViewSchema) }),
});

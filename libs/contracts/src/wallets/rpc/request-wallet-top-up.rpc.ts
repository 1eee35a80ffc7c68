import { z } from 'zod';
import { externalIdSchema } from '../../customers/customer.schema';
import { defineRpc } from '../../kit/rpc-contract';
import { upstreamWalletIdSchema } from '../wallet.schema';

/** Paid credits a customer may ask for: up to 12 digits and 5 decimals, as wallet.top_up_requested. */
export const topUpCreditsSchema = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,5})?$/, 'must be a decimal number of credits like "50" or "12.5"')
  .refine((value) => Number(value) > 0, 'must be more than zero');

/**
 * A customer's request, from the portal, to buy `credits` for one of their active wallets. At most
 * once per `nonce` (one per form shown): a double click or a retry finds the first request's claim
 * and sends nothing again. With the organization's Lago API key the wallet transaction is created
 * in Lago; without one, `wallet.top_up_requested` goes to the operator's webhook endpoints.
 * Errors: WalletNotFound; ValidationFailed (outside the wallet's paid top-up limits);
 * LagoUnavailable (Lago did not take it; the claim keeps a retry of this form from sending again).
 */
export const RequestWalletTopUp = defineRpc({
  name: 'invoice-service.wallets.top-up.v1',
  service: 'invoice-service',
  request: z.object({
    organization_id: z.string().min(1),
    external_customer_id: externalIdSchema,
    wallet_id: upstreamWalletIdSchema,
    credits: topUpCreditsSchema,
    nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  }),
  response: z.object({
    /** `duplicate`: this form was already submitted; nothing was sent again. */
    outcome: z.enum(['requested', 'duplicate']),
    channel: z.enum(['lago', 'webhook']),
  }),
});

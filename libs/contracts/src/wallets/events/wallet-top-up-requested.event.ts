import { z } from 'zod';
import { isoDateTime } from '../../kit/common-schemas';
import { defineEvent } from '../../kit/event-contract';

const credits = z.string().regex(/^\d{1,12}(\.\d{1,5})?$/, 'must be a decimal string like "10.5"');

/**
 * Outbound, for the operator: a customer asked, in the portal, to top up a prepaid-credit wallet.
 * Credit amounts are decimal strings, as in Lago's wallet transactions API.
 */
export const WalletTopUpRequested = defineEvent(
  'wallet.top_up_requested',
  z.object({
    external_customer_id: z.string().min(1).max(200),
    /** The upstream (Lago) id of the wallet. */
    wallet_id: z.string().min(1).max(200),
    paid_credits: credits,
    requested_at: isoDateTime,
  }),
);

import { z } from 'zod';
import { defineEvent } from '../../kit/event-contract';

/**
 * Internal notification: invoice-service stored wallet or wallet-transaction events for these
 * customers. Every gateway instance drops the wallet lists it cached for them. It carries no
 * wallet data: readers ask again, so a late or repeated notification is harmless.
 */
export const PorticoWalletsChanged = defineEvent(
  'portico.wallets.changed',
  z.object({ external_customer_ids: z.array(z.string()).min(1) }),
);

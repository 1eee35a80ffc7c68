import { z } from 'zod';
import { defineEvent } from '../../kit/event-contract';

/**
 * Internal notification: invoice-service handled subscription events for these customers. Every
 * gateway instance drops the subscriptions it cached for them. It carries no subscription data:
 * readers ask again, so a late or repeated notification is harmless.
 */
export const PorticoSubscriptionsChanged = defineEvent(
  'portico.subscriptions.changed',
  z.object({ external_customer_ids: z.array(z.string()).min(1) }),
);

import { z } from 'zod';
import { defineEvent } from '../../kit/event-contract';

/**
 * Internal notification: invoice-service stored changes to these customers' invoices (one event
 * per organization per written batch, published before the batch's messages are acked) or credit
 * notes (one per stored note). Every
 * invoice-service instance and gateway drops what it cached for them, except the instance that
 * wrote (`origin`), which patched its own cache with what it stored. It carries no invoice data:
 * readers go back to the database, so a late or repeated notification is harmless.
 */
export const PorticoInvoicesChanged = defineEvent(
  'portico.invoices.changed',
  z.object({
    external_customer_ids: z.array(z.string()).min(1),
    /** The writing instance, which skips its own announcement. */
    origin: z.string().optional(),
  }),
);

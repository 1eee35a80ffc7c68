import { z } from 'zod';
import { defineEvent } from '../../kit/event-contract';

/**
 * Internal notification: invoice-service stored a newer profile of a customer (named) or of the
 * organization (no customer named) — what its invoices' PDFs are made from. Every gateway drops
 * the PDFs it had confirmed current for them. Published after the profile is stored, so a gateway
 * that asks again is answered from the new one; it carries no data, so a repeat is harmless.
 */
export const PorticoInvoicePartiesChanged = defineEvent(
  'portico.invoice_parties.changed',
  z.object({ external_customer_id: z.string().min(1).optional() }),
);

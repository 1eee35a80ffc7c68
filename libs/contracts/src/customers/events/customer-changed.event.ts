import { z } from 'zod';
import { isoDateTime } from '../../kit/common-schemas';
import { customerViewSchema } from '../customer.schema';
import { defineEvent } from '../../kit/event-contract';

/**
 * Internal domain event (state transfer): customer-service publishes the customer as it now is
 * after every change, whatever its source, so other services keep their own projection (the
 * invoice-service keeps each customer's document locale). Upstream systems never publish it.
 */
export const PorticoCustomerChanged = defineEvent(
  'portico.customer.changed',
  z.object({
    id: z.string(),
    external_id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    currency: z.string().nullable(),
    document_locale: z.string().nullable(),
    deleted: z.boolean(),
    /**
     * The customer as the API answers it, so that a service can embed it (Lago's invoices carry
     * their customer). Absent from events published by releases before it existed.
     */
    view: customerViewSchema.optional(),
    /** Portal tokens carry this; revoking sessions increments it. */
    portal_session_generation: z.number().int(),
    updated_at: isoDateTime,
  }),
);

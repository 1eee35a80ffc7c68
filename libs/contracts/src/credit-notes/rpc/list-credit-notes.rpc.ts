import { z } from 'zod';
import { creditNoteViewSchema } from '../credit-note.schema';
import { externalIdSchema } from '../../customers/customer.schema';
import { defineRpc } from '../../kit/rpc-contract';

/** A customer's credit notes, newest first (the portal's section shows the first `limit`). */
export const ListCreditNotes = defineRpc({
  name: 'invoice-service.credit-notes.list.v1',
  service: 'invoice-service',
  request: z.object({
    organization_id: z.string().min(1),
    external_customer_id: externalIdSchema,
    limit: z.number().int().min(1).max(100).default(20),
  }),
  response: z.object({
    credit_notes: z.array(creditNoteViewSchema),
    total_count: z.number().int(),
  }),
});

import { z } from 'zod';
import { externalIdSchema } from '../../customers/customer.schema';
import { currencyTotalsSchema } from '../invoice.schema';
import { defineRpc } from '../../kit/rpc-contract';

/** A customer's totals, one row per currency: amounts in different currencies are never added. */
export const GetInvoiceTotals = defineRpc({
  name: 'invoice-service.invoices.totals.v1',
  service: 'invoice-service',
  request: z.object({ organization_id: z.string().min(1), external_customer_id: externalIdSchema }),
  response: z.object({ totals: z.array(currencyTotalsSchema) }),
});

import type { UpstreamInvoice } from '@portico/contracts';
import {
  applyChange,
  derive,
  emptyState,
  type InvoiceRecord,
} from '../src/invoices/invoice-record';

/** An invoice as invoice-service stores it after its invoice.created (revision 1). */
export function storedInvoice(invoice: UpstreamInvoice, organizationId = 'org_1'): InvoiceRecord {
  const change = {
    kind: 'document' as const,
    organizationId,
    upstreamId: invoice.id,
    externalCustomerId: invoice.external_customer_id,
    version: new Date(invoice.updated_at),
    invoice,
  };
  const state = emptyState(change);
  applyChange(state, change);
  return derive({ ...state, rev: 1 });
}

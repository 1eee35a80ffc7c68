import { storedSchema } from '@portico/persistence';
import type { InvoiceRecord } from './invoice-record';

/** The model's name: what `@InjectModel` asks for. */
export const INVOICE_MODEL = 'Invoice';

/** Invoices as the repository writes them (InvoiceRecord), with an index for each query. */
export const InvoiceSchema = storedSchema<InvoiceRecord>('invoices', [
  // Ingestion looks invoices up by upstream id, which is unique per organization (the derived
  // `_id` enforces it too; this says it).
  { keys: { organization_id: 1, upstream_id: 1 }, unique: true },
  // A customer's visible invoices: loaded whole for the in-memory list (CustomerInvoicesCache),
  // and, in `list_key` order, the newest few for a first page served before that load finishes.
  { keys: { organization_id: 1, external_customer_id: 1, visible: 1, list_key: -1 } },
  // The API's list (Lago's GET /invoices): an organization's visible invoices newest first, across
  // customers, in numbered pages; filters are matched in the scan of that order.
  { keys: { organization_id: 1, visible: 1, list_key: -1 } },
]);

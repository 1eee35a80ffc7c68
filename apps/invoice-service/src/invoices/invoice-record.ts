import type { Fee, InvoiceBadge, UpstreamInvoice } from '@portico/contracts';
import { createHash } from 'node:crypto';
import type { InvoiceChange } from './invoice-change';

/** The document part of an invoice: what invoice.created / invoice.updated carry. */
export interface InvoiceDocument {
  number: string;
  issuing_date: string;
  payment_due_date: string | null;
  invoice_type: UpstreamInvoice['invoice_type'];
  currency: string;
  sub_total_excluding_taxes_amount_cents: number;
  taxes_amount_cents: number;
  total_amount_cents: number;
  total_due_amount_cents: number | null;
  payment_dispute_lost_at: string | null;
  fees: Fee[];
  /** Credits applied (absent on records stored before they were kept, and when not sent). */
  coupons_amount_cents?: number | null;
  credit_notes_amount_cents?: number | null;
  prepaid_credit_amount_cents?: number | null;
  progressive_billing_credit_amount_cents?: number | null;
  payment_url?: string | null;
}

/**
 * An invoice as stored. Each part that different events may set has its own version, and a part
 * only changes when an event is newer than that part (last writer wins per part). That makes
 * every event idempotent and order-independent: a payment update that arrives before its invoice
 * is kept in `payment_status` and simply waits for the document.
 */
export interface InvoiceState {
  _id: string;
  organization_id: string;
  upstream_id: string;
  external_customer_id: string;
  document: InvoiceDocument | null;
  document_version: Date | null;
  /**
   * The line items have their own version: an event may leave them out (Lago's invoice.generated),
   * and an older event that has them must still fill them in. Absent on records written before
   * it existed, where the document's version stands for it.
   */
  fees_version?: Date | null;
  status: UpstreamInvoice['status'] | null;
  status_version: Date | null;
  payment_status: UpstreamInvoice['payment_status'] | null;
  payment_status_version: Date | null;
  payment_overdue: boolean | null;
  payment_overdue_version: Date | null;
  /** Optimistic concurrency: a write succeeds only against the revision it read. */
  rev: number;
}

/** Fields computed from the state at every write, so queries are plain indexed matches. */
export interface InvoiceDerived {
  visible: boolean;
  badge: InvoiceBadge;
  /** `issuing_date|upstream_id`: one sortable key for newest-first keyset pagination. */
  list_key: string;
  number: string | null;
  currency: string | null;
  is_paid: boolean;
  is_outstanding: boolean;
  is_overdue: boolean;
  invoiced_cents: number;
  outstanding_due_cents: number;
  overdue_due_cents: number;
  updated_at: Date;
}

export type InvoiceRecord = InvoiceState & InvoiceDerived;

/** Portal-visible statuses: drafts, and invoices an upstream could not finalize, stay hidden. */
const VISIBLE_STATUSES = new Set(['finalized', 'voided']);

/** Stable id from (organization, upstream id): retries and racing instances address one document. */
export function invoiceDocumentId(organizationId: string, upstreamId: string): string {
  const digest = createHash('sha256')
    .update(`${organizationId}\u0000${upstreamId}`)
    .digest('base64url');
  return `inv_${digest.slice(0, 27)}`;
}

export function emptyState(change: InvoiceChange): InvoiceState {
  return {
    _id: invoiceDocumentId(change.organizationId, change.upstreamId),
    organization_id: change.organizationId,
    upstream_id: change.upstreamId,
    external_customer_id: change.externalCustomerId,
    document: null,
    document_version: null,
    fees_version: null,
    status: null,
    status_version: null,
    payment_status: null,
    payment_status_version: null,
    payment_overdue: null,
    payment_overdue_version: null,
    rev: 0,
  };
}

const newer = (version: Date, current: Date | null) => current === null || version > current;

/** Applies one change; returns whether anything changed (a replay or an older event changes nothing). */
export function applyChange(state: InvoiceState, change: InvoiceChange): boolean {
  const v = change.version;
  let changed = false;
  const setStatus = (status: InvoiceState['status']) => {
    if (newer(v, state.status_version)) {
      state.status = status;
      state.status_version = v;
      changed = true;
    }
  };
  const setPaymentStatus = (status: InvoiceState['payment_status']) => {
    if (newer(v, state.payment_status_version)) {
      state.payment_status = status;
      state.payment_status_version = v;
      changed = true;
    }
  };
  const setOverdue = (overdue: boolean) => {
    if (newer(v, state.payment_overdue_version)) {
      state.payment_overdue = overdue;
      state.payment_overdue_version = v;
      changed = true;
    }
  };
  switch (change.kind) {
    case 'document': {
      const i = change.invoice;
      const feesVersion =
        state.fees_version === undefined ? state.document_version : state.fees_version;
      if (newer(v, state.document_version)) {
        const fees = state.document?.fees ?? [];
        state.document = {
          number: i.number,
          issuing_date: i.issuing_date,
          payment_due_date: i.payment_due_date ?? null,
          invoice_type: i.invoice_type,
          currency: i.currency,
          sub_total_excluding_taxes_amount_cents: i.sub_total_excluding_taxes_amount_cents,
          taxes_amount_cents: i.taxes_amount_cents,
          total_amount_cents: i.total_amount_cents,
          total_due_amount_cents: i.total_due_amount_cents ?? null,
          payment_dispute_lost_at: i.payment_dispute_lost_at ?? null,
          fees,
          coupons_amount_cents: i.coupons_amount_cents ?? null,
          credit_notes_amount_cents: i.credit_notes_amount_cents ?? null,
          prepaid_credit_amount_cents: i.prepaid_credit_amount_cents ?? null,
          progressive_billing_credit_amount_cents:
            i.progressive_billing_credit_amount_cents ?? null,
          payment_url: i.payment_url ?? null,
        };
        state.document_version = v;
        state.external_customer_id = change.externalCustomerId;
        changed = true;
      }
      if (i.fees && newer(v, feesVersion)) {
        state.document!.fees = i.fees;
        state.fees_version = v;
        changed = true;
      }
      setStatus(i.status);
      setPaymentStatus(i.payment_status);
      setOverdue(i.payment_overdue);
      break;
    }
    case 'payment_status':
      setPaymentStatus(change.paymentStatus);
      break;
    case 'payment_overdue':
      setOverdue(change.paymentOverdue);
      break;
    case 'voided':
      setStatus('voided');
      break;
  }
  return changed;
}

/** Overdue → paid → disputed → unpaid, the order in which Lago's portal decides. */
export function badgeOf(
  state: Pick<InvoiceState, 'payment_overdue' | 'payment_status' | 'document'>,
): InvoiceBadge {
  if (state.payment_overdue) return 'overdue';
  if (state.payment_status === 'succeeded') return 'paid';
  if (state.document?.payment_dispute_lost_at) return 'disputed';
  return 'unpaid';
}

export function derive(state: InvoiceState): InvoiceRecord {
  const doc = state.document;
  const badge = badgeOf(state);
  const finalized = state.status === 'finalized';
  const visible = doc !== null && state.status !== null && VISIBLE_STATUSES.has(state.status);
  const total = doc?.total_amount_cents ?? 0;
  const due = doc?.total_due_amount_cents ?? (badge === 'paid' ? 0 : total);
  const isOutstanding = finalized && badge !== 'paid';
  const isOverdue = finalized && badge === 'overdue';
  const versions = [
    state.document_version,
    state.status_version,
    state.payment_status_version,
    state.payment_overdue_version,
  ]
    .filter((d): d is Date => d !== null)
    .map((d) => d.getTime());
  return {
    ...state,
    visible,
    badge,
    list_key: `${doc?.issuing_date ?? '0000-00-00'}|${state.upstream_id}`,
    number: doc?.number ?? null,
    currency: doc?.currency ?? null,
    is_paid: badge === 'paid',
    is_outstanding: isOutstanding,
    is_overdue: isOverdue,
    invoiced_cents: finalized ? total : 0,
    outstanding_due_cents: isOutstanding ? due : 0,
    overdue_due_cents: isOverdue ? due : 0,
    updated_at: new Date(Math.max(0, ...versions)),
  };
}

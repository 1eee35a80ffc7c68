import { z } from 'zod';
import { currencySchema, isoDateTime, storableText } from '../kit/common-schemas';
import { externalIdSchema } from '../customers/customer.schema';
import { upstreamInvoiceIdSchema } from '../invoices/invoice.schema';

/** Lago's: whether the credit can still be used on coming invoices. */
export const CREDIT_NOTE_CREDIT_STATUSES = ['available', 'consumed', 'voided'] as const;
/** Lago's: where the refund to the customer's payment method stands. */
export const CREDIT_NOTE_REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export const CREDIT_NOTE_REASONS = [
  'duplicated_charge',
  'product_unsatisfactory',
  'order_change',
  'order_cancellation',
  'fraudulent_charge',
  'other',
] as const;

const cents = z.number().int().min(-1e15).max(1e15);

/** One credited line: what it credits (the fee's description) and how much. */
export const creditNoteItemSchema = z.object({
  description: storableText().max(1_000),
  amount_cents: cents,
});

/**
 * A credit note as an upstream billing system sends it in credit_note.created / .updated,
 * under Lago's field names. `invoice_id` is the upstream id of the invoice it credits.
 */
export const upstreamCreditNoteSchema = z.object({
  id: upstreamInvoiceIdSchema,
  external_customer_id: externalIdSchema,
  number: storableText().trim().min(1).max(255),
  invoice_id: upstreamInvoiceIdSchema,
  invoice_number: storableText().trim().max(255).nullable().optional(),
  issuing_date: z.iso.date(),
  credit_status: z.enum(CREDIT_NOTE_CREDIT_STATUSES).nullable().optional(),
  refund_status: z.enum(CREDIT_NOTE_REFUND_STATUSES).nullable().optional(),
  reason: z.enum(CREDIT_NOTE_REASONS),
  description: storableText().max(2_000).nullable().optional(),
  currency: currencySchema,
  sub_total_excluding_taxes_amount_cents: cents,
  taxes_amount_cents: cents,
  total_amount_cents: cents,
  /** Credited to the customer's balance (used on coming invoices). */
  credit_amount_cents: cents.default(0),
  /** Refunded to the customer's payment method. */
  refund_amount_cents: cents.default(0),
  /** What is left of the credit. */
  balance_amount_cents: cents.default(0),
  items: z.array(creditNoteItemSchema).max(5_000).default([]),
  /** Decides which write wins: anything older than what is stored changes nothing. */
  updated_at: isoDateTime,
});
export type UpstreamCreditNote = z.output<typeof upstreamCreditNoteSchema>;

/** A credit note as queries return it (`id` is the upstream id). */
export const creditNoteViewSchema = upstreamCreditNoteSchema.extend({
  invoice_number: z.string().nullable(),
  credit_status: z.enum(CREDIT_NOTE_CREDIT_STATUSES).nullable(),
  refund_status: z.enum(CREDIT_NOTE_REFUND_STATUSES).nullable(),
  description: z.string().nullable(),
  currency: z.string(),
});
export type CreditNoteView = z.output<typeof creditNoteViewSchema>;

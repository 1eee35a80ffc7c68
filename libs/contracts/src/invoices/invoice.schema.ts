import { z } from 'zod';
import { currencySchema, isoDateTime, storableText } from '../kit/common-schemas';
import { externalIdSchema } from '../customers/customer.schema';

export const INVOICE_STATUSES = ['draft', 'finalized', 'voided', 'failed', 'pending'] as const;
export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export const INVOICE_TYPES = [
  'subscription',
  'add_on',
  'credit',
  'one_off',
  'advance_charges',
  'progressive_billing',
] as const;

/** What the portal shows for an invoice, decided in this order (as Lago shows it). */
export const INVOICE_BADGES = ['overdue', 'paid', 'disputed', 'unpaid'] as const;
export type InvoiceBadge = (typeof INVOICE_BADGES)[number];

/** Portal filters: `unpaid` is everything still owed (overdue and disputed included). */
export const INVOICE_FILTERS = ['all', 'paid', 'unpaid', 'overdue'] as const;
export type InvoiceFilter = (typeof INVOICE_FILTERS)[number];

export const upstreamInvoiceIdSchema = storableText().trim().min(1).max(255);
const cents = z.number().int().min(-1e15).max(1e15);
const date = z.iso.date();

/** A page the customer's browser is sent to: http(s) only, never script or data. */
export const paymentUrlSchema = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .max(2_000);

export const feeSchema = z.object({
  description: z.string().max(1_000),
  /** Lago sends units as a decimal string ("1.5"); numbers are accepted too. */
  units: z
    .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number')])
    .transform(Number),
  unit_amount_cents: cents,
  amount_cents: cents,
});
export type Fee = z.output<typeof feeSchema>;

/** An invoice as an upstream billing system sends it in invoice.created / invoice.updated. */
export const upstreamInvoiceSchema = z.object({
  id: upstreamInvoiceIdSchema,
  external_customer_id: externalIdSchema,
  number: z.string().trim().min(1).max(255),
  issuing_date: date,
  payment_due_date: date.nullable().optional(),
  status: z.enum(INVOICE_STATUSES),
  payment_status: z.enum(PAYMENT_STATUSES),
  payment_overdue: z.boolean().default(false),
  payment_dispute_lost_at: isoDateTime.nullable().optional(),
  invoice_type: z.enum(INVOICE_TYPES),
  currency: currencySchema,
  sub_total_excluding_taxes_amount_cents: cents,
  taxes_amount_cents: cents,
  total_amount_cents: cents,
  total_due_amount_cents: cents.optional(),
  /** What was taken off the total before the amount due (Lago's names); omitted when unknown. */
  coupons_amount_cents: cents.optional(),
  credit_notes_amount_cents: cents.optional(),
  prepaid_credit_amount_cents: cents.optional(),
  progressive_billing_credit_amount_cents: cents.optional(),
  /**
   * Where the customer can pay this invoice (a checkout page of the billing system or its payment
   * provider). The portal offers "Pay now" while the invoice is owed; null or omitted: no button.
   */
  payment_url: paymentUrlSchema.nullable().optional(),
  /** Omitted: the line items already stored stay (Lago's invoice.generated carries none). */
  fees: z.array(feeSchema).max(5_000).optional(),
  /** Decides which write wins: anything older than what is stored changes nothing. */
  updated_at: isoDateTime,
});
export type UpstreamInvoice = z.output<typeof upstreamInvoiceSchema>;

/** Partial updates name the invoice and its customer, so they can be kept until the invoice arrives. */
const invoiceReference = {
  id: upstreamInvoiceIdSchema,
  external_customer_id: externalIdSchema,
  updated_at: isoDateTime,
};

export const invoicePaymentStatusSchema = z.object({
  ...invoiceReference,
  payment_status: z.enum(PAYMENT_STATUSES),
});

export const invoicePaymentOverdueSchema = z.object({
  ...invoiceReference,
  payment_overdue: z.boolean().default(true),
});

export const invoiceVoidedSchema = z.object(invoiceReference);

/** An invoice as queries return it (no internal ids: `id` is the upstream id). */
export const invoiceSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  external_customer_id: z.string(),
  issuing_date: z.string(),
  payment_due_date: z.string().nullable(),
  status: z.enum(INVOICE_STATUSES),
  payment_status: z.enum(PAYMENT_STATUSES),
  payment_overdue: z.boolean(),
  payment_dispute_lost_at: z.string().nullable(),
  invoice_type: z.enum(INVOICE_TYPES),
  currency: z.string(),
  sub_total_excluding_taxes_amount_cents: z.number().int(),
  taxes_amount_cents: z.number().int(),
  total_amount_cents: z.number().int(),
  total_due_amount_cents: z.number().int(),
  badge: z.enum(INVOICE_BADGES),
  updated_at: isoDateTime,
});
export type InvoiceSummary = z.output<typeof invoiceSummarySchema>;

export const currencyTotalsSchema = z.object({
  currency: z.string(),
  invoices_count: z.number().int(),
  total_invoiced_cents: z.number().int(),
  total_outstanding_cents: z.number().int(),
  total_overdue_cents: z.number().int(),
});
export type CurrencyTotals = z.output<typeof currencyTotalsSchema>;

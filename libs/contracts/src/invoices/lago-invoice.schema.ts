import { z } from 'zod';
import { isoDateTime, storableText } from '../kit/common-schemas';
import { customerViewSchema } from '../customers/customer.schema';
import {
  INVOICE_BADGES,
  INVOICE_STATUSES,
  INVOICE_TYPES,
  PAYMENT_STATUSES,
} from './invoice.schema';

const cents = z.number().int();
const unknownCents = cents.nullable().describe('Not known to Portico: null');
const sentCents = cents.nullable().describe('null when the billing system did not send it');
const notKept = (what: string) =>
  z.array(z.never()).describe(`Portico does not keep ${what}: always empty`);

/** A line item as Lago answers it; what Portico does not keep is null. */
export const lagoFeeSchema = z
  .object({
    lago_id: z.string().nullable().describe('Not kept by Portico: null'),
    description: z.string(),
    invoice_display_name: z.string().nullable(),
    /** Lago's decimal string ("1.5"). */
    units: z.string().regex(/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i),
    unit_amount_cents: cents,
    amount_cents: cents,
    amount_currency: z.string(),
    taxes_amount_cents: unknownCents,
    total_amount_cents: unknownCents,
  })
  .meta({ id: 'Fee' });
export type LagoFee = z.output<typeof lagoFeeSchema>;

/**
 * An invoice as the API answers it: Lago's invoice object (its names and types) plus Portico's
 * `id`, `external_customer_id` and `badge`. `lago_id` and `id` are the upstream billing system's
 * invoice id (Lago's own `lago_id` when the invoice came through the Lago bridge). What Portico
 * does not receive is null (amounts, counters) or empty (lists), never made up.
 */
export const lagoInvoiceSchema = z
  .object({
    id: z.string(),
    lago_id: z.string(),
    sequential_id: z.number().int().nullable(),
    number: z.string(),
    external_customer_id: z.string(),
    issuing_date: z.string(),
    payment_due_date: z.string().nullable(),
    payment_dispute_lost_at: z.string().nullable(),
    payment_overdue: z.boolean(),
    net_payment_term: z.number().int().nullable(),
    invoice_type: z.enum(INVOICE_TYPES),
    status: z.enum(INVOICE_STATUSES),
    payment_status: z.enum(PAYMENT_STATUSES),
    currency: z.string(),
    fees_amount_cents: cents
      .nullable()
      .describe('The sum of the line items; null when Portico has not received them'),
    taxes_amount_cents: cents,
    progressive_billing_credit_amount_cents: sentCents,
    coupons_amount_cents: sentCents,
    credit_notes_amount_cents: sentCents,
    prepaid_credit_amount_cents: sentCents,
    sub_total_excluding_taxes_amount_cents: cents,
    sub_total_including_taxes_amount_cents: cents,
    total_amount_cents: cents,
    total_due_amount_cents: cents,
    total_paid_amount_cents: unknownCents,
    file_url: z.string().nullable(),
    xml_url: z.string().nullable(),
    version_number: z.number().int().nullable().describe("Lago's invoice template version: null"),
    self_billed: z.boolean(),
    badge: z.enum(INVOICE_BADGES).describe('How the portal shows it (Portico)'),
    created_at: isoDateTime.nullable(),
    updated_at: isoDateTime,
    customer: customerViewSchema
      .nullable()
      .describe('The invoice customer; null while Portico has not heard of the customer'),
    metadata: notKept('invoice metadata'),
    applied_taxes: notKept('the tax breakdown'),
    credits: notKept('credits'),
    subscriptions: notKept('subscriptions on invoices'),
    billing_periods: notKept('billing periods'),
    applied_invoice_custom_sections: notKept('custom sections'),
    error_details: notKept('Lago invoice errors'),
    fees: z
      .array(lagoFeeSchema)
      .optional()
      .describe('The line items: on one invoice, not in lists (as Lago)'),
  })
  .meta({ id: 'Invoice' });
export type LagoInvoice = z.output<typeof lagoInvoiceSchema>;

/** Lago's invoice list filters, and Portico's own (`filter`, `search`, `cursor`) kept beside. */
export const invoiceSearchSchema = z.object({
  external_customer_id: storableText()
    .trim()
    .min(1)
    .max(255)
    .optional()
    .meta({ description: "Only this customer's invoices", examples: ['cus_42'] }),
  status: z
    .enum(INVOICE_STATUSES)
    .optional()
    .meta({ examples: ['finalized'] }),
  payment_status: z.enum(PAYMENT_STATUSES).optional(),
  payment_overdue: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .optional(),
  invoice_type: z.enum(INVOICE_TYPES).optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code like EUR')
    .transform((v) => v.toUpperCase())
    .optional(),
  issuing_date_from: z.iso.date().optional(),
  issuing_date_to: z.iso.date().optional(),
  search_term: storableText()
    .trim()
    .max(255)
    .optional()
    .describe(
      "Part of the invoice's number or id, or of its customer's external id, name or email",
    ),
  filter: z
    .enum(['all', 'paid', 'unpaid', 'overdue'])
    .default('all')
    .describe("Portico's portal filter (unpaid = still owed, overdue included)"),
  search: storableText()
    .trim()
    .max(100)
    .optional()
    .describe('Part of the invoice number, any case'),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^[\w-]*$/, 'is not a cursor this API returned')
    .max(600)
    .optional()
    .describe(
      'meta.next_cursor (older) or meta.previous_cursor (newer); when given, page is ignored',
    ),
});
export type InvoiceSearch = z.output<typeof invoiceSearchSchema>;

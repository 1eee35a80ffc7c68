import { z } from 'zod';

/**
 * The parts of Lago's webhook payloads the bridge reads (Lago's serializers send far more; zod
 * drops the rest). Loose on purpose: what Portico requires is checked again, strictly, by the
 * contract of the event each payload becomes.
 */
const text = z.string().nullish();
const decimal = z.union([z.string(), z.number()]).nullish();

export const lagoCustomerSchema = z.object({
  external_id: z.string(),
  name: text,
  firstname: text,
  lastname: text,
  legal_name: text,
  legal_number: text,
  tax_identification_number: text,
  customer_type: text,
  email: text,
  currency: text,
  phone: text,
  url: text,
  address_line1: text,
  address_line2: text,
  city: text,
  state: text,
  zipcode: text,
  country: text,
  timezone: text,
  shipping_address: z
    .object({
      address_line1: text,
      address_line2: text,
      city: text,
      state: text,
      zipcode: text,
      country: text,
    })
    .nullish(),
  metadata: z
    .array(z.object({ key: z.string(), value: text, display_in_invoice: z.boolean().nullish() }))
    .nullish(),
  billing_configuration: z.object({ document_locale: text }).nullish(),
  created_at: text,
  updated_at: text,
});
export type LagoCustomer = z.output<typeof lagoCustomerSchema>;

export const lagoFeeSchema = z.object({
  amount_cents: z.number(),
  units: decimal,
  unit_amount_cents: z.number().nullish(),
  /** In the currency's major unit, as a decimal string ("312.5"). */
  precise_unit_amount: decimal,
  description: text,
  invoice_display_name: text,
  item: z.object({ name: text, code: text, invoice_display_name: text }).nullish(),
});
export type LagoFee = z.output<typeof lagoFeeSchema>;

export const lagoInvoiceSchema = z.object({
  lago_id: z.string(),
  number: z.string(),
  issuing_date: z.string(),
  payment_due_date: text,
  invoice_type: z.string(),
  status: z.string(),
  payment_status: z.string(),
  payment_overdue: z.boolean().nullish(),
  payment_dispute_lost_at: text,
  currency: z.string(),
  sub_total_excluding_taxes_amount_cents: z.number(),
  taxes_amount_cents: z.number().nullish(),
  total_amount_cents: z.number(),
  total_due_amount_cents: z.number().nullish(),
  coupons_amount_cents: z.number().nullish(),
  credit_notes_amount_cents: z.number().nullish(),
  prepaid_credit_amount_cents: z.number().nullish(),
  progressive_billing_credit_amount_cents: z.number().nullish(),
  customer: lagoCustomerSchema.nullish(),
  /** Absent from the webhooks whose serializer does not include fees (invoice.generated…). */
  fees: z.array(lagoFeeSchema).nullish(),
  applied_taxes: z.array(z.object({ amount_cents: z.number() })).nullish(),
  updated_at: z.string(),
});
export type LagoInvoice = z.output<typeof lagoInvoiceSchema>;

/** `{webhook_type, object_type, organization_id, <object_type>: {...}}` */
export const lagoWebhookSchema = z.looseObject({
  webhook_type: z.string().max(200),
  object_type: z.string().max(200),
});

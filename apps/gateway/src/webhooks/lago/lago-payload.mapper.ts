import {
  CustomerCreated,
  CustomerUpdated,
  InvoiceCreated,
  InvoiceUpdated,
  INVOICE_STATUSES,
  type EventContract,
  type EventEnvelope,
} from '@portico/contracts';
import { toPorticoCustomer } from './lago-customer.mapper';
import { LAGO_DOMAIN_MAPPERS } from './lago-domain-mappers';
import { lagoTimestamp, parseLagoPart, type LagoEnvelopeOf } from './lago-mapper-kit';
import {
  lagoCustomerSchema,
  lagoInvoiceSchema,
  lagoWebhookSchema,
  type LagoFee,
  type LagoInvoice,
} from './lago-payload.schema';

/** What one Lago webhook becomes: Portico events to publish, or nothing Portico uses. */
export type LagoMapping =
  { status: 'mapped'; events: EventEnvelope[] } | { status: 'ignored'; webhookType: string };

/**
 * Lago's webhook types that Portico uses, and the Portico event each invoice becomes. Every
 * invoice webhook carries the whole invoice, so each is forwarded whole: an invoice Portico has
 * not seen yet (a bridge set up mid-life) appears at its next webhook, and the invoice-service
 * keeps the newest version of each part.
 */
const INVOICE_WEBHOOKS: Record<string, EventContract> = {
  'invoice.drafted': InvoiceCreated,
  'invoice.created': InvoiceCreated,
  'invoice.one_off_created': InvoiceCreated,
  'invoice.paid_credit_added': InvoiceCreated,
  'invoice.generated': InvoiceUpdated,
  'invoice.payment_status_updated': InvoiceUpdated,
  'invoice.payment_overdue': InvoiceUpdated,
  'invoice.voided': InvoiceUpdated,
  'invoice.payment_dispute_lost': InvoiceUpdated,
};
const CUSTOMER_WEBHOOKS: Record<string, EventContract> = {
  'customer.created': CustomerCreated,
  'customer.updated': CustomerUpdated,
};

/** Lago's statuses Portico has no word for are invoices still being built: stored, never shown. */
const PORTICO_STATUSES = new Set<string>(INVOICE_STATUSES);

/**
 * Lago payload → Portico envelopes. Event ids derive from the delivery's `X-Lago-Unique-Key`
 * (the same on every retry of a delivery), and every field from the payload, so a replayed
 * delivery publishes byte-identical events that the services absorb.
 */
export function mapLagoWebhook(
  body: unknown,
  organizationId: string,
  uniqueKey: string,
): LagoMapping {
  const root = parseLagoPart(lagoWebhookSchema, body, '');
  const webhookType = root.webhook_type;
  const envelope: LagoEnvelopeOf = (contract, suffix, data) => ({
    id: `lago_${uniqueKey}_${suffix}`,
    type: contract.type,
    organization_id: organizationId,
    occurred_at: lagoTimestamp(data.updated_at) ?? new Date(0).toISOString(),
    data,
  });

  const customerContract = CUSTOMER_WEBHOOKS[webhookType];
  if (customerContract) {
    const customer = parseLagoPart(lagoCustomerSchema, root.customer, 'customer');
    return {
      status: 'mapped',
      events: [envelope(customerContract, 'customer', toPorticoCustomer(customer))],
    };
  }

  const invoiceContract = INVOICE_WEBHOOKS[webhookType];
  if (invoiceContract) {
    // invoice.payment_dispute_lost wraps the invoice: {payment_dispute_lost: {invoice, provider_error}}
    const object = root.object_type === 'invoice' ? root.invoice : nested(root, root.object_type);
    const path = root.object_type === 'invoice' ? 'invoice' : `${root.object_type}.invoice`;
    const invoice = parseLagoPart(lagoInvoiceSchema, object, path);
    const events: EventEnvelope[] = [];
    // The invoice's customer (with its document language) rides along, so a portal works even
    // when Lago sends Portico no customer.* webhooks.
    if (invoice.customer && (invoice.customer.updated_at ?? invoice.customer.created_at)) {
      events.push(envelope(CustomerUpdated, 'customer', toPorticoCustomer(invoice.customer)));
    }
    events.push(envelope(invoiceContract, 'invoice', toPorticoInvoice(invoice)));
    return { status: 'mapped', events };
  }

  const domain = LAGO_DOMAIN_MAPPERS.find((mapper) => mapper.webhookTypes.includes(webhookType));
  if (domain) return { status: 'mapped', events: domain.map(root, envelope) };

  return { status: 'ignored', webhookType };
}

function toPorticoInvoice(invoice: LagoInvoice): Record<string, unknown> {
  const taxes =
    invoice.taxes_amount_cents ??
    (invoice.applied_taxes ?? []).reduce((sum, tax) => sum + tax.amount_cents, 0);
  return {
    id: invoice.lago_id,
    external_customer_id: invoice.customer?.external_id,
    number: invoice.number,
    issuing_date: invoice.issuing_date,
    payment_due_date: invoice.payment_due_date ?? null,
    status: PORTICO_STATUSES.has(invoice.status) ? invoice.status : 'pending',
    payment_status: invoice.payment_status,
    payment_overdue: invoice.payment_overdue ?? false,
    payment_dispute_lost_at: lagoTimestamp(invoice.payment_dispute_lost_at) ?? null,
    invoice_type: invoice.invoice_type,
    currency: invoice.currency,
    sub_total_excluding_taxes_amount_cents: invoice.sub_total_excluding_taxes_amount_cents,
    taxes_amount_cents: taxes,
    total_amount_cents: invoice.total_amount_cents,
    ...(invoice.total_due_amount_cents != null && {
      total_due_amount_cents: invoice.total_due_amount_cents,
    }),
    ...credits(invoice),
    // Omitted, not empty, when Lago sent none: the stored line items stay.
    ...(invoice.fees && { fees: invoice.fees.map((fee) => toLineItem(fee, invoice.currency)) }),
    updated_at: lagoTimestamp(invoice.updated_at),
  };
}

const CREDIT_FIELDS = [
  'coupons_amount_cents',
  'credit_notes_amount_cents',
  'prepaid_credit_amount_cents',
  'progressive_billing_credit_amount_cents',
] as const;

/** The credits Lago applied, each only when sent (an absent one stays unknown, not zero). */
function credits(invoice: LagoInvoice): Record<string, number> {
  const applied: Record<string, number> = {};
  for (const field of CREDIT_FIELDS) {
    const value = invoice[field];
    if (value != null) applied[field] = value;
  }
  return applied;
}

function toLineItem(fee: LagoFee, currency: string): Record<string, unknown> {
  const units = fee.units == null ? 1 : Number(fee.units);
  return {
    description: (
      fee.invoice_display_name ||
      fee.item?.invoice_display_name ||
      fee.item?.name ||
      fee.description ||
      fee.item?.code ||
      ''
    ).slice(0, 1_000),
    units: fee.units ?? 1,
    unit_amount_cents: unitAmountCents(fee, units, currency),
    amount_cents: fee.amount_cents,
  };
}

/** Lago's integer unit amount when it sends one, else its precise decimal in minor units. */
function unitAmountCents(fee: LagoFee, units: number, currency: string): number {
  if (Number.isInteger(fee.unit_amount_cents)) return fee.unit_amount_cents!;
  const precise = fee.precise_unit_amount == null ? NaN : Number(fee.precise_unit_amount);
  if (Number.isFinite(precise)) return Math.round(precise * 10 ** minorDigits(currency));
  return units ? Math.round(fee.amount_cents / units) : fee.amount_cents;
}

function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

function nested(root: Record<string, unknown>, key: string): unknown {
  const object = root[key];
  return object && typeof object === 'object'
    ? (object as Record<string, unknown>).invoice
    : undefined;
}

import { LOCALES, type Fee, type Locale } from '@portico/contracts';
import { formatAddress } from '@portico/i18n';
import type { InvoiceRecord } from '../invoices/invoice-record';
import type { CustomerProfile, OrganizationProfile } from '../parties/party-profiles';

const DEFAULT_BRAND_COLOR = '#1f2933';

/** What the invoice template shows, computed from the stored invoice and the parties. */
export interface InvoicePdfView {
  lang: Locale;
  dir: 'ltr' | 'rtl';
  currency: string;
  brandColor: string;
  logo: string | null;
  issuer: { name: string };
  customer: {
    name: string;
    email: string | null;
    externalId: string;
    /** The customer's legal name, when it differs from its name. */
    legalName: string | null;
    legalNumber: string | null;
    taxId: string | null;
    /** The billing address, as envelope lines; empty when none is known. */
    address: string[];
    /** A shipping address of its own, when the customer has one ("ship to"). */
    shipTo: string[];
  };
  number: string;
  issuingDate: string;
  dueDate: string | null;
  invoiceTypeKey: string;
  statusKey: string;
  voided: boolean;
  overdue: boolean;
  fees: Fee[];
  subtotalCents: number;
  taxesCents: number;
  totalCents: number;
  paidCents: number;
  dueCents: number;
}

/** Only visible records get here, so the document and status are always present. */
export function invoicePdfView(
  record: InvoiceRecord,
  locale: Locale,
  customer: CustomerProfile | null,
  organization: OrganizationProfile | null,
): InvoicePdfView {
  const doc = record.document!;
  const voided = record.status === 'voided';
  const due = voided
    ? 0
    : (doc.total_due_amount_cents ?? (record.badge === 'paid' ? 0 : doc.total_amount_cents));
  return {
    lang: locale,
    dir: LOCALES.find((l) => l.code === locale)?.direction ?? 'ltr',
    currency: doc.currency,
    // Checked again here: the value lands in CSS, where HTML escaping alone is not enough.
    brandColor: /^#[0-9a-fA-F]{6}$/.test(organization?.brand_color ?? '')
      ? organization!.brand_color!
      : DEFAULT_BRAND_COLOR,
    logo: organization?.logo_data_uri?.startsWith('data:image/')
      ? organization.logo_data_uri
      : null,
    issuer: { name: organization?.display_name ?? organization?.name ?? '' },
    customer: {
      name: customer?.name ?? record.external_customer_id,
      email: customer?.email ?? null,
      externalId: record.external_customer_id,
      legalName:
        customer?.view?.legal_name && customer.view.legal_name !== customer.name
          ? customer.view.legal_name
          : null,
      legalNumber: customer?.view?.legal_number ?? null,
      taxId: customer?.view?.tax_identification_number ?? null,
      address: formatAddress(customer?.view, locale),
      shipTo: formatAddress(customer?.view?.shipping_address, locale),
    },
    number: doc.number,
    issuingDate: doc.issuing_date,
    dueDate: doc.payment_due_date,
    invoiceTypeKey: `common.invoice_type.${doc.invoice_type}`,
    statusKey: `common.badge.${voided ? 'voided' : record.badge}`,
    voided,
    overdue: !voided && record.badge === 'overdue',
    fees: doc.fees,
    subtotalCents: doc.sub_total_excluding_taxes_amount_cents,
    taxesCents: doc.taxes_amount_cents,
    totalCents: doc.total_amount_cents,
    paidCents: voided ? 0 : Math.max(0, doc.total_amount_cents - due),
    dueCents: due,
  };
}

import { LOCALES, type Locale } from '@portico/contracts';
import type { CustomerProfile, OrganizationProfile } from '../parties/party-profiles';
import type { PdfFooterView } from '../pdf/invoice-pdf-template';
import type { CreditNoteRecord } from './credit-note.model';

const DEFAULT_BRAND_COLOR = '#1f2933';

/** What templates/credit-note.hbs shows, from the stored note and the parties. */
export interface CreditNotePdfView extends PdfFooterView {
  lang: Locale;
  currency: string;
  brandColor: string;
  logo: string | null;
  issuer: { name: string };
  customer: { name: string; email: string | null; externalId: string };
  issuingDate: string;
  invoiceNumber: string;
  reasonKey: string;
  description: string | null;
  items: { description: string; amount_cents: number }[];
  subtotalCents: number;
  taxesCents: number;
  totalCents: number;
  creditCents: number;
  refundCents: number;
  balanceCents: number;
  creditStatusKey: string | null;
  refundStatusKey: string | null;
}

export function creditNotePdfView(
  record: CreditNoteRecord,
  locale: Locale,
  customer: CustomerProfile | null,
  organization: OrganizationProfile | null,
): CreditNotePdfView {
  const note = record.note;
  return {
    lang: locale,
    dir: LOCALES.find((l) => l.code === locale)?.direction ?? 'ltr',
    number: note.number,
    currency: note.currency,
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
    },
    issuingDate: note.issuing_date,
    invoiceNumber: note.invoice_number ?? note.invoice_id,
    reasonKey: `credit_notes.reason.${note.reason}`,
    description: note.description ?? null,
    items: note.items,
    subtotalCents: note.sub_total_excluding_taxes_amount_cents,
    taxesCents: note.taxes_amount_cents,
    totalCents: note.total_amount_cents,
    creditCents: note.credit_amount_cents,
    refundCents: note.refund_amount_cents,
    balanceCents: note.balance_amount_cents,
    creditStatusKey: note.credit_status ? `credit_notes.credit_status.${note.credit_status}` : null,
    refundStatusKey: note.refund_status ? `credit_notes.refund_status.${note.refund_status}` : null,
  };
}

import { buildCustomerView } from '@portico/contracts';
import { flattenTranslations, readTranslations } from '@portico/i18n';
import { upstreamInvoice } from '@portico/testing';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { storedInvoice } from '../../test/stored-invoices';
import { InvoicePdfTemplate } from './invoice-pdf-template';
import { invoicePdfView } from './invoice-pdf-view';

// The unit tier has no Nest container: a translator over the same files nestjs-i18n loads.
const messages = new Map<string, Map<string, string>>();
const translate = (key: string, lang: string, args: Record<string, unknown> = {}) => {
  if (!messages.has(lang)) messages.set(lang, flattenTranslations(readTranslations(lang)));
  const message = messages.get(lang)!.get(key) ?? key;
  return message.replace(/\{(\w+)\}/g, (_, name: string) => String(args[name] ?? `{${name}}`));
};
const template = new InvoicePdfTemplate(translate);

function record(description: string, status: 'finalized' | 'voided' = 'finalized') {
  return storedInvoice(
    upstreamInvoice({
      id: 'up_1',
      external_customer_id: 'cus_1',
      number: 'INV-1',
      issuing_date: '2026-11-01',
      payment_due_date: null,
      status,
      invoice_type: 'one_off',
      sub_total_excluding_taxes_amount_cents: 100,
      taxes_amount_cents: 0,
      total_amount_cents: 100,
      total_due_amount_cents: undefined,
      fees: [{ description, units: 1, unit_amount_cents: 100, amount_cents: 100 }],
      updated_at: '2026-11-01T00:00:00Z',
    }),
    'org',
  );
}

test('invoice data is escaped: markup in a line item stays text', () => {
  const view = invoicePdfView(record('<img src=x onerror=alert(1)>'), 'en', null, null);
  const { html } = template.document(view);
  assert.ok(html.includes('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;'));
  assert.ok(!html.includes('<img src=x'));
});

test('ar is right-to-left with Arabic labels; the footer translates "Page n of N"', () => {
  const { html, footerTemplate } = template.document(invoicePdfView(record('x'), 'ar', null, null));
  assert.match(html, /<html lang="ar" dir="rtl">/);
  assert.ok(html.includes('رقم الفاتورة'));
  assert.ok(
    footerTemplate.includes(
      'الصفحة <span class="pageNumber"></span> من <span class="totalPages"></span>',
    ),
  );
});

test('a brand colour that is not a hex colour never reaches the CSS', () => {
  const organization = {
    _id: 'org',
    name: 'Acme',
    display_name: null,
    default_document_locale: 'en',
    brand_color: 'red;} body{background:url(http://x)}',
    logo_url: null,
    logo_data_uri: 'javascript:alert(1)',
    updated_at: new Date(),
  };
  const view = invoicePdfView(record('x'), 'en', null, organization);
  assert.equal(view.brandColor, '#1f2933');
  assert.equal(view.logo, null);
});

test('a voided invoice says so and owes nothing', () => {
  const view = invoicePdfView(record('x', 'voided'), 'fr', null, null);
  assert.equal(view.dueCents, 0);
  assert.ok(template.document(view).html.includes(translate('pdf.voided_notice', 'fr')));
});

test('bill to: legal name, address, ids; ship to only for an address of its own; all as text', () => {
  const hostile = '<b>Acme</b> $t(pdf.bill_to)';
  const view = buildCustomerView({
    id: 'cus_1',
    external_id: 'cus_1',
    name: 'Acme',
    email: null,
    currency: 'EUR',
    document_locale: 'de',
    legal_name: hostile,
    tax_identification_number: 'FR123',
    address_line1: '5 rue de la Paix',
    city: 'Paris',
    zipcode: '75002',
    country: 'FR',
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00Z',
  });
  const profile = {
    _id: 'p',
    organization_id: 'org',
    external_id: 'cus_1',
    name: 'Acme',
    email: null,
    document_locale: 'de',
    view,
    deleted: false,
    updated_at: new Date(),
  };
  const { html } = template.document(invoicePdfView(record('x'), 'de', profile, null));
  assert.ok(html.includes('75002 Paris'));
  assert.ok(html.includes('Frankreich'), 'the country in the document language');
  assert.ok(html.includes('&lt;b&gt;Acme&lt;/b&gt; $t(pdf.bill_to)'));
  assert.ok(html.includes('FR123'));
  assert.ok(!html.includes(translate('account.pdf.ship_to', 'de')), 'no ship-to of its own');
  const shipping = {
    ...view,
    shipping_address: { ...view.shipping_address, city: 'Lyon', country: 'FR' },
  };
  const withShipping = template.document(
    invoicePdfView(record('x'), 'de', { ...profile, view: shipping }, null),
  ).html;
  assert.ok(withShipping.includes(translate('account.pdf.ship_to', 'de')));
  assert.ok(withShipping.includes('Lyon'));
});

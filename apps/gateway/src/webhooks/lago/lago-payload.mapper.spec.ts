import {
  DomainError,
  InvoiceCreated,
  InvoiceUpdated,
  upstreamCustomerSchema,
  upstreamInvoiceSchema,
} from '@portico/contracts';
import { lagoCustomer, lagoInvoice, lagoWebhook } from '@portico/testing';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { mapLagoWebhook } from './lago-payload.mapper';

const map = (body: unknown) => mapLagoWebhook(body, 'org_hooli', 'key-1');

describe('Lago payloads → Portico events', () => {
  test('an invoice becomes its customer and the whole invoice, with deterministic ids', () => {
    const invoice = lagoInvoice({ lagoId: 'inv-1', documentLocale: 'nb' });
    const mapping = map(lagoWebhook('invoice.created', 'invoice', invoice));
    assert.equal(mapping.status, 'mapped');
    if (mapping.status !== 'mapped') return;
    const [customer, created] = mapping.events;
    assert.equal(customer!.type, 'customer.updated');
    assert.equal(customer!.id, 'lago_key-1_customer');
    assert.deepEqual(customer!.data.billing_configuration, { document_locale: 'nb' });
    assert.equal(created!.type, InvoiceCreated.type);
    assert.equal(created!.id, 'lago_key-1_invoice');
    assert.equal(created!.organization_id, 'org_hooli');
    const data = upstreamInvoiceSchema.parse(created!.data);
    assert.equal(data.id, 'inv-1');
    assert.equal(data.external_customer_id, 'cus_lago_42');
    assert.equal(data.taxes_amount_cents, 1230);
    assert.deepEqual(data.fees, [
      { description: 'Startup plan', units: 1, unit_amount_cents: 4900, amount_cents: 4900 },
      { description: 'API calls', units: 2500, unit_amount_cents: 1, amount_cents: 1250 },
    ]);
    assert.deepEqual(
      map(lagoWebhook('invoice.created', 'invoice', invoice)),
      mapping,
      'replays map alike',
    );
  });

  test('the credits Lago applied ride along; one it did not send stays unknown', () => {
    const invoice = lagoInvoice({ lagoId: 'inv-credits' }) as Record<string, unknown>;
    invoice.prepaid_credit_amount_cents = 500;
    invoice.credit_notes_amount_cents = 120;
    delete invoice.coupons_amount_cents;
    const mapping = map(lagoWebhook('invoice.created', 'invoice', invoice));
    if (mapping.status !== 'mapped') throw new Error('not mapped');
    const data = upstreamInvoiceSchema.parse(mapping.events.at(-1)!.data);
    assert.equal(data.prepaid_credit_amount_cents, 500);
    assert.equal(data.credit_notes_amount_cents, 120);
    assert.equal(data.coupons_amount_cents, undefined);
  });

  test('taxes from applied_taxes when the total is missing; unit amounts from precise amounts', () => {
    const invoice = lagoInvoice({ lagoId: 'inv-2' }) as Record<string, unknown>;
    delete invoice.taxes_amount_cents;
    (invoice.fees as Record<string, unknown>[])[0]!.unit_amount_cents = undefined;
    const mapping = map(lagoWebhook('invoice.one_off_created', 'invoice', invoice));
    assert.equal(mapping.status, 'mapped');
    if (mapping.status !== 'mapped') return;
    const data = mapping.events[1]!.data as {
      taxes_amount_cents: number;
      fees: { unit_amount_cents: number }[];
    };
    assert.equal(data.taxes_amount_cents, 1230);
    assert.equal(data.fees[0]!.unit_amount_cents, 4900);
  });

  test('statuses Portico does not know are kept hidden; fees left out when Lago sends none', () => {
    const mapping = map(
      lagoWebhook(
        'invoice.generated',
        'invoice',
        lagoInvoice({ status: 'generating', withFees: false }),
      ),
    );
    if (mapping.status !== 'mapped') return assert.fail('not mapped');
    const invoice = mapping.events[1]!;
    assert.equal(invoice.type, InvoiceUpdated.type);
    assert.equal(invoice.data.status, 'pending');
    assert.ok(!('fees' in invoice.data));
  });

  test('payment_dispute_lost carries the invoice one level down', () => {
    const mapping = map(
      lagoWebhook('invoice.payment_dispute_lost', 'payment_dispute_lost', {
        invoice: lagoInvoice({ lagoId: 'inv-3', paymentDisputeLostAt: '2026-11-21T16:35:31Z' }),
        provider_error: { message: 'lost' },
      }),
    );
    if (mapping.status !== 'mapped') return assert.fail('not mapped');
    assert.equal(mapping.events[1]!.data.id, 'inv-3');
    assert.equal(mapping.events[1]!.data.payment_dispute_lost_at, '2026-11-21T16:35:31.000Z');
  });

  test('customers: the name falls back to first and last name; one email', () => {
    const customer = { ...lagoCustomer('cus_7'), name: null, email: 'a@x.test,b@x.test' };
    const mapping = map(lagoWebhook('customer.updated', 'customer', customer));
    if (mapping.status !== 'mapped') return assert.fail('not mapped');
    assert.equal(mapping.events.length, 1);
    assert.equal(mapping.events[0]!.data.name, 'Gavin Belson');
    assert.equal(mapping.events[0]!.data.email, 'a@x.test');
  });

  test("customers: Lago's addresses, tax ids, time zone and metadata come along", () => {
    const mapping = map(lagoWebhook('customer.created', 'customer', lagoCustomer('cus_8')));
    if (mapping.status !== 'mapped') return assert.fail('not mapped');
    const data = upstreamCustomerSchema.parse(mapping.events[0]!.data);
    assert.equal(data.customer_type, 'company');
    assert.equal(data.legal_number, '49-008-2965');
    assert.equal(data.tax_identification_number, 'EU123456789');
    assert.equal(data.country, 'US');
    assert.equal(data.timezone, 'Europe/Paris');
    assert.equal(data.shipping_address?.city, 'Woodland Hills');
    assert.deepEqual(data.metadata, [
      { key: 'Purchase Order', value: '123456789', display_in_invoice: true },
    ]);
  });

  test('unknown types are ignored; a known type without what Portico needs is refused', () => {
    assert.deepEqual(map(lagoWebhook('plan.created', 'plan', {})), {
      status: 'ignored',
      webhookType: 'plan.created',
    });
    assert.throws(
      () => map(lagoWebhook('invoice.created', 'invoice', { lago_id: 'x' })),
      (e: unknown) =>
        e instanceof DomainError && e.details!.some((d) => d.field === 'invoice.number'),
    );
    assert.throws(() => map({ hello: 'world' }), DomainError);
  });
});

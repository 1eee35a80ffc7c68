import { PorticoStack, billingEvent, invoiceCreated, waitFor } from '@portico/testing';
import { Client, getLagoError, type Api } from 'lago-javascript-client';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

/**
 * Portico as a Lago user meets it: Lago's official JavaScript client, unpatched, pointed at
 * Portico's /api/v1. Every object the client receives is checked for Lago's fields and types.
 */
describe("Lago's JavaScript client against Portico", () => {
  let stack: PorticoStack;
  let acme: { id: string; apiKey: string };
  let lago: Api<unknown>;
  let otherOrganization: Api<unknown>;
  const invoices = [
    invoiceCreated({ external_customer_id: 'lago_cus_1', issuing_date: '2026-01-15' }),
    invoiceCreated({
      external_customer_id: 'lago_cus_1',
      issuing_date: '2026-02-15',
      payment_status: 'succeeded',
      total_due_amount_cents: 0,
    }),
    invoiceCreated({
      external_customer_id: 'lago_cus_1',
      issuing_date: '2026-03-15',
      payment_overdue: true,
    }),
    invoiceCreated({ external_customer_id: 'lago_cus_2', issuing_date: '2026-03-20' }),
    invoiceCreated({
      external_customer_id: 'lago_cus_2',
      issuing_date: '2026-03-21',
      status: 'draft',
    }),
  ];

  beforeAll(async () => {
    stack = await PorticoStack.start();
    acme = await stack.createOrganization({ name: 'Acme' });
    const globex = await stack.createOrganization({ name: 'Globex' });
    lago = Client(acme.apiKey, { baseUrl: `${stack.url}/api/v1` });
    otherOrganization = Client(globex.apiKey, { baseUrl: `${stack.url}/api/v1` });
  });
  afterAll(async () => stack?.stop());

  test('customers: create, update, find, list with search_term, then destroy', async () => {
    const created = await lago.customers.createCustomer({
      customer: {
        external_id: 'lago_cus_1',
        name: 'Jane Doe',
        firstname: 'Jane',
        lastname: 'Doe',
        email: 'jane@example.com',
        currency: 'EUR',
        address_line1: '5 rue de la Paix',
        city: 'Paris',
        zipcode: '75002',
        country: 'FR',
        timezone: 'Europe/Paris',
        tax_identification_number: 'FR12345678901',
        shipping_address: { city: 'Lyon', country: 'FR' },
        metadata: [{ key: 'plan', value: 'pro', display_in_invoice: true }],
        billing_configuration: { document_locale: 'fr' },
      },
    } as never);
    assert.equal(created.status, 200);
    const customer = created.data.customer;
    assert.equal(typeof customer.lago_id, 'string');
    assert.equal(customer.external_id, 'lago_cus_1');
    assert.equal(customer.applicable_timezone, 'Europe/Paris');
    assert.equal(customer.country, 'FR');
    assert.equal(customer.shipping_address?.city, 'Lyon');
    assert.equal(customer.billing_configuration?.document_locale, 'fr');
    assert.equal(customer.metadata?.[0]?.key, 'plan');

    const updated = await lago.customers.createCustomer({
      customer: { external_id: 'lago_cus_1', city: 'Marseille', timezone: null },
    } as never);
    assert.equal(updated.data.customer.lago_id, customer.lago_id, 'the same customer');
    assert.equal(updated.data.customer.city, 'Marseille');
    assert.equal(updated.data.customer.address_line1, '5 rue de la Paix', 'omitted: kept');
    assert.equal(updated.data.customer.applicable_timezone, 'UTC', "Lago's default");
    assert.equal(updated.data.customer.metadata?.[0]?.lago_id, customer.metadata?.[0]?.lago_id);

    await lago.customers.createCustomer({
      customer: { external_id: 'lago_cus_2', name: 'Bob Martin', country: 'DE' },
    } as never);
    const found = await lago.customers.findCustomer('lago_cus_1');
    assert.deepEqual(found.data.customer, updated.data.customer);

    const searched = await lago.customers.findAllCustomers({ search_term: 'MARTIN' });
    assert.deepEqual(
      searched.data.customers.map((c) => c.external_id),
      ['lago_cus_2'],
    );
    const paged = await lago.customers.findAllCustomers({ page: 2, per_page: 1 });
    assert.equal(paged.data.customers.length, 1);
    assert.equal(paged.data.meta.current_page, 2);
    assert.equal(paged.data.meta.total_count, 2);
    assert.equal(paged.data.meta.prev_page, 1);

    const portal = await lago.customers.getCustomerPortalUrl('lago_cus_1');
    assert.match(portal.data.customer.portal_url, /\/customer-portal\/[\w-]+\.[\w-]+\.[\w-]+$/);

    const invalid = await lago.customers
      .createCustomer({
        customer: { external_id: 'x', email: 'nope', timezone: 'Mars/Base' },
      } as never)
      .then(
        () => assert.fail('accepted an invalid customer'),
        (error: unknown) => getLagoError<typeof lago.customers.createCustomer>(error),
      );
    assert.equal(invalid.status, 422);
    assert.deepEqual((invalid as { error_details: unknown }).error_details, {
      'customer.email': ['invalid_format'],
      'customer.timezone': ['invalid_timezone'],
    });

    const foreign = await otherOrganization.customers.findCustomer('lago_cus_1').then(
      () => assert.fail('another organization found the customer'),
      (error: { status: number }) => error.status,
    );
    assert.equal(foreign, 404);

    // Lago's client sends Content-Type: application/json with no body here.
    await lago.customers.createCustomer({ customer: { external_id: 'lago_cus_gone' } } as never);
    const destroyed = await lago.customers.destroyCustomer('lago_cus_gone');
    assert.equal(destroyed.status, 200);
    assert.equal(destroyed.data.customer.external_id, 'lago_cus_gone');
    const gone = await lago.customers.findCustomer('lago_cus_gone').then(
      () => 200,
      (error: { status: number }) => error.status,
    );
    assert.equal(gone, 404);
  });

  test('invoices: find, list with filters and pages, download', async () => {
    for (const data of invoices)
      await stack.publish('invoice.created', billingEvent('invoice.created', acme.id, data));
    await waitFor('the invoices', async () => {
      const listed = await lago.invoices.findAllInvoices({});
      return listed.data.meta.total_count === invoices.length - 1;
    });

    const [first, paid, overdue, other, draft] = invoices as [
      (typeof invoices)[number],
      (typeof invoices)[number],
      (typeof invoices)[number],
      (typeof invoices)[number],
      (typeof invoices)[number],
    ];
    const found = await lago.invoices.findInvoice(first.id);
    const invoice = found.data.invoice;
    assert.equal(invoice.lago_id, first.id);
    assert.equal(invoice.number, first.number);
    assert.equal(invoice.fees_amount_cents, 10_000, 'the sum of the line items');
    assert.equal(invoice.sub_total_including_taxes_amount_cents, 12_000);
    assert.equal(invoice.customer?.external_id, 'lago_cus_1');
    assert.equal(invoice.customer?.city, 'Marseille');
    assert.deepEqual(
      invoice.fees?.map((fee) => fee.units),
      ['1.5', '2'],
      'units as decimal strings',
    );
    for (const field of [
      'version_number',
      'prepaid_credit_amount_cents',
      'credit_notes_amount_cents',
    ]) {
      assert.ok(field in invoice, `${field} is present`);
    }

    const all = await lago.invoices.findAllInvoices({ per_page: 2 });
    assert.deepEqual(
      all.data.invoices.map((i) => i.lago_id),
      [other.id, overdue.id],
      'newest first, drafts left out',
    );
    assert.deepEqual(
      { ...all.data.meta, next_cursor: undefined },
      {
        current_page: 1,
        next_page: 2,
        prev_page: null,
        total_pages: 2,
        total_count: 4,
        next_cursor: undefined,
        previous_cursor: null,
      },
    );
    const second = await lago.invoices.findAllInvoices({ per_page: 2, page: 2 });
    assert.deepEqual(
      second.data.invoices.map((i) => i.lago_id),
      [paid.id, first.id],
    );

    const ids = async (query: Parameters<typeof lago.invoices.findAllInvoices>[0]) =>
      (await lago.invoices.findAllInvoices(query)).data.invoices.map((i) => i.lago_id);
    assert.deepEqual(await ids({ external_customer_id: 'lago_cus_2' }), [other.id]);
    assert.deepEqual(await ids({ payment_overdue: true }), [overdue.id]);
    assert.deepEqual(
      await ids({ issuing_date_from: '2026-02-01', issuing_date_to: '2026-03-15' }),
      [overdue.id, paid.id],
    );
    assert.deepEqual(await ids({ search_term: 'bob' }), [other.id], "by the customer's name");
    assert.deepEqual(await ids({ search_term: paid.number.toLowerCase() }), [paid.id]);
    assert.deepEqual(await ids({ payment_status: 'succeeded' } as never), [paid.id]);

    const download = await lago.invoices.downloadInvoice(first.id);
    assert.equal(download.data.invoice.lago_id, first.id);
    const pdf = await fetch(download.data.invoice.file_url!.replace(stack.publicUrl, stack.url));
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');

    const hidden = await lago.invoices.findInvoice(draft.id).then(
      () => 200,
      (error: { status: number }) => error.status,
    );
    assert.equal(hidden, 404, 'a draft is not found');
    const foreign = await otherOrganization.invoices.findAllInvoices({});
    assert.equal(foreign.data.meta.total_count, 0, "another organization's list is its own");
  });

  test('Content-Type: application/json with an empty body is no body, on every route', async () => {
    const send = (method: string, path: string) =>
      fetch(`${stack.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${acme.apiKey}`, 'content-type': 'application/json' },
      });
    assert.equal((await send('POST', '/api/v1/invoices/nothing-here/download')).status, 404);
    await lago.customers.createCustomer({ customer: { external_id: 'lago_cus_empty' } } as never);
    assert.equal(
      (await send('POST', '/api/v1/customers/lago_cus_empty/portal_sessions')).status,
      201,
    );
    assert.equal((await send('DELETE', '/api/v1/customers/lago_cus_empty')).status, 200);
    const upsert = await send('POST', '/api/v1/customers');
    assert.equal(upsert.status, 422, 'a required body that is absent is a validation error');
    assert.deepEqual(((await upsert.json()) as { error_details: unknown }).error_details, {
      customer: ['value_is_mandatory'],
    });
  });
});

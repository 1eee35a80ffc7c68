import {
  LagoSender,
  PorticoStack,
  lagoCustomer,
  lagoInvoice,
  lagoWebhook,
  waitFor,
  type LagoInvoiceOptions,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

interface Invoice {
  id: string;
  number: string;
  external_customer_id: string;
  status: string;
  payment_status: string;
  payment_overdue: boolean;
  payment_dispute_lost_at: string | null;
  invoice_type: string;
  badge: string;
  taxes_amount_cents: number;
  total_amount_cents: number;
  total_due_amount_cents: number;
  fees: { description: string; units: string; unit_amount_cents: number; amount_cents: number }[];
}

describe('Lago webhook bridge: Lago deliveries become invoices in the portal', () => {
  let stack: PorticoStack;
  let org: { id: string; apiKey: string };
  const lago = new LagoSender();

  beforeAll(async () => {
    stack = await PorticoStack.start();
    org = await stack.createOrganization({ name: 'Hooli' });
    const configured = await stack.admin('PUT', `/admin/v1/organizations/${org.id}/lago`, {
      hmac_key: lago.hmacKey,
      rsa_public_key: lago.publicKeyBase64,
      api_url: lago.apiUrl,
    });
    assert.equal(configured.status, 200, JSON.stringify(configured.body));
  });
  afterAll(async () => stack?.stop());

  const deliver = async (
    body: unknown,
    {
      algorithm = 'hmac' as 'hmac' | 'jwt',
      uniqueKey = randomUUID(),
      headers = {} as Record<string, string | undefined>,
      organizationId = org.id,
      url = stack.url,
    } = {},
  ) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const all: Record<string, string> = {};
    for (const [name, value] of Object.entries({
      ...lago.headers(raw, algorithm, uniqueKey),
      ...headers,
    })) {
      if (value !== undefined) all[name] = value;
    }
    const response = await fetch(`${url}/webhooks/lago/${organizationId}`, {
      method: 'POST',
      headers: all,
      body: raw,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const invoiceWebhook = (type: string, options: LagoInvoiceOptions) =>
    lagoWebhook(type, 'invoice', lagoInvoice(options));
  const getInvoice = (id: string) =>
    stack.request<{ invoice: Invoice }>('GET', `/api/v1/invoices/${id}`, { token: org.apiKey });
  const shown = (id: string, until: (invoice: Invoice) => boolean = () => true) =>
    waitFor(`invoice ${id} in the portal`, async () => {
      const response = await getInvoice(id);
      return response.status === 200 && until(response.body.invoice)
        ? response.body.invoice
        : undefined;
    });
  const storedDocuments = (id: string) =>
    stack.withInvoicesDb((db) =>
      db.collection('invoices').find({ organization_id: org.id, upstream_id: id }).toArray(),
    );
  /** A later delivery that is known to be stored: whatever was accepted before it is too. */
  const sentinel = async () => {
    const id = randomUUID();
    assert.equal((await deliver(invoiceWebhook('invoice.created', { lagoId: id }))).status, 200);
    await shown(id);
  };

  test('the admin API keeps the keys write-only and names the webhook URL', async () => {
    const response = await stack.admin<{ lago: Record<string, unknown> }>(
      'GET',
      `/admin/v1/organizations/${org.id}/lago`,
    );
    assert.equal(response.status, 200);
    assert.equal(response.body.lago.hmac_key_set, true);
    assert.equal(response.body.lago.api_url, lago.apiUrl);
    assert.equal(response.body.lago.rsa_public_key, lago.publicKeyPem);
    assert.equal(response.body.lago.webhook_url, `${stack.publicUrl}/webhooks/lago/${org.id}`);
    assert.ok(!JSON.stringify(response.body).includes(lago.hmacKey), 'the HMAC key is never shown');
    assert.equal(response.body.lago.api_key_set, false);
    const apiKey = `lago-api-key-${randomUUID()}`;
    const withKey = await stack.admin<{ lago: Record<string, unknown> }>(
      'PUT',
      `/admin/v1/organizations/${org.id}/lago`,
      { api_key: apiKey },
    );
    assert.equal(withKey.status, 200);
    assert.equal(withKey.body.lago.api_key_set, true);
    assert.equal(withKey.body.lago.hmac_key_set, true, 'an omitted setting keeps its value');
    assert.ok(!JSON.stringify(withKey.body).includes(apiKey), 'the API key is never shown');
    const invalid = await stack.admin<{ error_details: Record<string, string[]> }>(
      'PUT',
      `/admin/v1/organizations/${org.id}/lago`,
      { rsa_public_key: 'not a key' },
    );
    assert.equal(invalid.status, 422);
    assert.ok(invalid.body.error_details.rsa_public_key);
    const unknown = await stack.admin('GET', '/admin/v1/organizations/org-missing/lago');
    assert.equal(unknown.status, 404);
  });

  describe('every mapped webhook type shows in the portal with the right state', () => {
    test('invoice.created (jwt): a finalized invoice with its line items and taxes', async () => {
      const id = randomUUID();
      const answer = await deliver(invoiceWebhook('invoice.created', { lagoId: id }), {
        algorithm: 'jwt',
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.status, 'accepted');
      const invoice = await shown(id);
      assert.equal(invoice.status, 'finalized');
      assert.equal(invoice.badge, 'unpaid');
      assert.equal(invoice.external_customer_id, 'cus_lago_42');
      assert.equal(invoice.taxes_amount_cents, 1230);
      assert.equal(invoice.total_amount_cents, 7380);
      // Lago's fee shape: units as a decimal string.
      assert.deepEqual(
        invoice.fees.map(({ description, units, unit_amount_cents, amount_cents }) => ({
          description,
          units,
          unit_amount_cents,
          amount_cents,
        })),
        [
          { description: 'Startup plan', units: '1', unit_amount_cents: 4900, amount_cents: 4900 },
          { description: 'API calls', units: '2500', unit_amount_cents: 1, amount_cents: 1250 },
        ],
      );
    });

    test('invoice.one_off_created and invoice.paid_credit_added (hmac)', async () => {
      const oneOff = randomUUID();
      const credit = randomUUID();
      await deliver(
        invoiceWebhook('invoice.one_off_created', { lagoId: oneOff, invoiceType: 'one_off' }),
      );
      await deliver(
        invoiceWebhook('invoice.paid_credit_added', {
          lagoId: credit,
          invoiceType: 'credit',
          paymentStatus: 'succeeded',
        }),
      );
      assert.equal((await shown(oneOff)).invoice_type, 'one_off');
      const paid = await shown(credit);
      assert.equal(paid.invoice_type, 'credit');
      assert.equal(paid.badge, 'paid');
    });

    test('invoice.drafted is stored but hidden until invoice.created finalizes it', async () => {
      const id = randomUUID();
      await deliver(
        invoiceWebhook('invoice.drafted', {
          lagoId: id,
          status: 'draft',
          updatedAt: '2026-11-01T09:00:00Z',
        }),
        { algorithm: 'jwt' },
      );
      await waitFor('the draft stored', async () => (await storedDocuments(id)).length === 1);
      assert.equal((await getInvoice(id)).status, 404, 'a draft is never shown');
      await deliver(invoiceWebhook('invoice.created', { lagoId: id }));
      assert.equal((await shown(id)).status, 'finalized');
    });

    test('invoice.generated (no fees in its payload) keeps the line items', async () => {
      const id = randomUUID();
      await deliver(invoiceWebhook('invoice.created', { lagoId: id }));
      await shown(id);
      await deliver(
        invoiceWebhook('invoice.generated', {
          lagoId: id,
          withFees: false,
          updatedAt: '2026-11-01T10:00:05Z',
        }),
      );
      await waitFor('the generated version stored', async () => {
        const [doc] = await storedDocuments(id);
        return (
          doc && new Date(doc.document_version as Date).toISOString() === '2026-11-01T10:00:05.000Z'
        );
      });
      assert.equal((await shown(id)).fees.length, 2);
      // And alone, before invoice.created: shown, its line items to come.
      const alone = randomUUID();
      await deliver(invoiceWebhook('invoice.generated', { lagoId: alone, withFees: false }));
      assert.equal((await shown(alone)).fees.length, 0);
    });

    test('invoice.payment_status_updated, invoice.payment_overdue, invoice.voided', async () => {
      const [paid, overdue, voided] = [randomUUID(), randomUUID(), randomUUID()];
      for (const id of [paid, overdue, voided]) {
        await deliver(invoiceWebhook('invoice.created', { lagoId: id }));
      }
      const later = '2026-11-20T12:00:00Z';
      await deliver(
        invoiceWebhook('invoice.payment_status_updated', {
          lagoId: paid,
          paymentStatus: 'succeeded',
          updatedAt: later,
        }),
        { algorithm: 'jwt' },
      );
      await deliver(
        invoiceWebhook('invoice.payment_overdue', {
          lagoId: overdue,
          paymentOverdue: true,
          updatedAt: later,
        }),
      );
      await deliver(
        invoiceWebhook('invoice.voided', { lagoId: voided, status: 'voided', updatedAt: later }),
      );
      assert.equal((await shown(paid, (i) => i.badge === 'paid')).payment_status, 'succeeded');
      assert.equal((await shown(overdue, (i) => i.payment_overdue)).badge, 'overdue');
      assert.equal((await shown(voided, (i) => i.status === 'voided')).status, 'voided');
    });

    test('invoice.payment_dispute_lost: the invoice shows as disputed', async () => {
      const id = randomUUID();
      await deliver(invoiceWebhook('invoice.created', { lagoId: id }));
      await shown(id);
      const lost = lagoInvoice({
        lagoId: id,
        paymentStatus: 'failed',
        paymentDisputeLostAt: '2026-11-21T16:35:31Z',
        updatedAt: '2026-11-21T16:35:31Z',
        withFees: false,
      });
      const answer = await deliver(
        lagoWebhook('invoice.payment_dispute_lost', 'payment_dispute_lost', {
          invoice: lost,
          provider_error: { message: 'The dispute was lost', error_code: 'dispute_lost' },
        }),
      );
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const invoice = await shown(id, (i) => i.badge === 'disputed');
      assert.equal(invoice.payment_dispute_lost_at, '2026-11-21T16:35:31.000Z');
      assert.equal(invoice.fees.length, 2, 'the line items stay');
    });

    test('customer.created and customer.updated: name, email and document language', async () => {
      const externalId = `cus_${randomUUID().slice(0, 8)}`;
      await deliver(
        lagoWebhook(
          'customer.created',
          'customer',
          lagoCustomer(externalId, { documentLocale: 'de', updatedAt: '2026-11-01T08:00:00Z' }),
        ),
        { algorithm: 'jwt' },
      );
      type Customer = {
        name: string;
        email: string;
        city: string;
        timezone: string;
        tax_identification_number: string;
        shipping_address: { city: string };
        metadata: { key: string; value: string; display_in_invoice: boolean }[];
        billing_configuration: { document_locale: string };
      };
      const get = () =>
        stack.request<{ customer: Customer }>('GET', `/api/v1/customers/${externalId}`, {
          token: org.apiKey,
        });
      const created = await waitFor('the customer', async () => {
        const response = await get();
        return response.status === 200 ? response.body.customer : undefined;
      });
      assert.equal(created.name, 'Gavin Belson');
      assert.equal(created.email, 'gavin@hooli.example');
      assert.equal(created.billing_configuration.document_locale, 'de');
      // Lago's other customer fields come along and are answered in Lago's shape.
      assert.equal(created.city, 'Woodland Hills');
      assert.equal(created.timezone, 'Europe/Paris');
      assert.equal(created.tax_identification_number, 'EU123456789');
      assert.equal(created.shipping_address.city, 'Woodland Hills');
      assert.deepEqual(
        created.metadata.map(({ key, value, display_in_invoice }) => ({
          key,
          value,
          display_in_invoice,
        })),
        [{ key: 'Purchase Order', value: '123456789', display_in_invoice: true }],
      );
      await deliver(
        lagoWebhook(
          'customer.updated',
          'customer',
          lagoCustomer(externalId, { documentLocale: 'pt-BR', updatedAt: '2026-11-02T08:00:00Z' }),
        ),
      );
      await waitFor('the new locale', async () => {
        const response = await get();
        return response.body.customer?.billing_configuration.document_locale === 'pt-BR';
      });
    });
  });

  test('forged, mis-signed or incompletely signed deliveries are 401 and store nothing', async () => {
    const ids = Array.from({ length: 9 }, () => randomUUID());
    const body = (i: number) =>
      JSON.stringify(invoiceWebhook('invoice.created', { lagoId: ids[i] }));
    const other = new LagoSender();
    const attempts: [string, Awaited<ReturnType<typeof deliver>>][] = [
      [
        'bad hmac',
        await deliver(body(0), { headers: { 'x-lago-signature': other.hmacSignature(body(0)) } }),
      ],
      [
        'hmac of another body',
        await deliver(body(1), { headers: { 'x-lago-signature': lago.hmacSignature(body(0)) } }),
      ],
      [
        'unknown algorithm',
        await deliver(body(2), { headers: { 'x-lago-signature-algorithm': 'sha1' } }),
      ],
      [
        'jwt signed by another key',
        await deliver(body(3), {
          algorithm: 'jwt',
          headers: { 'x-lago-signature': other.jwtSignature(body(3), { issuer: lago.apiUrl }) },
        }),
      ],
      [
        'jwt from another issuer',
        await deliver(body(4), {
          algorithm: 'jwt',
          headers: {
            'x-lago-signature': lago.jwtSignature(body(4), { issuer: 'https://evil.example' }),
          },
        }),
      ],
      [
        'hmac sent as jwt',
        await deliver(body(5), { headers: { 'x-lago-signature-algorithm': 'jwt' } }),
      ],
      ['no signature', await deliver(body(6), { headers: { 'x-lago-signature': undefined } })],
      [
        'no algorithm',
        await deliver(body(7), { headers: { 'x-lago-signature-algorithm': undefined } }),
      ],
      ['no unique key', await deliver(body(8), { headers: { 'x-lago-unique-key': undefined } })],
    ];
    for (const [what, answer] of attempts) {
      assert.equal(answer.status, 401, `${what}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.code, 'webhook_signature_invalid', what);
    }
    const unknownOrganization = await deliver(body(0), {
      organizationId: 'org-that-does-not-exist',
    });
    assert.equal(unknownOrganization.status, 401);
    await sentinel();
    for (const id of ids) assert.deepEqual(await storedDocuments(id), [], `${id} stored`);
  });

  test('a replayed delivery is stored once, even through another gateway', async () => {
    const id = randomUUID();
    const uniqueKey = randomUUID();
    const body = JSON.stringify(invoiceWebhook('invoice.created', { lagoId: id }));
    const first = await deliver(body, { uniqueKey });
    assert.equal(first.body.status, 'accepted');
    await shown(id);
    const [before] = await storedDocuments(id);
    const again = await deliver(body, { uniqueKey });
    assert.equal(again.status, 200);
    assert.equal(again.body.status, 'duplicate');
    // Another gateway has not seen it: it publishes again, and the invoice-service absorbs it.
    const otherGateway = await stack.startExtraGateway();
    const elsewhere = await deliver(body, { uniqueKey, url: otherGateway });
    assert.equal(elsewhere.body.status, 'accepted');
    assert.deepEqual(elsewhere.body.event_ids, first.body.event_ids, 'the same event ids');
    await sentinel();
    const documents = await storedDocuments(id);
    assert.equal(documents.length, 1);
    assert.equal(documents[0]!.rev, before!.rev, 'not written again');
  });

  test('a stale delivery (an older version of the invoice) changes nothing', async () => {
    const id = randomUUID();
    await deliver(
      invoiceWebhook('invoice.created', { lagoId: id, updatedAt: '2026-11-01T10:00:00Z' }),
    );
    await deliver(
      invoiceWebhook('invoice.payment_status_updated', {
        lagoId: id,
        paymentStatus: 'succeeded',
        updatedAt: '2026-11-03T10:00:00Z',
      }),
    );
    await shown(id, (i) => i.badge === 'paid');
    // Lago's retry of an earlier delivery, arriving late.
    await deliver(
      invoiceWebhook('invoice.payment_status_updated', {
        lagoId: id,
        paymentStatus: 'failed',
        updatedAt: '2026-11-02T10:00:00Z',
      }),
    );
    await sentinel();
    assert.equal((await shown(id)).badge, 'paid');
  });

  test("a jwt delivery whose signature header outgrows Node's default 16 KiB still verifies", async () => {
    const id = randomUUID();
    const invoice = lagoInvoice({ lagoId: id });
    invoice.fees = Array.from({ length: 12 }, () => invoice.fees![1]!);
    const body = JSON.stringify(lagoWebhook('invoice.created', 'invoice', invoice));
    assert.ok(lago.jwtSignature(body).length > 20_000);
    const answer = await deliver(body, { algorithm: 'jwt' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal((await shown(id)).fees.length, 12);
  });

  test('webhook types Portico does not use are answered 200 ignored', async () => {
    for (const [type, objectType] of [
      ['plan.created', 'plan'],
      ['payment_request.created', 'payment_request'],
      ['invoice.resynced', 'invoice'],
    ] as const) {
      const answer = await deliver(lagoWebhook(type, objectType, { lago_id: randomUUID() }));
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { status: 'ignored', webhook_type: type });
    }
  });

  test('malformed JSON is 400, an incomplete invoice 422, an oversized body 413', async () => {
    const malformed = await deliver('{"webhook_type": "invoice.created", ');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.code, 'bad_request');

    const incomplete = lagoInvoice();
    delete (incomplete as Partial<typeof incomplete>).number;
    const invalid = await deliver(lagoWebhook('invoice.created', 'invoice', incomplete));
    assert.equal(invalid.status, 422);
    assert.equal(invalid.body.code, 'validation_errors');
    assert.ok((invalid.body.error_details as Record<string, unknown>)['invoice.number']);

    const huge = JSON.stringify(
      lagoWebhook('invoice.created', 'invoice', {
        ...lagoInvoice(),
        padding: 'x'.repeat(1_100_000),
      }),
    );
    const tooLarge = await deliver(huge);
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.body.code, 'payload_too_large');
  });
});

import { CustomerCreated, CustomerUpdated } from '@portico/contracts';
import { customerUpserted, PorticoStack, waitFor } from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

interface CustomerBody {
  customer: {
    id: string;
    external_id: string;
    name: string | null;
    email: string | null;
    currency: string | null;
    billing_configuration: { document_locale: string | null };
    updated_at: string;
  };
}
interface ErrorBody {
  status: number;
  error: string;
  code: string;
  error_details?: Record<string, string[]>;
}

describe('customers API (Lago-compatible)', () => {
  let stack: PorticoStack;
  let acme: { id: string; apiKey: string };
  let globex: { id: string; apiKey: string };

  beforeAll(async () => {
    stack = await PorticoStack.start();
    acme = await stack.createOrganization({ name: 'Acme', default_document_locale: 'fr' });
    globex = await stack.createOrganization({ name: 'Globex' });
  });
  afterAll(async () => stack?.stop());

  const upsert = (key: string, customer: Record<string, unknown>) =>
    stack.request<CustomerBody & ErrorBody>('POST', '/api/v1/customers', {
      token: key,
      body: { customer },
    });

  test('missing or wrong API key: 401', async () => {
    assert.equal((await stack.request('GET', '/api/v1/customers')).status, 401);
    const wrong = await stack.request<ErrorBody>('GET', '/api/v1/customers', {
      token: 'ptk_wrong',
    });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.code, 'unauthorized');
    const malformed = await stack.request('GET', '/api/v1/customers', { token: '' });
    assert.equal(malformed.status, 401);
  });

  test('create, then update: omitted fields stay, null clears, values are normalized', async () => {
    const created = await upsert(acme.apiKey, {
      external_id: 'cus_42',
      name: 'Jane Doe',
      email: 'jane@example.com',
      currency: 'eur',
      billing_configuration: { document_locale: 'pt-br' },
    });
    assert.equal(created.status, 200);
    assert.equal(created.body.customer.currency, 'EUR');
    assert.equal(created.body.customer.billing_configuration.document_locale, 'pt-BR');

    const updated = await upsert(acme.apiKey, {
      external_id: 'cus_42',
      email: null,
      name: 'Jane Q. Doe',
    });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.customer.id, created.body.customer.id, 'same customer');
    assert.equal(updated.body.customer.name, 'Jane Q. Doe');
    assert.equal(updated.body.customer.email, null);
    assert.equal(updated.body.customer.currency, 'EUR', 'omitted: unchanged');
    assert.ok(updated.body.customer.updated_at > created.body.customer.updated_at);

    const read = await stack.request<CustomerBody>('GET', '/api/v1/customers/cus_42', {
      token: acme.apiKey,
    });
    assert.equal(read.status, 200);
    assert.deepEqual(read.body.customer, updated.body.customer);
  });

  test('every invalid field gives 422 with the field named', async () => {
    const response = await upsert(acme.apiKey, {
      external_id: '',
      name: 'x'.repeat(501),
      email: 'not-an-email',
      currency: 'EURO',
      billing_configuration: { document_locale: 'klingon' },
    });
    assert.equal(response.status, 422);
    assert.equal(response.body.code, 'validation_errors');
    assert.deepEqual(Object.keys(response.body.error_details!).sort(), [
      'customer.billing_configuration.document_locale',
      'customer.currency',
      'customer.email',
      'customer.external_id',
      'customer.name',
    ]);
    const noWrapper = await stack.request<ErrorBody>('POST', '/api/v1/customers', {
      token: acme.apiKey,
      body: { external_id: 'x' },
    });
    assert.equal(noWrapper.status, 422);
    assert.deepEqual(Object.keys(noWrapper.body.error_details!), ['customer']);
    const badJson = await stack.request<ErrorBody>('POST', '/api/v1/customers', {
      token: acme.apiKey,
      raw: '{"customer":',
    });
    assert.equal(badJson.status, 400);
    assert.equal(badJson.body.code, 'bad_request');
    const badPage = await stack.request<ErrorBody>('GET', '/api/v1/customers?per_page=1000', {
      token: acme.apiKey,
    });
    assert.equal(badPage.status, 422);
    assert.deepEqual(Object.keys(badPage.body.error_details!), ['per_page']);
  });

  test('nothing invalid was stored along the way', async () => {
    const read = await stack.request<CustomerBody>('GET', '/api/v1/customers/cus_42', {
      token: acme.apiKey,
    });
    assert.equal(read.body.customer.name, 'Jane Q. Doe');
  });

  test("another organization's customer is a 404, never its data", async () => {
    const other = await stack.request<ErrorBody>('GET', '/api/v1/customers/cus_42', {
      token: globex.apiKey,
    });
    assert.equal(other.status, 404);
    assert.equal(other.body.code, 'customer_not_found');
    assert.ok(!JSON.stringify(other.body).includes('Jane'));
    const list = await stack.request<{ customers: unknown[] }>('GET', '/api/v1/customers', {
      token: globex.apiKey,
    });
    assert.equal(list.body.customers.length, 0);
    assert.equal(
      (await stack.request('DELETE', '/api/v1/customers/cus_42', { token: globex.apiKey })).status,
      404,
    );
    // The same external id in another organization is another customer.
    const theirs = await upsert(globex.apiKey, { external_id: 'cus_42', name: 'Someone Else' });
    assert.equal(theirs.status, 200);
    const ours = await stack.request<CustomerBody>('GET', '/api/v1/customers/cus_42', {
      token: acme.apiKey,
    });
    assert.equal(ours.body.customer.name, 'Jane Q. Doe');
    assert.notEqual(theirs.body.customer.id, ours.body.customer.id);
  });

  test('listing is paginated, newest first', async () => {
    for (const n of [1, 2, 3]) await upsert(acme.apiKey, { external_id: `list_${n}` });
    const page1 = await stack.request<{
      customers: { external_id: string }[];
      meta: Record<string, number | null>;
    }>('GET', '/api/v1/customers?per_page=2', { token: acme.apiKey });
    assert.equal(page1.status, 200);
    assert.deepEqual(
      page1.body.customers.map((c) => c.external_id),
      ['list_3', 'list_2'],
    );
    assert.deepEqual(page1.body.meta, {
      current_page: 1,
      next_page: 2,
      prev_page: null,
      total_pages: 2,
      total_count: 4,
    });
    const page2 = await stack.request<{ customers: { external_id: string }[] }>(
      'GET',
      '/api/v1/customers?per_page=2&page=2',
      {
        token: acme.apiKey,
      },
    );
    assert.deepEqual(
      page2.body.customers.map((c) => c.external_id),
      ['list_1', 'cus_42'],
    );
  });

  test('delete: gone from reads and lists; deleting again is a 404', async () => {
    await upsert(acme.apiKey, { external_id: 'to_delete', name: 'Temp' });
    const deleted = await stack.request<CustomerBody>('DELETE', '/api/v1/customers/to_delete', {
      token: acme.apiKey,
    });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body.customer.external_id, 'to_delete');
    assert.equal(
      (await stack.request('GET', '/api/v1/customers/to_delete', { token: acme.apiKey })).status,
      404,
    );
    assert.equal(
      (await stack.request('DELETE', '/api/v1/customers/to_delete', { token: acme.apiKey })).status,
      404,
    );
    const recreated = await upsert(acme.apiKey, { external_id: 'to_delete' });
    assert.equal(recreated.body.customer.name, null, 're-created from a clean record');
  });

  test('locales: the supported list, with right-to-left marked', async () => {
    const response = await stack.request<{ locales: { code: string; direction: string }[] }>(
      'GET',
      '/api/v1/locales',
      {
        token: acme.apiKey,
      },
    );
    assert.equal(response.status, 200);
    const codes = response.body.locales.map((l) => l.code);
    for (const code of [
      'en',
      'fr',
      'de',
      'es',
      'it',
      'nb',
      'sv',
      'pt-BR',
      'zh-TW',
      'nl',
      'pl',
      'ja',
      'ar',
    ]) {
      assert.ok(codes.includes(code), code);
    }
    assert.equal(response.body.locales.find((l) => l.code === 'ar')!.direction, 'rtl');
  });

  describe('the same customers arriving as events on billing.events', () => {
    const read = (externalId: string) =>
      stack.request<CustomerBody>('GET', `/api/v1/customers/${externalId}`, { token: acme.apiKey });
    /** A version of a customer as upstream sends it: its name and locale when given. */
    const version = (
      updatedAt: string,
      { name, locale, id = 'from_lago' }: { name?: string; locale?: string; id?: string } = {},
    ) =>
      customerUpserted({
        external_id: id,
        updated_at: updatedAt,
        ...(name !== undefined && { name }),
        ...(locale !== undefined && { billing_configuration: { document_locale: locale } }),
      });

    test('customer.created stores the customer with its locale', async () => {
      await stack.publishEvent(
        CustomerCreated,
        acme.id,
        version('2026-11-01T10:00:00Z', { name: 'Evented', locale: 'de' }),
      );
      const customer = await waitFor('the evented customer', async () => {
        const response = await read('from_lago');
        return response.status === 200 ? response.body.customer : undefined;
      });
      assert.equal(customer.billing_configuration.document_locale, 'de');
      assert.equal(customer.name, 'Evented');
    });

    test('an older update changes nothing; a newer one wins', async () => {
      await stack.publishEvent(
        CustomerUpdated,
        acme.id,
        version('2026-10-01T10:00:00Z', { name: 'Stale', locale: 'es' }),
      );
      await stack.publishEvent(
        CustomerUpdated,
        acme.id,
        version('2026-11-02T10:00:00Z', { name: 'Fresh', locale: 'ja' }),
      );
      const customer = await waitFor('the newer update', async () => {
        const { body } = await read('from_lago');
        return body.customer.name === 'Fresh' ? body.customer : undefined;
      });
      assert.equal(customer.billing_configuration.document_locale, 'ja');
    });

    test('an API write after an event is newer and wins; a late event does not undo it', async () => {
      await upsert(acme.apiKey, {
        external_id: 'from_lago',
        billing_configuration: { document_locale: 'nl' },
      });
      await stack.publishEvent(
        CustomerUpdated,
        acme.id,
        version('2026-11-03T10:00:00Z', { locale: 'sv' }),
      );
      await stack.publishEvent(
        CustomerUpdated,
        acme.id,
        version('2026-11-03T10:00:00Z', { id: 'marker' }),
      );
      await waitFor('the marker event', async () => (await read('marker')).status === 200);
      assert.equal(
        (await read('from_lago')).body.customer.billing_configuration.document_locale,
        'nl',
      );
    });

    test('an unsupported locale from upstream falls back instead of losing the customer', async () => {
      await stack.publishEvent(
        CustomerCreated,
        acme.id,
        version('2026-11-01T10:00:00Z', { locale: 'tlh', id: 'klingon' }),
      );
      const customer = await waitFor('the customer', async () => {
        const response = await read('klingon');
        return response.status === 200 ? response.body.customer : undefined;
      });
      assert.equal(customer.billing_configuration.document_locale, null);
    });

    test("an event naming another organization never touches this one's customers", async () => {
      await stack.publishEvent(
        CustomerUpdated,
        globex.id,
        version('2027-01-01T00:00:00Z', { name: 'Globex Version' }),
      );
      await waitFor('globex to have its own customer', async () => {
        const response = await stack.request('GET', '/api/v1/customers/from_lago', {
          token: globex.apiKey,
        });
        return response.status === 200;
      });
      assert.equal((await read('from_lago')).body.customer.name, 'Fresh');
    });
  });
});

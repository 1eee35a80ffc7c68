import { CustomerUpdated, InvoiceCreated } from '@portico/contracts';
import {
  apiEvent,
  customerUpserted,
  invoiceCreated,
  PorticoStack,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

interface Result {
  index: number;
  id?: string;
  type?: string;
  status: 'accepted' | 'rejected';
  reason?: string;
}

describe('POST /api/v1/events: publishing over HTTP', () => {
  let stack: PorticoStack;
  let acme: { id: string; apiKey: string };
  let globex: { id: string; apiKey: string };

  beforeAll(async () => {
    stack = await PorticoStack.start();
    acme = await stack.createOrganization({ name: 'Acme' });
    globex = await stack.createOrganization({ name: 'Globex' });
  });
  afterAll(async () => stack?.stop());

  const invoiceEvent = (
    overrides: Record<string, unknown> = {},
    data: Record<string, unknown> = {},
  ) => ({
    ...apiEvent(InvoiceCreated, { ...invoiceCreated({ external_customer_id: 'cus_42' }), ...data }),
    ...overrides,
  });
  const post = <T = Record<string, unknown>>(body: unknown, key = acme.apiKey) =>
    stack.request<T>('POST', '/api/v1/events', { token: key, body });
  const invoice = (id: string, key = acme.apiKey) =>
    stack.request('GET', `/api/v1/invoices/${id}`, { token: key });
  const shown = (id: string, key = acme.apiKey) =>
    waitFor(`invoice ${id}`, async () => (await invoice(id, key)).status === 200);
  /** Events are handled in order: once a later one is shown, an earlier one would be too. */
  const sentinel = async (key = acme.apiKey) => {
    const event = invoiceEvent();
    assert.equal((await post(event, key)).status, 200);
    await shown(event.data.id, key);
  };

  test('one event: accepted once the broker confirmed it, then shown', async () => {
    const event = invoiceEvent();
    const response = await post<{ event: Result }>(event);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body.event, {
      index: 0,
      id: event.id,
      type: 'invoice.created',
      status: 'accepted',
    });
    await shown(event.data.id);
  });

  test('one invalid event is a 422 with the reason', async () => {
    const response = await post(invoiceEvent({}, { total_amount_cents: 'a lot' }));
    assert.equal(response.status, 422);
    assert.equal(response.body.code, 'validation_errors');
    assert.match(String(response.body.message), /invalid_payload: data\.total_amount_cents/);
  });

  test('a batch with one invalid event: per-event results, the valid ones stored', async () => {
    const good = invoiceEvent();
    const bad = invoiceEvent(
      {},
      { fees: [{ description: 'x', units: 1, unit_amount_cents: 0.5, amount_cents: 1 }] },
    );
    const customer = apiEvent(
      CustomerUpdated,
      customerUpserted({
        external_id: `cus_${randomUUID().slice(0, 8)}`,
        name: 'Jane Doe',
        billing_configuration: { document_locale: 'fr' },
        updated_at: '2026-11-25T09:59:58Z',
      }),
    );
    const internal = { ...invoiceEvent(), type: 'portico.organization.changed' };
    const response = await post<{ events: Result[]; meta: { accepted: number; rejected: number } }>(
      {
        events: [good, bad, customer, internal],
      },
    );
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body.meta, { accepted: 2, rejected: 2 });
    const [first, second, third, fourth] = response.body.events;
    assert.equal(first!.status, 'accepted');
    assert.equal(second!.status, 'rejected');
    assert.equal(second!.id, bad.id);
    assert.match(second!.reason!, /^invalid_payload: data\.fees\.0\.unit_amount_cents/);
    assert.equal(third!.status, 'accepted');
    assert.equal(fourth!.status, 'rejected');
    assert.match(fourth!.reason!, /^unhandled_type/);
    await shown(good.data.id);
    await waitFor('the customer', async () => {
      const r = await stack.request('GET', `/api/v1/customers/${customer.data.external_id}`, {
        token: acme.apiKey,
      });
      return r.status === 200;
    });
    await sentinel();
    assert.equal((await invoice(bad.data.id)).status, 404);
  });

  test('an API key publishes only into its own organization', async () => {
    const intoGlobex = invoiceEvent({ organization_id: globex.id });
    const response = await post(intoGlobex);
    assert.equal(response.status, 422);
    assert.match(String(response.body.message), /organization_id/);
    const batch = await post<{ events: Result[] }>({
      events: [invoiceEvent({ organization_id: globex.id })],
    });
    assert.equal(batch.body.events[0]!.status, 'rejected');
    // Without organization_id the key's organization is used, and only that one.
    const mine = invoiceEvent();
    await post(mine);
    await shown(mine.data.id);
    await sentinel(globex.apiKey);
    assert.equal((await invoice(mine.data.id, globex.apiKey)).status, 404);
    for (const key of [acme.apiKey, globex.apiKey]) {
      assert.equal((await invoice(intoGlobex.data.id, key)).status, 404);
    }
  });

  test('limits and authentication', async () => {
    const tooMany = await post({ events: Array.from({ length: 101 }, () => invoiceEvent()) });
    assert.equal(tooMany.status, 422);
    const empty = await post({ events: [] });
    assert.equal(empty.status, 422);
    const noKey = await stack.request('POST', '/api/v1/events', { body: invoiceEvent() });
    assert.equal(noKey.status, 401);
    const notJson = await stack.request('POST', '/api/v1/events', {
      token: acme.apiKey,
      raw: '{"id":',
    });
    assert.equal(notJson.status, 400);
  });
});

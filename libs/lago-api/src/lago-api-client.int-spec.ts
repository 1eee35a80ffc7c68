import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { AllowList, OutboundGuard } from '@portico/outbound';
import { FakeLagoApi } from '@portico/testing';
import assert from 'node:assert/strict';
import { callLago, lagoClientFor } from './lago-api-client';
import { LagoApiError } from './lago-api-error';

describe("Lago's client through the outbound guard", () => {
  let lago: FakeLagoApi;
  const guard = new OutboundGuard({ allowHttp: true, allowList: AllowList.parse('127.0.0.1') });
  beforeAll(async () => {
    lago = await FakeLagoApi.start();
  });
  afterAll(async () => {
    guard.close();
    await lago.close();
  });

  const client = (timeoutMs = 2_000) =>
    lagoClientFor({ api_url: lago.apiUrl, api_key: 'lago-key-1234' }, guard, { timeoutMs });

  test('a call reaches {api_url}/api/v1 with the bearer key and its JSON body', async () => {
    lago.on('POST', /^\/api\/v1\/customers$/, (request) => ({
      status: 200,
      body: {
        customer: {
          external_id: (request.body as { customer: { external_id: string } }).customer.external_id,
        },
      },
    }));
    const answer = await callLago('update customer', () =>
      client().customers.createCustomer({ customer: { external_id: 'cus-1', city: 'Lyon' } }),
    );
    assert.equal(answer.customer.external_id, 'cus-1');
    const [sent] = lago.requestsTo('POST', /^\/api\/v1\/customers$/);
    assert.equal(sent?.headers.authorization, 'Bearer lago-key-1234');
    assert.deepEqual(sent?.body, { customer: { external_id: 'cus-1', city: 'Lyon' } });
  });

  test('a 5xx is retryable, a 422 is not and carries what Lago said', async () => {
    lago.on('GET', /^\/api\/v1\/customers\/down$/, () => ({ status: 503 }));
    lago.on('GET', /^\/api\/v1\/customers\/bad$/, () => ({
      status: 422,
      body: { code: 'validation_errors', error_details: { country: ['not_a_country'] } },
    }));
    const down = await callLago('find', () => client().customers.findCustomer('down')).catch(
      (e: unknown) => e,
    );
    assert.ok(down instanceof LagoApiError);
    assert.equal(down.status, 503);
    assert.equal(down.retryable, true);
    const bad = await callLago('find', () => client().customers.findCustomer('bad')).catch(
      (e: unknown) => e,
    );
    assert.ok(bad instanceof LagoApiError);
    assert.equal(bad.retryable, false);
    assert.deepEqual(bad.body, {
      code: 'validation_errors',
      error_details: { country: ['not_a_country'] },
    });
  });

  test('a Lago that hangs costs the time budget, then a retryable error', async () => {
    lago.on('GET', /^\/api\/v1\/customers\/slow$/, () => 'hang');
    const started = Date.now();
    const slow = await callLago('find', () => client(300).customers.findCustomer('slow')).catch(
      (e: unknown) => e,
    );
    assert.ok(slow instanceof LagoApiError);
    assert.equal(slow.retryable, true);
    assert.ok(Date.now() - started < 2_000, 'the budget bounds the wait');
  });

  test('a Lago URL on a private address is refused unless allow-listed, and not retried', async () => {
    const strict = new OutboundGuard({ allowHttp: true });
    const refused = await callLago('find', () =>
      lagoClientFor(
        { api_url: lago.apiUrl, api_key: 'lago-key-1234' },
        strict,
      ).customers.findCustomer('cus-1'),
    ).catch((e: unknown) => e);
    strict.close();
    assert.ok(refused instanceof LagoApiError);
    assert.equal(refused.retryable, false);
    assert.match(refused.message, /OUTBOUND_ALLOWED_HOSTS/);
    assert.equal(lago.requestsTo('GET', /\/customers\/cus-1$/).length, 0);
  });
});

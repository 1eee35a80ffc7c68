import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { AllowList } from '@portico/outbound';
import { FakeLagoApi } from '@portico/testing';
import assert from 'node:assert/strict';
import { callLago } from './lago-api-client';
import { LagoApiClients, type LagoApiClientsOptions } from './lago-api-clients';
import { LagoApiError } from './lago-api-error';

describe('LagoApiClients', () => {
  let lago: FakeLagoApi;
  const opened: LagoApiClients[] = [];
  const clients = (options: Partial<LagoApiClientsOptions> = {}) => {
    const made = new LagoApiClients({
      timeoutMs: 2_000,
      allowList: AllowList.parse('127.0.0.1'),
      allowHttp: true,
      ...options,
    });
    opened.push(made);
    return made;
  };
  const access = () => ({ api_url: lago.apiUrl, api_key: 'lago-key-1234' });

  beforeAll(async () => {
    lago = await FakeLagoApi.start();
    lago.on('GET', /^\/api\/v1\/customers\/cus-1$/, () => ({
      status: 200,
      body: { customer: { external_id: 'cus-1' } },
    }));
    lago.on('GET', /^\/api\/v1\/customers\/slow$/, () => 'hang');
  });
  afterAll(async () => {
    for (const made of opened) made.onApplicationShutdown();
    await lago.close();
  });

  test("a client reaches the organization's Lago with its key", async () => {
    const answer = await callLago('find', () =>
      clients().for(access()).customers.findCustomer('cus-1'),
    );
    assert.equal(answer.customer.external_id, 'cus-1');
    const [sent] = lago.requestsTo('GET', /\/customers\/cus-1$/);
    assert.equal(sent?.headers.authorization, 'Bearer lago-key-1234');
  });

  test('plain http is refused unless allowed, and not retried', async () => {
    const before = lago.requestsTo('GET', /\/customers\/cus-1$/).length;
    const refused = await callLago('find', () =>
      clients({ allowHttp: false }).for(access()).customers.findCustomer('cus-1'),
    ).catch((e: unknown) => e);
    assert.ok(refused instanceof LagoApiError);
    assert.equal(refused.retryable, false);
    assert.equal(lago.requestsTo('GET', /\/customers\/cus-1$/).length, before);
  });

  test('each call is bounded by the time budget', async () => {
    const started = Date.now();
    const slow = await callLago('find', () =>
      clients({ timeoutMs: 300 }).for(access()).customers.findCustomer('slow'),
    ).catch((e: unknown) => e);
    assert.ok(slow instanceof LagoApiError);
    assert.equal(slow.retryable, true);
    assert.ok(Date.now() - started < 2_000, 'the budget bounds the wait');
  });
});

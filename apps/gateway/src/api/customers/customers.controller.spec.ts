import { afterAll, beforeAll, describe, test } from '@jest/globals';
import {
  DomainError,
  ErrorCode,
  GetCustomer,
  ListCustomers,
  UpsertCustomer,
  buildCustomerView,
  type CustomerView,
} from '@portico/contracts';
import assert from 'node:assert/strict';
import {
  answerApiKeys,
  startInProcessGateway,
  type InProcessGateway,
} from '../../../test/in-process-gateway';

const KEY = 'key_customers_acme';
const stored = (externalId: string): CustomerView =>
  buildCustomerView({
    id: 'cus_1',
    external_id: externalId,
    name: 'Jane',
    email: null,
    currency: 'EUR',
    document_locale: 'fr',
    created_at: '2026-11-01T00:00:00.000Z',
    updated_at: '2026-11-01T00:00:00.000Z',
  });

describe('/api/v1/customers (in process)', () => {
  let gateway: InProcessGateway;
  beforeAll(async () => {
    gateway = await startInProcessGateway();
    answerApiKeys(gateway.rpc, { [KEY]: 'org_acme' });
  });
  afterAll(async () => gateway.close());

  test('POST: the organization comes from the API key, never from the body', async () => {
    gateway.rpc.answer(UpsertCustomer, ({ customer }) => ({
      customer: stored(customer.external_id),
      created: true,
    }));
    const response = await gateway.api('POST', '/api/v1/customers', {
      key: KEY,
      body: { customer: { external_id: 'jane', organization_id: 'org_other' } },
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json<{ customer: CustomerView }>().customer.external_id, 'jane');
    const [call] = gateway.rpc.callsTo(UpsertCustomer) as { organization_id: string }[];
    assert.equal(call?.organization_id, 'org_acme');
  });

  test('POST with an invalid body: 422 naming each field, nothing sent to a service', async () => {
    const before = gateway.rpc.callsTo(UpsertCustomer).length;
    const response = await gateway.api('POST', '/api/v1/customers', {
      key: KEY,
      body: { customer: { email: 'not-an-email', currency: 'euros' } },
    });
    assert.equal(response.statusCode, 422);
    const body = response.json<{ code: string; error_details: Record<string, string[]> }>();
    assert.equal(body.code, 'validation_errors');
    for (const field of ['customer.external_id', 'customer.email', 'customer.currency'])
      assert.ok(body.error_details[field]?.length, `${field} in ${JSON.stringify(body)}`);
    assert.equal(gateway.rpc.callsTo(UpsertCustomer).length, before);
  });

  test('POST with a body that is not JSON: 400 in the API error shape', async () => {
    const broken = await gateway.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      payload: '{"customer":',
    });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json<{ status: number }>().status, 400);
  });

  test('GET an unknown customer: 404 customer_not_found with the service message', async () => {
    gateway.rpc.answer(GetCustomer, ({ external_id }) => {
      throw new DomainError(ErrorCode.CustomerNotFound, `customer ${external_id} not found`);
    });
    const response = await gateway.api('GET', '/api/v1/customers/nobody', { key: KEY });
    assert.equal(response.statusCode, 404);
    assert.deepEqual(response.json(), {
      status: 404,
      error: 'Not Found',
      code: 'customer_not_found',
      message: 'customer nobody not found',
    });
  });

  test('GET a page larger than allowed: 422 before any service is asked', async () => {
    const before = gateway.rpc.callsTo(ListCustomers).length;
    const response = await gateway.api('GET', '/api/v1/customers?per_page=1000', { key: KEY });
    assert.equal(response.statusCode, 422);
    assert.equal(gateway.rpc.callsTo(ListCustomers).length, before);
  });

  test('customer-service away: 503 service_unavailable, JSON with the strict CSP', async () => {
    gateway.rpc.answer(ListCustomers, () => {
      throw new DomainError(ErrorCode.ServiceTimeout, 'customer-service did not answer in time');
    });
    const response = await gateway.api('GET', '/api/v1/customers', { key: KEY });
    assert.equal(response.statusCode, 503);
    assert.equal(response.json<{ code: string }>().code, 'service_timeout');
    assert.equal(
      response.headers['content-security-policy'],
      "default-src 'none'; frame-ancestors 'none'",
    );
  });

  test('an unknown API key: 401; no key at all: 401 saying what is missing', async () => {
    const unknown = await gateway.api('GET', '/api/v1/customers', { key: 'key_nobody' });
    assert.equal(unknown.statusCode, 401);
    const missing = await gateway.api('GET', '/api/v1/customers');
    assert.equal(missing.statusCode, 401);
    assert.match(missing.json<{ message: string }>().message, /Authorization: Bearer/);
  });
});

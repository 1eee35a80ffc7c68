import { afterAll, beforeAll, describe, test } from '@jest/globals';
import {
  CreateWebhookEndpoint,
  DomainError,
  ErrorCode,
  GetWebhookEndpoint,
  ListWebhookDeliveries,
  RotateWebhookSecret,
  UpdateWebhookEndpoint,
} from '@portico/contracts';
import assert from 'node:assert/strict';
import { startInProcessGateway, type InProcessGateway } from '../../test/in-process-gateway';

const ADMIN_TOKEN = 'an-admin-token-for-webhook-endpoints';
const BASE = '/admin/v1/organizations/acme/webhook-endpoints';
const endpoint = {
  id: 'we_1',
  url: 'https://hooks.acme.example/portico',
  description: null,
  event_types: null,
  enabled: true,
  disabled_reason: null,
  disabled_at: null,
  failing_since: null,
  secret_hint: 'whsec_ab12…',
  previous_secret_expires_at: null,
  created_at: '2026-12-01T00:00:00.000Z',
  updated_at: '2026-12-01T00:00:00.000Z',
};

describe('/admin/v1/organizations/:id/webhook-endpoints (in process)', () => {
  let gateway: InProcessGateway;
  beforeAll(async () => {
    gateway = await startInProcessGateway({ PORTICO_ADMIN_TOKEN: ADMIN_TOKEN });
    gateway.rpc
      .answer(CreateWebhookEndpoint, () => ({ webhook_endpoint: endpoint, secret: 'whsec_new' }))
      .answer(UpdateWebhookEndpoint, () => ({ webhook_endpoint: endpoint }))
      .answer(RotateWebhookSecret, () => ({ webhook_endpoint: endpoint, secret: 'whsec_next' }))
      .answer(ListWebhookDeliveries, () => ({ deliveries: [] }))
      .answer(GetWebhookEndpoint, ({ endpoint_id }) => {
        if (endpoint_id !== endpoint.id) {
          throw new DomainError(ErrorCode.NotFound, `no webhook endpoint "${endpoint_id}"`);
        }
        return { webhook_endpoint: endpoint };
      });
  });
  afterAll(async () => gateway.close());

  test('a new endpoint answers 201 with its secret, for the organization in the path', async () => {
    const response = await gateway.api('POST', BASE, {
      key: ADMIN_TOKEN,
      body: { url: endpoint.url },
    });
    assert.equal(response.statusCode, 201);
    assert.equal(response.json<{ secret: string }>().secret, 'whsec_new');
    const call = gateway.rpc.callsTo(CreateWebhookEndpoint).at(-1) as { organization_id: string };
    assert.equal(call.organization_id, 'acme');
  });

  test('an endpoint without a URL: 422, nothing created', async () => {
    const before = gateway.rpc.callsTo(CreateWebhookEndpoint).length;
    const response = await gateway.api('POST', BASE, { key: ADMIN_TOKEN, body: {} });
    assert.equal(response.statusCode, 422);
    assert.equal(gateway.rpc.callsTo(CreateWebhookEndpoint).length, before);
  });

  test('an unknown endpoint: 404', async () => {
    const response = await gateway.api('GET', `${BASE}/we_missing`, { key: ADMIN_TOKEN });
    assert.equal(response.statusCode, 404);
  });

  test('a rotation passes the overlap; a negative one is refused with 422', async () => {
    const ok = await gateway.api('POST', `${BASE}/we_1/rotate-secret`, {
      key: ADMIN_TOKEN,
      body: { overlap_seconds: 3600 },
    });
    assert.equal(ok.statusCode, 200);
    const call = gateway.rpc.callsTo(RotateWebhookSecret).at(-1) as { overlap_seconds: number };
    assert.equal(call.overlap_seconds, 3600);
    const refused = await gateway.api('POST', `${BASE}/we_1/rotate-secret`, {
      key: ADMIN_TOKEN,
      body: { overlap_seconds: -1 },
    });
    assert.equal(refused.statusCode, 422);
  });

  test('the delivery log defaults to 20 and refuses a limit over 100', async () => {
    const ok = await gateway.api('GET', `${BASE}/we_1/deliveries`, { key: ADMIN_TOKEN });
    assert.equal(ok.statusCode, 200);
    const call = gateway.rpc.callsTo(ListWebhookDeliveries).at(-1) as { limit: number };
    assert.equal(call.limit, 20);
    const refused = await gateway.api('GET', `${BASE}/we_1/deliveries?limit=1000`, {
      key: ADMIN_TOKEN,
    });
    assert.equal(refused.statusCode, 422);
  });

  test('without the admin token: 401, no service asked', async () => {
    const before = gateway.rpc.calls.length;
    const response = await gateway.api('PUT', `${BASE}/we_1`, { body: { enabled: false } });
    assert.equal(response.statusCode, 401);
    assert.equal(gateway.rpc.calls.length, before);
  });
});

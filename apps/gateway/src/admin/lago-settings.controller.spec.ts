import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { GetLagoSettings, UpdateLagoSettings } from '@portico/contracts';
import assert from 'node:assert/strict';
import { startInProcessGateway, type InProcessGateway } from '../../test/in-process-gateway';

const ADMIN_TOKEN = 'an-admin-token-for-the-lago-settings';
const PUBLIC_URL = 'https://portal.example.com';
const view = {
  hmac_key_set: true,
  api_key_set: false,
  rsa_public_key: null,
  api_url: 'https://api.getlago.com',
  updated_at: null,
};

describe('/admin/v1/organizations/:id/lago (in process)', () => {
  let gateway: InProcessGateway;
  beforeAll(async () => {
    gateway = await startInProcessGateway({ PORTICO_ADMIN_TOKEN: ADMIN_TOKEN, PUBLIC_URL });
    gateway.rpc.answer(GetLagoSettings, () => ({ lago: view }));
    gateway.rpc.answer(UpdateLagoSettings, () => ({ lago: view }));
  });
  afterAll(async () => gateway.close());

  test('the settings with the webhook URL to give Lago; never the HMAC key', async () => {
    const response = await gateway.api('GET', '/admin/v1/organizations/acme/lago', {
      key: ADMIN_TOKEN,
    });
    assert.equal(response.statusCode, 200);
    const { lago } = response.json<{ lago: Record<string, unknown> }>();
    assert.equal(lago.webhook_url, `${PUBLIC_URL}/webhooks/lago/acme`);
    assert.equal(lago.hmac_key_set, true);
    assert.ok(!('hmac_key' in lago));
  });

  test('a too-short HMAC key or a non-http API URL: 422, nothing stored', async () => {
    const response = await gateway.api('PUT', '/admin/v1/organizations/acme/lago', {
      key: ADMIN_TOKEN,
      body: { hmac_key: 'short', api_url: 'ftp://lago.example.com' },
    });
    assert.equal(response.statusCode, 422);
    const details = response.json<{ error_details: Record<string, string[]> }>().error_details;
    assert.ok(details.hmac_key && details.api_url, JSON.stringify(details));
    assert.equal(gateway.rpc.callsTo(UpdateLagoSettings).length, 0);
  });

  test('an API URL loses its trailing slash before it is stored', async () => {
    const response = await gateway.api('PUT', '/admin/v1/organizations/acme/lago', {
      key: ADMIN_TOKEN,
      body: { api_url: 'https://lago.example.com///' },
    });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(gateway.rpc.callsTo(UpdateLagoSettings).at(-1), {
      organization_id: 'acme',
      changes: { api_url: 'https://lago.example.com' },
    });
  });

  test('without the admin token: 401', async () => {
    const response = await gateway.api('GET', '/admin/v1/organizations/acme/lago');
    assert.equal(response.statusCode, 401);
  });
});

import { afterAll, beforeAll, describe, test } from '@jest/globals';
import {
  GetOrganization,
  UpdateOrganization,
  applyPortalSettings,
  type OrganizationView,
  type PortalSettings,
} from '@portico/contracts';
import assert from 'node:assert/strict';
import { startInProcessGateway, type InProcessGateway } from '../../test/in-process-gateway';

const ADMIN_TOKEN = 'an-admin-token-for-the-portal-settings';
const URL = '/admin/v1/organizations/acme/portal-settings';

/** customer-service as far as these settings go: one organization, its settings merged as stored. */
function answerLikeCustomerService(gateway: InProcessGateway) {
  let stored: PortalSettings | undefined;
  const view = (): OrganizationView => ({
    id: 'acme',
    name: 'Acme',
    display_name: null,
    default_document_locale: 'en',
    embed_origins: [],
    brand_color: null,
    logo_url: null,
    ...(stored && { portal_settings: stored }),
    api_keys: [],
    created_at: '2026-11-01T00:00:00.000Z',
    updated_at: '2026-11-01T00:00:00.000Z',
  });
  gateway.rpc.answer(GetOrganization, () => ({ organization: view() }));
  gateway.rpc.answer(UpdateOrganization, ({ changes }) => {
    if (changes.portal_settings) stored = applyPortalSettings(stored, changes.portal_settings);
    return { organization: view() };
  });
}

describe('/admin/v1/organizations/:id/portal-settings (in process)', () => {
  let gateway: InProcessGateway;
  const admin = (method: 'GET' | 'PUT' | 'PATCH', body?: unknown, key = ADMIN_TOKEN) =>
    gateway.api(method, URL, { key, body });
  beforeAll(async () => {
    gateway = await startInProcessGateway({ PORTICO_ADMIN_TOKEN: ADMIN_TOKEN });
    answerLikeCustomerService(gateway);
  });
  afterAll(async () => gateway.close());

  test('an organization that never set them: nothing editable, top-up off', async () => {
    const response = await admin('GET');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      portal_settings: { editable_customer_fields: [], wallet_top_up: false },
    });
  });

  test('PUT replaces: fields stored once each, in the contract order; an omitted key resets', async () => {
    const put = await admin('PUT', {
      editable_customer_fields: ['country', 'email', 'address_line1', 'email'],
      wallet_top_up: true,
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json<{ portal_settings: PortalSettings }>().portal_settings, {
      editable_customer_fields: ['email', 'address_line1', 'country'],
      wallet_top_up: true,
    });
    const reset = await admin('PUT', { editable_customer_fields: ['city'] });
    assert.deepEqual(reset.json<{ portal_settings: PortalSettings }>().portal_settings, {
      editable_customer_fields: ['city'],
      wallet_top_up: false,
    });
  });

  test('PATCH keeps what it does not name', async () => {
    await admin('PUT', { editable_customer_fields: ['name', 'legal_name'], wallet_top_up: false });
    const patched = await admin('PATCH', { wallet_top_up: true });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.deepEqual(patched.json<{ portal_settings: PortalSettings }>().portal_settings, {
      editable_customer_fields: ['name', 'legal_name'],
      wallet_top_up: true,
    });
    assert.deepEqual(
      (await admin('GET')).json<{ portal_settings: PortalSettings }>().portal_settings,
      {
        editable_customer_fields: ['name', 'legal_name'],
        wallet_top_up: true,
      },
    );
  });

  test('a field customers may not edit, or a non-boolean top-up: 422, nothing stored', async () => {
    const before = gateway.rpc.callsTo(UpdateOrganization).length;
    const response = await admin('PUT', {
      editable_customer_fields: ['email', 'currency'],
      wallet_top_up: 'yes',
    });
    assert.equal(response.statusCode, 422);
    const details = response.json<{ error_details: Record<string, string[]> }>().error_details;
    assert.ok(
      Object.keys(details).some((k) => k.startsWith('editable_customer_fields')),
      JSON.stringify(details),
    );
    assert.ok(details.wallet_top_up, JSON.stringify(details));
    assert.equal(gateway.rpc.callsTo(UpdateOrganization).length, before);
  });

  test('without the admin token: 401', async () => {
    for (const method of ['GET', 'PUT', 'PATCH'] as const) {
      const response = await admin(method, method === 'GET' ? undefined : {}, 'not-the-token');
      assert.equal(response.statusCode, 401, method);
    }
  });
});

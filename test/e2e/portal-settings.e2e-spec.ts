import { ConsoleClient, PorticoStack } from '@portico/testing';
import type { OrganizationView, PortalSettings } from '@portico/contracts';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

const PASSWORD = 'a long enough password for the portal settings';

describe('portal settings: admin API and console form, stored by customer-service', () => {
  let stack: PorticoStack;
  let acme: { id: string; apiKey: string };
  const path = () => `/admin/v1/organizations/${acme.id}/portal-settings`;

  beforeAll(async () => {
    stack = await PorticoStack.start({}, { console: true });
    acme = await stack.createOrganization({ name: 'Acme' });
  });
  afterAll(async () => stack?.stop());

  test('a new organization: nothing editable, top-up off; PUT replaces, PATCH keeps the rest', async () => {
    const initial = await stack.admin<{ portal_settings: PortalSettings }>('GET', path());
    assert.equal(initial.status, 200);
    assert.deepEqual(initial.body.portal_settings, {
      editable_customer_fields: [],
      wallet_top_up: false,
    });

    const put = await stack.admin<{ portal_settings: PortalSettings }>('PUT', path(), {
      editable_customer_fields: ['country', 'address_line1', 'email'],
    });
    assert.equal(put.status, 200);
    assert.deepEqual(put.body.portal_settings.editable_customer_fields, [
      'email',
      'address_line1',
      'country',
    ]);

    const patched = await stack.admin<{ portal_settings: PortalSettings }>('PATCH', path(), {
      wallet_top_up: true,
    });
    assert.equal(patched.status, 200);
    const org = await stack.admin<{ organization: OrganizationView }>(
      'GET',
      `/admin/v1/organizations/${acme.id}`,
    );
    assert.deepEqual(org.body.organization.portal_settings, {
      editable_customer_fields: ['email', 'address_line1', 'country'],
      wallet_top_up: true,
    });

    const refused = await stack.admin('PATCH', path(), { editable_customer_fields: ['currency'] });
    assert.equal(refused.status, 422);
    const unknown = await stack.admin('GET', '/admin/v1/organizations/org-nope/portal-settings');
    assert.equal(unknown.status, 404);
  });

  test('the console settings page shows them as checkboxes and saves what is ticked', async () => {
    const email = `admin-${randomBytes(4).toString('hex')}@example.com`;
    const { setPasswordUrl } = await stack.inviteOperator(acme.id, email, 'admin');
    const client = new ConsoleClient(stack.consoleUrl);
    assert.equal((await client.setPassword(setPasswordUrl, PASSWORD)).status, 303);
    assert.equal((await client.login(email, PASSWORD)).status, 303);

    const page = await client.get('/settings');
    assert.equal(page.status, 200);
    assert.match(page.text, /name="editable_customer_fields" value="email"[^>]*checked/);
    assert.doesNotMatch(page.text, /name="editable_customer_fields" value="city"[^>]*checked/);

    const saved = await client.post('/settings/portal', {
      editable_customer_fields: ['city', 'zipcode'],
    });
    assert.equal(saved.status, 303);
    const stored = await stack.admin<{ portal_settings: PortalSettings }>('GET', path());
    assert.deepEqual(stored.body.portal_settings, {
      editable_customer_fields: ['city', 'zipcode'],
      wallet_top_up: false,
    });

    // Read-your-writes: the settings page right after a save shows what was saved.
    const after = await client.get('/settings');
    assert.match(after.text, /name="editable_customer_fields" value="city"[^>]*checked/);
    assert.doesNotMatch(after.text, /name="editable_customer_fields" value="email"[^>]*checked/);
    const forged = await client.post('/settings/portal', { editable_customer_fields: 'password' });
    assert.equal(forged.status, 422);
    const withoutToken = await client.post(
      '/settings/portal',
      { wallet_top_up: 'yes' },
      { csrf: null },
    );
    assert.equal(withoutToken.status, 403);
    const unchanged = await stack.admin<{ portal_settings: PortalSettings }>('GET', path());
    assert.deepEqual(unchanged.body.portal_settings, stored.body.portal_settings);
  });
});

import { PorticoStack } from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

interface OrganizationBody {
  organization: {
    id: string;
    name: string;
    display_name: string | null;
    default_document_locale: string;
    embed_origins: string[];
    brand_color: string | null;
    api_keys: { id: string; prefix: string }[];
  };
  api_key: string;
}

describe('admin API: organizations and API keys', () => {
  let stack: PorticoStack;
  beforeAll(async () => (stack = await PorticoStack.start()));
  afterAll(async () => stack?.stop());

  test('no admin token, or a wrong one, is 401 in the API error shape', async () => {
    const missing = await stack.request('GET', '/admin/v1/organizations');
    assert.equal(missing.status, 401);
    assert.deepEqual(
      { status: missing.body.status, error: missing.body.error, code: missing.body.code },
      { status: 401, error: 'Unauthorized', code: 'unauthorized' },
    );
    const wrong = await stack.request('GET', '/admin/v1/organizations', {
      token: 'not-the-admin-token',
    });
    assert.equal(wrong.status, 401);
    const organization = await stack.createOrganization();
    const apiKeyIsNotAdmin = await stack.request('GET', '/admin/v1/organizations', {
      token: organization.apiKey,
    });
    assert.equal(apiKeyIsNotAdmin.status, 401, 'an organization API key is not an admin token');
  });

  test('creating an organization shows its API key once; reading it never does', async () => {
    const created = await stack.admin<OrganizationBody>('POST', '/admin/v1/organizations', {
      name: 'Acme',
      display_name: 'Acme Cloud',
      default_document_locale: 'FR',
      embed_origins: ['https://app.acme.example', 'http://localhost:4000/'],
      brand_color: '#1a2b3c',
      logo_url: 'https://cdn.acme.example/logo.png',
    });
    assert.equal(created.status, 201);
    assert.match(created.body.api_key, /^ptk_[A-Za-z0-9_-]{43}$/);
    const { organization } = created.body;
    assert.equal(organization.default_document_locale, 'fr', 'locale normalized');
    assert.deepEqual(organization.embed_origins, [
      'https://app.acme.example',
      'http://localhost:4000',
    ]);
    assert.equal(organization.api_keys.length, 1);
    assert.ok(created.body.api_key.startsWith(organization.api_keys[0]!.prefix));

    const read = await stack.admin<{ organization: Record<string, unknown> }>(
      'GET',
      `/admin/v1/organizations/${organization.id}`,
    );
    assert.equal(read.status, 200);
    const serialized = JSON.stringify(read.body);
    assert.ok(!serialized.includes(created.body.api_key), 'the key is never shown again');
    assert.ok(!/sha256/i.test(serialized), 'nor its hash');
  });

  test('a chosen id is kept, and taking it twice is a 409', async () => {
    const first = await stack.admin<OrganizationBody>('POST', '/admin/v1/organizations', {
      id: 'acme-eu',
      name: 'Acme EU',
    });
    assert.equal(first.status, 201);
    assert.equal(first.body.organization.id, 'acme-eu');
    const second = await stack.admin('POST', '/admin/v1/organizations', {
      id: 'acme-eu',
      name: 'Another',
    });
    assert.equal(second.status, 409);
    assert.equal(second.body.code, 'organization_already_exists');
  });

  test('every invalid field is named in a 422', async () => {
    const response = await stack.admin<{ code: string; error_details: Record<string, string[]> }>(
      'POST',
      '/admin/v1/organizations',
      {
        id: 'Bad Id!',
        name: '',
        default_document_locale: 'xx',
        embed_origins: ['https://app.example.com/path', 'http://evil.example'],
        brand_color: 'red',
        logo_url: 'javascript:alert(1)',
      },
    );
    assert.equal(response.status, 422);
    assert.equal(response.body.code, 'validation_errors');
    assert.deepEqual(Object.keys(response.body.error_details).sort(), [
      'brand_color',
      'default_document_locale',
      'embed_origins.0',
      'embed_origins.1',
      'id',
      'logo_url',
      'name',
    ]);
    // Lago's codes per field; the readable reason is in the message.
    assert.deepEqual(response.body.error_details.default_document_locale, ['value_is_invalid']);
    assert.match(
      (response.body as unknown as { message: string }).message,
      /default_document_locale: must be one of: en, fr, .*ar/,
    );
  });

  test('settings update: omitted fields keep their value, null clears one', async () => {
    const { id } = await stack.createOrganization({
      display_name: 'Shown',
      brand_color: '#000000',
    });
    const updated = await stack.admin<OrganizationBody>('PUT', `/admin/v1/organizations/${id}`, {
      brand_color: null,
      default_document_locale: 'de',
    });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.organization.display_name, 'Shown');
    assert.equal(updated.body.organization.brand_color, null);
    assert.equal(updated.body.organization.default_document_locale, 'de');
    const invalid = await stack.admin('PUT', `/admin/v1/organizations/${id}`, {
      embed_origins: ['ftp://x'],
    });
    assert.equal(invalid.status, 422);
  });

  test('an unknown organization is a 404 naming what was not found', async () => {
    const response = await stack.admin('GET', '/admin/v1/organizations/org_nope');
    assert.equal(response.status, 404);
    assert.equal(response.body.code, 'organization_not_found');
    const update = await stack.admin('PUT', '/admin/v1/organizations/org_nope', { name: 'x' });
    assert.equal(update.status, 404);
  });

  test('rotating a key: the new one works, the revoked one stops at once', async () => {
    const { id, apiKey: oldKey } = await stack.createOrganization();
    assert.equal((await stack.request('GET', '/api/v1/locales', { token: oldKey })).status, 200);

    const issued = await stack.admin<{ api_key: { id: string }; key: string }>(
      'POST',
      `/admin/v1/organizations/${id}/api_keys`,
    );
    assert.equal(issued.status, 201);
    const newKey = issued.body.key;
    assert.equal((await stack.request('GET', '/api/v1/locales', { token: newKey })).status, 200);

    const { body } = await stack.admin<OrganizationBody>('GET', `/admin/v1/organizations/${id}`);
    assert.equal(body.organization.api_keys.length, 2);
    const oldKeyId = body.organization.api_keys.find((k) => oldKey.startsWith(k.prefix))!.id;
    const revoked = await stack.admin(
      'DELETE',
      `/admin/v1/organizations/${id}/api_keys/${oldKeyId}`,
    );
    assert.equal(revoked.status, 200);

    const withOld = await stack.request('GET', '/api/v1/locales', { token: oldKey });
    assert.equal(withOld.status, 401, 'the revoked key is refused immediately, cache or not');
    assert.equal((await stack.request('GET', '/api/v1/locales', { token: newKey })).status, 200);

    const again = await stack.admin('DELETE', `/admin/v1/organizations/${id}/api_keys/${oldKeyId}`);
    assert.equal(again.status, 404);
    assert.equal(again.body.code, 'api_key_not_found');
  });

  test('a key cannot be revoked through another organization', async () => {
    const a = await stack.createOrganization();
    const b = await stack.createOrganization();
    const { body } = await stack.admin<OrganizationBody>('GET', `/admin/v1/organizations/${a.id}`);
    const keyOfA = body.organization.api_keys[0]!.id;
    const response = await stack.admin(
      'DELETE',
      `/admin/v1/organizations/${b.id}/api_keys/${keyOfA}`,
    );
    assert.equal(response.status, 404);
    assert.equal((await stack.request('GET', '/api/v1/locales', { token: a.apiKey })).status, 200);
  });

  test('organizations are listed newest first with Lago-style pagination', async () => {
    const response = await stack.admin<{
      organizations: { id: string }[];
      meta: Record<string, number | null>;
    }>('GET', '/admin/v1/organizations?per_page=2');
    assert.equal(response.status, 200);
    assert.equal(response.body.organizations.length, 2);
    assert.equal(response.body.meta.current_page, 1);
    assert.equal(response.body.meta.next_page, 2);
    assert.ok((response.body.meta.total_count as number) >= 4);
  });
});

import { PorticoStack, waitFor } from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

/**
 * Two gateways behind an imaginary load balancer. Each caches API keys and portal-session
 * generations; a change made through one must take effect on the other within moments (they hear
 * it over RabbitMQ), not after the 30–60 s the cache entries would otherwise live.
 */
describe('two gateways', () => {
  let stack: PorticoStack;
  let other: string;
  beforeAll(async () => {
    stack = await PorticoStack.start();
    other = await stack.startExtraGateway();
  });
  afterAll(async () => stack?.stop());

  const viaOther = (path: string, key: string, method = 'GET') =>
    fetch(`${other}${path}`, { method, headers: { authorization: `Bearer ${key}` } });

  test('a key revoked through one gateway is refused by the other at once', async () => {
    const { id, apiKey } = await stack.createOrganization();
    assert.equal(
      (await viaOther('/api/v1/locales', apiKey)).status,
      200,
      'cached on the other gateway',
    );
    const { body } = await stack.admin<{ organization: { api_keys: { id: string }[] } }>(
      'GET',
      `/admin/v1/organizations/${id}`,
    );
    await stack.admin(
      'DELETE',
      `/admin/v1/organizations/${id}/api_keys/${body.organization.api_keys[0]!.id}`,
    );
    const started = Date.now();
    await waitFor(
      'the other gateway to refuse the key',
      async () => (await viaOther('/api/v1/locales', apiKey)).status === 401,
      {
        timeoutMs: 3_000,
        intervalMs: 20,
      },
    );
    assert.ok(Date.now() - started < 3_000);
  });

  test('sessions revoked through one gateway: the other mints URLs of the new generation', async () => {
    const { apiKey } = await stack.createOrganization();
    await stack.request('POST', '/api/v1/customers', {
      token: apiKey,
      body: { customer: { external_id: 'c1' } },
    });
    const mint = async () => {
      const response = await viaOther('/api/v1/customers/c1/portal_url', apiKey);
      const { customer } = (await response.json()) as { customer: { portal_url: string } };
      return customer.portal_url.replace(stack.publicUrl, stack.url);
    };
    assert.equal(
      (await fetch(await mint())).status,
      200,
      'the other gateway has the customer cached',
    );
    const revoked = await stack.request('DELETE', '/api/v1/customers/c1/portal_sessions', {
      token: apiKey,
    });
    assert.equal(revoked.status, 200);
    await waitFor(
      'the other gateway to mint working URLs again',
      async () => (await fetch(await mint())).status === 200,
      {
        timeoutMs: 3_000,
        intervalMs: 20,
      },
    );
  });
});

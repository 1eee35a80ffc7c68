import { LagoSender, lagoCustomer, PorticoStack, testEnvironment } from '@portico/testing';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { rawRequest, type RawResponse } from './raw-http';

/**
 * Rate limits count what a request means (route family + authenticated principal), not how it is
 * spelled; failed authentications count per client address on every credential. Each test plays
 * a different client address (TRUST_PROXY: X-Forwarded-For), so their failure counts stay apart.
 */
const LIMITS = {
  RATE_LIMIT_API: '5',
  RATE_LIMIT_PORTAL: '4',
  RATE_LIMIT_ADMIN: '40',
  RATE_LIMIT_WEBHOOKS: '3',
  RATE_LIMIT_FILES: '3',
  RATE_LIMIT_AUTH_FAILURES: '4',
  RATE_LIMIT_PER_ADDRESS: '200',
  RATE_LIMIT_WINDOW_MS: '60000',
  TRUST_PROXY: 'true',
};
const FAILURES = Number(LIMITS.RATE_LIMIT_AUTH_FAILURES);

const header = (response: RawResponse, name: string) => {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function assertTooManyRequests(response: RawResponse, limit: string): void {
  assert.equal(response.status, 429, response.body);
  const retryAfter = Number(header(response, 'retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  assert.equal(header(response, 'x-ratelimit-limit'), limit);
  assert.equal(header(response, 'x-ratelimit-remaining'), '0');
  assert.equal(header(response, 'x-ratelimit-reset'), String(retryAfter));
}

describe('rate limits on principals and failed authentications', () => {
  let stack: PorticoStack;
  let acme: { id: string; apiKey: string };
  let globex: { id: string; apiKey: string };
  const lago = new LagoSender();

  beforeAll(async () => {
    stack = await PorticoStack.start(LIMITS);
    acme = await stack.createOrganization({ name: 'Acme' });
    globex = await stack.createOrganization({ name: 'Globex' });
    const configured = await stack.admin('PUT', `/admin/v1/organizations/${acme.id}/lago`, {
      hmac_key: lago.hmacKey,
    });
    assert.equal(configured.status, 200, JSON.stringify(configured.body));
  });
  afterAll(async () => stack?.stop());

  const from = (address: string, headers: Record<string, string> = {}) => ({
    'x-forwarded-for': address,
    ...headers,
  });

  test('every spelling of an API request lands in the API key’s one bucket', async () => {
    const { apiKey } = await stack.createOrganization();
    const spellings: [string, Record<string, string>][] = [
      ['/api/v1/customers', { authorization: `Bearer ${apiKey}` }],
      ['/%61pi/v1/customers', { authorization: `Bearer ${apiKey}` }],
      ['/api/v1/customers', { authorization: `bearer ${apiKey}` }],
      ['/api/v1/customers', { authorization: `BEARER    ${apiKey}   ` }],
      ['http://elsewhere.example/api/v1/customers', { authorization: `Bearer ${apiKey}` }],
    ];
    for (const [i, [target, headers]] of spellings.entries()) {
      const response = await rawRequest(stack.url, target, { headers: from('10.1.0.1', headers) });
      assert.equal(response.status, 200, `${target} ${JSON.stringify(headers)}: ${response.body}`);
      assert.equal(header(response, 'x-ratelimit-remaining'), String(4 - i), target);
    }
    for (const [target, headers] of spellings) {
      const limited = await rawRequest(stack.url, target, { headers: from('10.1.0.2', headers) });
      assertTooManyRequests(limited, '5');
      assert.equal(JSON.parse(limited.body).code, 'too_many_requests', 'Lago’s error code');
    }
    const other = await rawRequest(stack.url, '/api/v1/customers', {
      headers: from('10.1.0.1', { authorization: `Bearer ${globex.apiKey}` }),
    });
    assert.equal(other.status, 200, 'another key has its own bucket');
  });

  test('every spelling of a portal link lands in the session’s one bucket', async () => {
    await stack.request('POST', '/api/v1/customers', {
      token: acme.apiKey,
      body: { customer: { external_id: 'cus_rl' } },
    });
    const minted = await stack.request<{ customer: { portal_url: string } }>(
      'GET',
      '/api/v1/customers/cus_rl/portal_url',
      { token: acme.apiKey },
    );
    const path = new URL(minted.body.customer.portal_url).pathname;
    const spellings = [
      path,
      path.replaceAll('.', '%2E'),
      `http://elsewhere.example${path}`,
      path.replace('/customer-portal/', '/customer-%70ortal/'),
    ];
    for (const target of spellings) {
      const response = await rawRequest(stack.url, target, { headers: from('10.2.0.1') });
      assert.equal(response.status, 200, `${target}: ${response.body.slice(0, 200)}`);
    }
    for (const target of spellings) {
      const limited = await rawRequest(stack.url, target, {
        headers: from('10.2.0.2', { 'accept-language': 'fr' }),
      });
      assertTooManyRequests(limited, '4');
      // In the iframe the customer sees a page in their language, not JSON.
      assert.match(header(limited, 'content-type') ?? '', /text\/html/);
      assert.match(limited.body, /data-state="rate-limited"/);
      assert.match(limited.body, /<html lang="fr"/);
    }
  });

  test('wrong API keys count against the address: then even the right key is refused unread', async () => {
    const address = '10.3.0.1';
    for (let i = 0; i < FAILURES; i++) {
      const wrong = `pk_${randomBytes(16).toString('hex')}`;
      const response = await rawRequest(stack.url, '/api/v1/customers', {
        headers: from(address, { authorization: `Bearer ${wrong}` }),
      });
      assert.equal(response.status, 401, response.body);
    }
    const right = await rawRequest(stack.url, '/api/v1/customers', {
      headers: from(address, { authorization: `Bearer ${globex.apiKey}` }),
    });
    assertTooManyRequests(right, LIMITS.RATE_LIMIT_AUTH_FAILURES);
    const elsewhere = await rawRequest(stack.url, '/api/v1/customers', {
      headers: from('10.3.0.2', { authorization: `Bearer ${globex.apiKey}` }),
    });
    assert.equal(elsewhere.status, 200, 'another address is not affected');
  });

  test('admin token guesses are limited per address', async () => {
    const address = '10.4.0.1';
    for (let i = 0; i < FAILURES; i++) {
      const response = await rawRequest(stack.url, '/admin/v1/organizations', {
        headers: from(address, { authorization: `Bearer guess-${i}` }),
      });
      assert.equal(response.status, 401, response.body);
    }
    const right = await rawRequest(stack.url, '/admin/v1/organizations', {
      headers: from(address, { authorization: `Bearer ${stack.adminToken}` }),
    });
    assertTooManyRequests(right, LIMITS.RATE_LIMIT_AUTH_FAILURES);
  });

  test('the admin API has a limit of its own', async () => {
    let last: RawResponse | undefined;
    for (let i = 0; i <= Number(LIMITS.RATE_LIMIT_ADMIN); i++) {
      last = await rawRequest(stack.url, '/admin/v1/organizations', {
        headers: from('10.4.1.1', { authorization: `Bearer ${stack.adminToken}` }),
      });
      if (last.status === 429) break;
      assert.equal(last.status, 200, last.body);
    }
    assertTooManyRequests(last!, LIMITS.RATE_LIMIT_ADMIN);
  });

  test('webhook signature failures: one 401 message, whatever failed, then a 429', async () => {
    const address = '10.5.0.1';
    const body = JSON.stringify({
      webhook_type: 'customer.created',
      object_type: 'customer',
      customer: lagoCustomer('cus_hook'),
    });
    const attempts: [string, Record<string, string>][] = [
      [`/webhooks/lago/${acme.id}`, { ...lago.headers(body), 'x-lago-signature': 'AAAA' }],
      [`/webhooks/lago/${globex.id}`, lago.headers(body)], // an organization without keys
      ['/webhooks/lago/org_does_not_exist', lago.headers(body)], // an unknown organization
      [`/webhooks/lago/${acme.id}`, { 'content-type': 'application/json' }], // no headers at all
    ];
    const messages = new Set<string>();
    for (const [target, headers] of attempts) {
      const response = await rawRequest(stack.url, target, {
        method: 'POST',
        headers: from(address, headers),
        body,
      });
      assert.equal(response.status, 401, `${target}: ${response.body}`);
      messages.add(JSON.parse(response.body).message as string);
    }
    assert.equal(messages.size, 1, `one message for every failure: ${[...messages].join(' | ')}`);
    const right = await rawRequest(stack.url, `/webhooks/lago/${acme.id}`, {
      method: 'POST',
      headers: from(address, lago.headers(body)),
      body,
    });
    assertTooManyRequests(right, LIMITS.RATE_LIMIT_AUTH_FAILURES);
  });

  test('verified webhook deliveries are limited per organization', async () => {
    let last: RawResponse | undefined;
    for (let i = 0; i <= Number(LIMITS.RATE_LIMIT_WEBHOOKS); i++) {
      const body = JSON.stringify({
        webhook_type: 'customer.created',
        object_type: 'customer',
        customer: lagoCustomer(`cus_hook_${i}`),
      });
      last = await rawRequest(stack.url, `/webhooks/lago/${acme.id}`, {
        method: 'POST',
        headers: from(`10.5.1.${i + 1}`, lago.headers(body)),
        body,
      });
      if (last.status === 429) break;
      assert.equal(last.status, 200, last.body);
    }
    assertTooManyRequests(last!, LIMITS.RATE_LIMIT_WEBHOOKS);
  });

  test('forged portal links count against the address', async () => {
    const address = '10.6.0.1';
    for (let i = 0; i < FAILURES; i++) {
      const forged = `eyJhbGciOiJIUzI1NiJ9.${randomBytes(24).toString('base64url')}.x`;
      const response = await rawRequest(stack.url, `/customer-portal/${forged}`, {
        headers: from(address),
      });
      assert.equal(response.status, 401);
    }
    const minted = await stack.request<{ customer: { portal_url: string } }>(
      'GET',
      '/api/v1/customers/cus_rl/portal_url',
      { token: acme.apiKey },
    );
    const right = await rawRequest(stack.url, new URL(minted.body.customer.portal_url).pathname, {
      headers: from(address),
    });
    assertTooManyRequests(right, LIMITS.RATE_LIMIT_AUTH_FAILURES);
  });

  test('every route has a per-address flood guard, unauthenticated ones included', async () => {
    const limit = Number(LIMITS.RATE_LIMIT_PER_ADDRESS);
    for (let i = 0; i < limit; i++) {
      const response = await rawRequest(stack.url, '/health', { headers: from('10.9.0.1') });
      assert.equal(response.status, 200, `request ${i + 1}`);
    }
    const flooded = await rawRequest(stack.url, '/embed.js', { headers: from('10.9.0.1') });
    assertTooManyRequests(flooded, LIMITS.RATE_LIMIT_PER_ADDRESS);
    assert.equal(JSON.parse(flooded.body).code, 'too_many_requests');
    const other = await rawRequest(stack.url, '/health', { headers: from('10.9.0.2') });
    assert.equal(other.status, 200, 'another address is not affected');
  });

  test('forged invoice file links count against the address', async () => {
    const address = '10.7.0.1';
    for (let i = 0; i < FAILURES; i++) {
      const response = await rawRequest(
        stack.url,
        `/invoice-files/${randomBytes(30).toString('base64url')}.${randomUUID()}`,
        { headers: from(address) },
      );
      assert.equal(response.status, 404, response.body);
    }
    const next = await rawRequest(stack.url, `/invoice-files/anything.at-all`, {
      headers: from(address),
    });
    assertTooManyRequests(next, LIMITS.RATE_LIMIT_AUTH_FAILURES);
  });
});

describe('with RATE_LIMIT_STORE=redis, two gateways share one count', () => {
  let stack: PorticoStack;
  let other: string;
  beforeAll(async () => {
    stack = await PorticoStack.start({
      ...LIMITS,
      RATE_LIMIT_STORE: 'redis',
      RATE_LIMIT_REDIS_URL: testEnvironment.redisUrl,
    });
    other = await stack.startExtraGateway();
  });
  afterAll(async () => stack?.stop());

  test('an API key’s requests through either gateway use up the same window', async () => {
    const { apiKey } = await stack.createOrganization();
    const via = (base: string) =>
      rawRequest(base, '/api/v1/customers', { headers: { authorization: `Bearer ${apiKey}` } });
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await via(i % 2 === 0 ? stack.url : other);
      assert.equal(response.status, 200, response.body);
      remaining.push(header(response, 'x-ratelimit-remaining') ?? '');
    }
    assert.deepEqual(remaining, ['4', '3', '2', '1', '0']);
    assertTooManyRequests(await via(other), '5');
    assertTooManyRequests(await via(stack.url), '5');
  });
});

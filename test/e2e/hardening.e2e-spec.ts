import { PorticoStack } from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from '@jest/globals';

// Rate limits (429 + Retry-After), body size limits (413) and security headers on every answer.
let stack: PorticoStack;

beforeAll(async () => {
  stack = await PorticoStack.start({
    RATE_LIMIT_API: '5',
    RATE_LIMIT_PORTAL: '3',
    RATE_LIMIT_WINDOW_MS: '60000',
    BODY_LIMIT_BYTES: '2048',
  });
});
afterAll(async () => stack?.stop());

const get = (path: string, key?: string) =>
  fetch(`${stack.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

test('the REST API limits each API key: 429 with Retry-After, other keys unaffected', async () => {
  const first = await stack.createOrganization();
  const second = await stack.createOrganization();
  for (let i = 0; i < 5; i++) {
    const response = await get('/api/v1/locales', first.apiKey);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-ratelimit-remaining'), String(4 - i));
  }
  const limited = await get('/api/v1/locales', first.apiKey);
  assert.equal(limited.status, 429);
  const retryAfter = Number(limited.headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `${retryAfter}`);
  assert.deepEqual(
    { ...((await limited.json()) as object), message: undefined },
    { status: 429, error: 'Too Many Requests', code: 'too_many_requests', message: undefined },
  );
  assert.equal((await get('/api/v1/locales', second.apiKey)).status, 200, 'another key');
});

test('the portal limits each token: 429 with Retry-After', async () => {
  const { apiKey } = await stack.createOrganization();
  await stack.request('POST', '/api/v1/customers', {
    token: apiKey,
    body: { customer: { external_id: 'rl' } },
  });
  const minted = await stack.request<{ customer: { portal_url: string } }>(
    'GET',
    '/api/v1/customers/rl/portal_url',
    { token: apiKey },
  );
  const path = new URL(minted.body.customer.portal_url).pathname;
  for (let i = 0; i < 3; i++) assert.notEqual((await get(path)).status, 429);
  const limited = await fetch(`${stack.url}${path}`, { headers: { 'accept-language': 'fr' } });
  assert.equal(limited.status, 429);
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  // In an iframe the customer sees a page in their language, not JSON.
  assert.match(limited.headers.get('content-type') ?? '', /text\/html/);
  const page = await limited.text();
  assert.match(page, /data-state="rate-limited"/);
  assert.match(page, /<html lang="fr"/);
  assert.ok(page.includes('Trop de requêtes'));
});

test('an oversized body is refused with 413 before it reaches a handler', async () => {
  const { apiKey } = await stack.createOrganization();
  const response = await fetch(`${stack.url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events: [{ padding: 'x'.repeat(4_096) }] }),
  });
  assert.equal(response.status, 413);
});

test('security headers on every response; pages keep their own policy', async () => {
  for (const path of ['/health', '/api/v1/locales', '/nowhere']) {
    const response = await get(path);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer', path);
    assert.match(response.headers.get('strict-transport-security') ?? '', /max-age=\d+/, path);
  }
  const json = await get('/api/v1/locales');
  assert.equal(
    json.headers.get('content-security-policy'),
    "default-src 'none'; frame-ancestors 'none'",
  );
  const docs = await get('/api/docs');
  assert.notEqual(
    docs.headers.get('content-security-policy'),
    "default-src 'none'; frame-ancestors 'none'",
    'the API docs page is not blanked by the JSON policy',
  );
});

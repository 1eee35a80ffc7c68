import { JwtService } from '@nestjs/jwt';
import { freePort, lagoCustomer, LagoSender, PorticoStack } from '@portico/testing';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_DOCS_CSP } from '../../apps/gateway/src/http/hardening/security-headers';
import { rawRequest } from './raw-http';

const REQUEST_TIMEOUT_MS = 2_000;
const JSON_MAX_DEPTH = 32;

describe('request hardening', () => {
  let stack: PorticoStack;
  let org: { id: string; apiKey: string };
  let opsUrl = '';
  let portalPath = '';

  beforeAll(async () => {
    const opsPort = await freePort();
    opsUrl = `http://127.0.0.1:${opsPort}`;
    stack = await PorticoStack.start(
      { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), JSON_MAX_DEPTH: String(JSON_MAX_DEPTH) },
      { appEnv: { gateway: { METRICS_PORT: String(opsPort), METRICS_HOST: '127.0.0.1' } } },
    );
    org = await stack.createOrganization();
    await stack.request('POST', '/api/v1/customers', {
      token: org.apiKey,
      body: { customer: { external_id: 'cus_h' } },
    });
    const minted = await stack.request<{ customer: { portal_url: string } }>(
      'GET',
      '/api/v1/customers/cus_h/portal_url',
      { token: org.apiKey },
    );
    portalPath = new URL(minted.body.customer.portal_url).pathname;
  });
  afterAll(async () => stack?.stop());

  test('JSON nested deeper than the limit is a 422 naming the limit, on every JSON route', async () => {
    const deep = `{"events":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    for (const [path, token] of [
      ['/api/v1/events', org.apiKey],
      ['/admin/v1/organizations', stack.adminToken],
      [`/webhooks/lago/${org.id}`, undefined],
    ] as const) {
      const response = await fetch(`${stack.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token && { authorization: `Bearer ${token}` }),
        },
        body: deep,
      });
      assert.equal(response.status, 422, path);
      const body = (await response.json()) as { code: string; message: string };
      assert.equal(body.code, 'validation_errors', path);
      assert.match(body.message, new RegExp(`more than ${JSON_MAX_DEPTH} levels`), path);
    }
  });

  test('a body sent a byte at a time is cut off at the request timeout', async () => {
    const { port } = new URL(stack.url);
    const socket = connect(Number(port), '127.0.0.1');
    const started = Date.now();
    const closed = new Promise<string>((resolve) => {
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', () => undefined);
    });
    socket.write(
      'POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Authorization: Bearer ${org.apiKey}\r\nContent-Length: 100000\r\n\r\n{`,
    );
    // A byte every 500 ms: never idle long enough for an idle timeout; bounded at 30 s.
    let ended = false;
    void closed.then(() => (ended = true));
    for (let i = 0; i < 60 && !ended; i++) {
      await sleep(500);
      if (!socket.destroyed) socket.write(' ');
    }
    const answer = await closed;
    const elapsed = Date.now() - started;
    socket.destroy();
    assert.ok(ended, 'the server closed the connection');
    assert.ok(elapsed < 20_000, `cut off after ${elapsed} ms`);
    assert.ok(elapsed >= REQUEST_TIMEOUT_MS - 200, `not before the timeout (${elapsed} ms)`);
    assert.match(answer, /^HTTP\/1\.1 408/, 'a 408 before closing');
  });

  test('portal links come from PUBLIC_URL, never from an absolute-form request line', async () => {
    const response = await rawRequest(stack.url, `http://evil.example${portalPath}`);
    assert.equal(response.status, 200, response.body.slice(0, 300));
    assert.ok(!response.body.includes('evil.example'), 'no link to the request’s host');
    assert.match(response.body, new RegExp(`href="${portalPath.replace(/[.]/g, '\\.')}\\?`));
    assert.ok(response.body.includes(`<base href="${portalPath}/">`), 'the base too');
  });

  test('a portal token issued in the future is refused', async () => {
    const token = portalPath.split('/customer-portal/')[1]!;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      number
    >;
    const iat = Math.floor(Date.now() / 1000) + 3_600;
    const forged = new JwtService({ secret: stack.jwtSecret }).sign(
      { ...claims, iat, exp: iat + 3_600 },
      { algorithm: 'HS256' },
    );
    const response = await fetch(`${stack.url}/customer-portal/${forged}`);
    assert.equal(response.status, 401);
    assert.match(await response.text(), /data-state="invalid"/);
  });

  test('API answers are never cached; the API docs page has a policy of its own', async () => {
    const api = await fetch(`${stack.url}/api/v1/customers`, {
      headers: { authorization: `Bearer ${org.apiKey}` },
    });
    assert.equal(api.headers.get('cache-control'), 'no-store');
    const docs = await fetch(`${stack.url}/api/docs`);
    assert.equal(docs.status, 200);
    assert.equal(docs.headers.get('content-security-policy'), API_DOCS_CSP);
  });

  test('/metrics lives on the ops listener only', async () => {
    assert.equal((await fetch(`${stack.url}/metrics`)).status, 404);
    const ops = await fetch(`${opsUrl}/metrics`);
    assert.equal(ops.status, 200);
    assert.match(await ops.text(), /^# HELP /m);
  });
});

describe('webhook replays and a metrics token', () => {
  let stack: PorticoStack;
  let org: { id: string; apiKey: string };
  const lago = new LagoSender();
  const metricsToken = randomBytes(24).toString('hex');

  beforeAll(async () => {
    stack = await PorticoStack.start({ METRICS_TOKEN: metricsToken });
    org = await stack.createOrganization();
    const configured = await stack.admin('PUT', `/admin/v1/organizations/${org.id}/lago`, {
      hmac_key: lago.hmacKey,
      rsa_public_key: lago.publicKeyBase64,
      api_url: lago.apiUrl,
    });
    assert.equal(configured.status, 200, JSON.stringify(configured.body));
  });
  afterAll(async () => stack?.stop());

  const deliver = async (body: string, algorithm: 'hmac' | 'jwt', uniqueKey = randomUUID()) => {
    const response = await fetch(`${stack.url}/webhooks/lago/${org.id}`, {
      method: 'POST',
      headers: lago.headers(body, algorithm, uniqueKey),
      body,
    });
    return { status: response.status, body: (await response.json()) as { status: string } };
  };

  for (const algorithm of ['hmac', 'jwt'] as const) {
    test(`a captured ${algorithm} delivery re-sent with a new unique key is a duplicate`, async () => {
      const body = JSON.stringify({
        webhook_type: 'customer.created',
        object_type: 'customer',
        customer: lagoCustomer(`cus_replay_${algorithm}`),
      });
      const first = await deliver(body, algorithm);
      assert.deepEqual([first.status, first.body.status], [200, 'accepted']);
      const replayed = await deliver(body, algorithm);
      assert.deepEqual([replayed.status, replayed.body.status], [200, 'duplicate']);
    });
  }

  test('/metrics on the public port answers only its token', async () => {
    const url = `${stack.url}/metrics`;
    assert.equal((await fetch(url)).status, 401);
    const wrong = await fetch(url, { headers: { authorization: 'Bearer not-the-token' } });
    assert.equal(wrong.status, 401);
    const right = await fetch(url, { headers: { authorization: `Bearer ${metricsToken}` } });
    assert.equal(right.status, 200);
    assert.match(await right.text(), /^# HELP /m);
  });
});

import { JwtService } from '@nestjs/jwt';
import { PorticoStack } from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

interface PortalUrlBody {
  customer: { portal_url: string };
}
interface SessionBody {
  portal_session: { id: string; url: string; expires_at: string };
}

describe('portal URLs and the tokens inside them', () => {
  let stack: PorticoStack;
  let acme: { id: string; apiKey: string };
  let globex: { id: string; apiKey: string };
  let jane: { id: string };

  beforeAll(async () => {
    stack = await PorticoStack.start();
    acme = await stack.createOrganization({
      name: 'Acme',
      default_document_locale: 'fr',
      embed_origins: ['https://app.acme.example'],
    });
    globex = await stack.createOrganization({ name: 'Globex' });
    const created = await stack.request<{ customer: { id: string } }>('POST', '/api/v1/customers', {
      token: acme.apiKey,
      body: { customer: { external_id: 'jane', name: 'Jane <script>alert(1)</script>' } },
    });
    jane = created.body.customer;
  });
  afterAll(async () => stack?.stop());

  const portalUrl = async (externalId = 'jane', key = acme.apiKey) =>
    stack.request<PortalUrlBody & Record<string, unknown>>(
      'GET',
      `/api/v1/customers/${externalId}/portal_url`,
      { token: key },
    );
  /** Opens a portal URL against this stack (PUBLIC_URL points elsewhere, as in production). */
  const open = (url: string) => fetch(url.replace(stack.publicUrl, stack.url));
  const tokenOf = (url: string) => url.split('/customer-portal/')[1]!;
  const forge = (
    claims: Record<string, unknown>,
    options: Record<string, unknown> = {},
    secret = stack.jwtSecret,
  ) =>
    new JwtService({ secret }).sign(claims, {
      algorithm: 'HS256',
      audience: 'portico-portal',
      issuer: 'portico',
      subject: jane.id,
      jwtid: 'ps_forged',
      expiresIn: 3600,
      ...options,
    });
  const portalPath = (token: string) => `${stack.url}/customer-portal/${token}`;

  test("Lago's shape: {customer: {portal_url}} under PUBLIC_URL, and the URL opens the portal", async () => {
    const response = await portalUrl();
    assert.equal(response.status, 200);
    assert.deepEqual(Object.keys(response.body), ['customer']);
    assert.deepEqual(Object.keys(response.body.customer), ['portal_url']);
    assert.match(
      response.body.customer.portal_url,
      /^https:\/\/portal\.example\.test\/customer-portal\/[\w-]+\.[\w-]+\.[\w-]+$/,
    );
    const page = await open(response.body.customer.portal_url);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(
      html,
      /<html lang="fr" dir="ltr">/,
      "the organization's language, the customer having none",
    );
    assert.ok(
      html.includes('Jane &lt;script&gt;alert(1)&lt;/script&gt;'),
      'customer data is escaped',
    );
    assert.ok(!html.includes('<script>'));
    const csp = page.headers.get('content-security-policy')!;
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'self' https:\/\/app\.acme\.example(;|$)/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
  });

  test("the customer's own locale wins over the organization's", async () => {
    await stack.request('POST', '/api/v1/customers', {
      token: acme.apiKey,
      body: { customer: { external_id: 'omar', billing_configuration: { document_locale: 'ar' } } },
    });
    const page = await open((await portalUrl('omar')).body.customer.portal_url);
    assert.match(await page.text(), /<html lang="ar" dir="rtl">/);
  });

  test("an unknown customer is exactly Lago's 404", async () => {
    const response = await portalUrl('nobody');
    assert.equal(response.status, 404);
    assert.deepEqual(
      { status: response.body.status, error: response.body.error, code: response.body.code },
      { status: 404, error: 'Not Found', code: 'customer_not_found' },
    );
  });

  test("another organization's key cannot mint a URL for this customer", async () => {
    const response = await portalUrl('jane', globex.apiKey);
    assert.equal(response.status, 404);
    assert.equal((await stack.request('GET', '/api/v1/customers/jane/portal_url')).status, 401);
    assert.equal((await portalUrl('jane', 'ptk_not_a_key')).status, 401);
  });

  test('portal_sessions: a chosen lifetime, capped at 12 hours', async () => {
    const before = Date.now();
    const created = await stack.request<SessionBody>(
      'POST',
      '/api/v1/customers/jane/portal_sessions',
      {
        token: acme.apiKey,
        body: { expires_in: 120 },
      },
    );
    assert.equal(created.status, 201);
    const { id, url, expires_at } = created.body.portal_session;
    assert.match(id, /^ps_/);
    const lifetime = Date.parse(expires_at) - before;
    assert.ok(lifetime > 115_000 && lifetime <= 121_000, `expires in ${lifetime} ms`);
    assert.equal((await open(url)).status, 200);

    const defaulted = await stack.request<SessionBody>(
      'POST',
      '/api/v1/customers/jane/portal_sessions',
      { token: acme.apiKey },
    );
    assert.equal(defaulted.status, 201);
    const defaultLifetime = Date.parse(defaulted.body.portal_session.expires_at) - before;
    assert.ok(Math.abs(defaultLifetime - 12 * 3600_000) < 5_000, 'defaults to 12 hours');

    for (const expires_in of [43_201, 10, 'soon', 1.5]) {
      const response = await stack.request<{ error_details: Record<string, string[]> }>(
        'POST',
        '/api/v1/customers/jane/portal_sessions',
        { token: acme.apiKey, body: { expires_in } },
      );
      assert.equal(response.status, 422, `expires_in ${expires_in}`);
      assert.deepEqual(Object.keys(response.body.error_details), ['expires_in']);
    }
  });

  test('an expired token opens a page that says so, not the portal', async () => {
    const token = forge({ org: acme.id, gen: 0 }, { expiresIn: -10 });
    const page = await fetch(portalPath(token));
    assert.equal(page.status, 401);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    const html = await page.text();
    assert.match(html, /data-portico-error="portal_token_expired"/);
    assert.ok(!html.includes('Jane'));
  });

  test('a tampered, foreign or malformed token is refused', async () => {
    const { body } = await portalUrl();
    const token = tokenOf(body.customer.portal_url);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const otherPayload = Buffer.from(
      JSON.stringify({ ...claims, sub: 'cus_someone_else' }),
    ).toString('base64url');
    const cases: Record<string, string> = {
      'payload changed, signature kept': `${header}.${otherPayload}.${signature}`,
      'signed with another secret': forge({ org: acme.id, gen: 0 }, {}, 'x'.repeat(64)),
      'another audience': forge({ org: acme.id, gen: 0 }, { audience: 'someone-else' }),
      'another issuer': forge({ org: acme.id, gen: 0 }, { issuer: 'not-portico' }),
      'alg none': `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`,
      'lives longer than 12 hours': forge({ org: acme.id, gen: 0 }, { expiresIn: 13 * 3600 }),
      'not a token': 'hello',
    };
    for (const [name, forged] of Object.entries(cases)) {
      const page = await fetch(portalPath(forged));
      assert.equal(page.status, 401, name);
      assert.match(await page.text(), /data-portico-error="portal_token_invalid"/, name);
    }
  });

  test('a validly signed token naming a customer of another organization shows nothing', async () => {
    const token = forge({ org: globex.id, gen: 0 }); // Jane's id, but Globex's organization
    const page = await fetch(portalPath(token));
    assert.equal(page.status, 401);
    assert.ok(!(await page.text()).includes('Jane'));
  });

  test('revoking sessions kills every URL issued so far; new ones work', async () => {
    await stack.request('POST', '/api/v1/customers', {
      token: acme.apiKey,
      body: { customer: { external_id: 'rev' } },
    });
    const first = (await portalUrl('rev')).body.customer.portal_url;
    const second = (await portalUrl('rev')).body.customer.portal_url;
    assert.equal((await open(first)).status, 200);
    const revoked = await stack.request<{ portal_sessions: { revoked_at: string } }>(
      'DELETE',
      '/api/v1/customers/rev/portal_sessions',
      { token: acme.apiKey },
    );
    assert.equal(revoked.status, 200);
    assert.ok(Date.parse(revoked.body.portal_sessions.revoked_at) > 0);
    for (const url of [first, second]) {
      const page = await open(url);
      assert.equal(page.status, 401);
      assert.match(await page.text(), /data-portico-error="portal_session_revoked"/);
    }
    const fresh = (await portalUrl('rev')).body.customer.portal_url;
    assert.equal((await open(fresh)).status, 200, 'a URL minted after the revocation works');
    assert.equal(
      (
        await stack.request('DELETE', '/api/v1/customers/rev/portal_sessions', {
          token: globex.apiKey,
        })
      ).status,
      404,
      'another organization cannot revoke',
    );
  });

  test("a deleted customer's URLs stop working, even if it is re-created", async () => {
    await stack.request('POST', '/api/v1/customers', {
      token: acme.apiKey,
      body: { customer: { external_id: 'gone' } },
    });
    const url = (await portalUrl('gone')).body.customer.portal_url;
    assert.equal((await open(url)).status, 200);
    await stack.request('DELETE', '/api/v1/customers/gone', { token: acme.apiKey });
    assert.equal((await open(url)).status, 401);
    assert.equal((await portalUrl('gone')).status, 404);
    await stack.request('POST', '/api/v1/customers', {
      token: acme.apiKey,
      body: { customer: { external_id: 'gone' } },
    });
    assert.equal((await open(url)).status, 401, 'the old URL does not open the new record');
  });

  test('URL issuance keeps answering while customer-service is away, then refuses unknown customers cleanly', async () => {
    // Seen customers are served from the gateway's cache; new ones need the service.
    assert.equal((await portalUrl('jane')).status, 200);
    await stack.app('customer-service').stop();
    assert.equal((await portalUrl('jane')).status, 200);
    const unknown = await portalUrl('never-seen');
    assert.equal(unknown.status, 503);
    assert.equal(unknown.body.code, 'service_unavailable');
  });
});

import {
  CloseConsoleSessions,
  InviteOperator,
  ListOperators,
  OpenConsoleSession,
  ResolveConsoleSession,
} from '@portico/contracts';
import { AmqpConnection, RpcClient } from '@portico/messaging';
import { ConsoleClient, PorticoStack, testEnvironment, waitFor } from '@portico/testing';
import { ConsoleSessionCache } from '../../apps/console/src/caching/console-session-cache';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

const PASSWORD = 'correct horse battery staple';
const strongPassword = () => `pw-${randomBytes(9).toString('base64url')}`;

describe('console accounts: set-password links, sessions, roles, login limits', () => {
  let stack: PorticoStack;
  let acme: { id: string; apiKey: string };
  let globex: { id: string; apiKey: string };
  let connection: AmqpConnection;
  let rpc: RpcClient;
  const admin = new Map<string, string>();

  /** A new operator of `org` with a password, and a client signed in as them. */
  async function signedIn(org: string, role: 'admin' | 'member' | 'viewer') {
    const email = `${role}-${randomBytes(4).toString('hex')}@example.com`;
    const { setPasswordUrl, operatorId } = await stack.inviteOperator(org, email, role);
    const client = new ConsoleClient(stack.consoleUrl);
    assert.equal((await client.setPassword(setPasswordUrl, PASSWORD)).status, 303);
    assert.equal((await client.login(email, PASSWORD)).status, 303);
    return { email, client, operatorId };
  }

  beforeAll(async () => {
    stack = await PorticoStack.start(
      {},
      {
        console: true,
        appEnv: {
          console: { CONSOLE_LOGIN_ACCOUNT_ATTEMPTS: '3', CONSOLE_LOGIN_ADDRESS_ATTEMPTS: '12' },
        },
      },
    );
    acme = await stack.createOrganization({ name: 'Acme' });
    globex = await stack.createOrganization({ name: 'Globex' });
    connection = new AmqpConnection(testEnvironment.amqpUrl, 'console-test');
    await connection.start(10_000);
    rpc = new RpcClient(connection, stack.namespace, 5_000);
    await rpc.start();
  });
  afterAll(async () => {
    await rpc?.stop();
    await connection?.close();
    await stack?.stop();
  });

  test('a set-password link works once, then is the same 404 as an unknown one', async () => {
    const { setPasswordUrl } = await stack.inviteOperator(acme.id, 'first@acme.example');
    assert.ok(setPasswordUrl.startsWith(`${stack.consoleUrl}/set-password/`));
    const client = new ConsoleClient(stack.consoleUrl);
    const short = await (async () => {
      await client.get(new URL(setPasswordUrl).pathname);
      return client.post(new URL(setPasswordUrl).pathname, { password: 'short', confirm: 'short' });
    })();
    assert.equal(short.status, 422, 'a too-short password is refused before the link is spent');
    assert.equal((await client.setPassword(setPasswordUrl, PASSWORD)).status, 303);
    const again = await new ConsoleClient(stack.consoleUrl).setPassword(
      setPasswordUrl,
      strongPassword(),
    );
    assert.equal(again.status, 404);
    assert.match(again.text, /data-error="not_found"/);
    const login = await new ConsoleClient(stack.consoleUrl).login('first@acme.example', PASSWORD);
    assert.equal(login.status, 303, 'the first password stands');
    admin.set('acme', 'first@acme.example');
  });

  test('a set-password link expires after 24 hours', async () => {
    const { setPasswordUrl, operatorId } = await stack.inviteOperator(
      acme.id,
      'late@acme.example',
      'member',
    );
    const expires = await stack.withCustomersDb((db) =>
      db.collection('operators').findOne({ _id: operatorId as never }),
    );
    const ttl =
      (expires!.setup_expires_at as Date).getTime() - (expires!.created_at as Date).getTime();
    assert.equal(ttl, 24 * 60 * 60 * 1_000);
    await stack.withCustomersDb((db) =>
      db
        .collection('operators')
        .updateOne(
          { _id: operatorId as never },
          { $set: { setup_expires_at: new Date(Date.now() - 1_000) } },
        ),
    );
    assert.equal(
      (await new ConsoleClient(stack.consoleUrl).setPassword(setPasswordUrl, PASSWORD)).status,
      404,
    );
  });

  test('password hashes never leave customer-service: not over RPC, not in the admin API, not in pages', async () => {
    const stored = await stack.withCustomersDb((db) =>
      db.collection('operators').findOne({ email: 'first@acme.example' }),
    );
    assert.match(String(stored!.password_hash), /^scrypt\$32768\$8\$1\$/);
    assert.ok(!String(stored!.password_hash).includes(PASSWORD));
    const hash = String(stored!.password_hash);
    const replies: unknown[] = [
      await rpc.call(ListOperators, { organization_id: acme.id }),
      await rpc.call(InviteOperator, {
        organization_id: acme.id,
        email: 'x@acme.example',
        role: 'viewer',
      }),
    ];
    const opened = await rpc.call(OpenConsoleSession, {
      email: 'first@acme.example',
      password: PASSWORD,
      idle_timeout_seconds: 600,
      lifetime_seconds: 3_600,
    });
    replies.push(opened, await rpc.call(ResolveConsoleSession, { token: opened.token }));
    await rpc.call(CloseConsoleSessions, { token: opened.token, scope: 'this' });
    const admin = await stack.inviteOperator(acme.id, 'y@acme.example', 'viewer');
    const { client } = await signedIn(acme.id, 'admin');
    const members = await client.get('/settings/members');
    assert.equal(members.status, 200);
    assert.match(members.text, /first@acme\.example/);
    for (const text of [
      ...replies.map((r) => JSON.stringify(r)),
      JSON.stringify(admin),
      members.text,
    ]) {
      assert.ok(!text.includes(hash) && !text.includes('scrypt$'), 'no hash');
      assert.ok(!/password_hash|setup_token_sha256/.test(text), 'no hash fields');
    }
  });

  test('login: the same answer for a wrong password and an unknown email; a new session id; logout', async () => {
    const client = new ConsoleClient(stack.consoleUrl);
    const page = await client.get('/login');
    assert.equal(page.status, 200);
    const before = client.sessionCookie;
    assert.ok(before, 'the login page sets an anonymous cookie for its form token');
    const wrong = await client.post('/login', {
      email: 'first@acme.example',
      password: 'nope-nope-nope',
    });
    const unknown = await client.post('/login', {
      email: 'nobody@acme.example',
      password: 'nope-nope-nope',
    });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    const message = (r: { text: string }) => /data-testid="login-error">([^<]*)</.exec(r.text)?.[1];
    assert.ok(message(wrong));
    assert.equal(message(wrong), message(unknown));
    const ok = await client.post('/login', {
      email: 'first@acme.example',
      password: PASSWORD,
      next: '/activity',
    });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/activity');
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('portico_console='))!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, 'plain http in tests: Secure only over https');
    assert.notEqual(client.sessionCookie, before, 'a new session id at login');
    assert.equal((await client.get('/customers')).status, 200);
    const stale = new ConsoleClient(stack.consoleUrl);
    stale.cookies.set('portico_console', client.sessionCookie!);
    await client.get('/customers');
    assert.equal((await client.post('/logout')).status, 303);
    const after = await stale.get('/customers');
    assert.equal(after.status, 303, 'the session is gone server-side, not just the cookie');
    assert.equal(after.headers.get('location'), '/login?next=%2Fcustomers');
  });

  test('log out everywhere ends every session of the operator; an idle session ends too', async () => {
    const { email, client: first } = await signedIn(acme.id, 'member');
    const second = new ConsoleClient(stack.consoleUrl);
    await second.login(email, PASSWORD);
    await first.get('/customers');
    // Both sessions are now in the console's cache: the logout must reach the other one too.
    assert.equal((await second.get('/customers')).status, 200);
    assert.equal((await first.post('/logout', { scope: 'all' })).status, 303);
    assert.equal((await second.get('/customers')).status, 303);

    const { client: idle, operatorId } = await signedIn(acme.id, 'viewer');
    await stack.withCustomersDb((db) =>
      db
        .collection('console_sessions')
        .updateMany(
          { operator_id: operatorId },
          { $set: { last_seen_at: new Date(Date.now() - 31 * 60_000) } },
        ),
    );
    const expired = await idle.get('/customers/some%20one?tab=settings');
    assert.equal(expired.status, 303);
    assert.equal(
      expired.headers.get('location'),
      `/login?next=${encodeURIComponent('/customers/some%20one?tab=settings')}`,
    );
  });

  test('sessions closed elsewhere (another console, customer-service) end at once, not when a cache entry expires', async () => {
    const { client } = await signedIn(acme.id, 'member');
    assert.equal((await client.get('/customers')).status, 200, 'resolved and cached');
    // What another console instance does on "log out everywhere": only the announcement
    // (portico.console_sessions.changed) tells this console.
    const started = Date.now();
    await rpc.call(CloseConsoleSessions, { token: client.sessionCookie!, scope: 'all' });
    await waitFor(
      'the console to drop the closed session',
      async () => (await client.get('/customers')).status === 303,
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    assert.ok(
      Date.now() - started < ConsoleSessionCache.TTL_MS,
      'ended by the announcement, before the cache entry could expire',
    );
  });

  test('the customer list follows every change after it was first read: new, renamed, deleted', async () => {
    const org = await stack.createOrganization({ name: 'Directory' });
    const { client } = await signedIn(org.id, 'viewer');
    const found = async (q: string) =>
      [
        ...(await client.get(`/customers?q=${encodeURIComponent(q)}`)).text.matchAll(
          /data-customer="([^"]+)"/g,
        ),
      ].map((m) => m[1]);
    const upsert = (customer: Record<string, unknown>) =>
      stack.request('POST', '/api/v1/customers', { token: org.apiKey, body: { customer } });
    await upsert({ external_id: 'dir-1', name: 'Harbour Freight' });
    assert.deepEqual(await found('harb'), ['dir-1'], 'the directory is loaded now');
    await upsert({ external_id: 'dir-2', name: 'Harbour Lights', email: 'ap@lights.example' });
    assert.deepEqual(await found('harbour'), ['dir-2', 'dir-1'], 'a new customer, newest first');
    assert.deepEqual(await found('ap@lights'), ['dir-2']);
    await upsert({ external_id: 'dir-1', name: 'Quay Freight' });
    assert.deepEqual(await found('harbour'), ['dir-2'], 'renamed');
    assert.deepEqual(await found('quay'), ['dir-1']);
    assert.equal(
      (await stack.request('DELETE', '/api/v1/customers/dir-2', { token: org.apiKey })).status,
      200,
    );
    assert.deepEqual(await found('harbour'), [], 'deleted');
    assert.deepEqual(await found(''), ['dir-1']);
  });

  test('roles and form tokens: a viewer gets 403 on any change, a POST without the token 403', async () => {
    await stack.request('POST', '/api/v1/customers', {
      token: acme.apiKey,
      body: { customer: { external_id: 'jane', name: 'Jane' } },
    });
    const { client: viewer } = await signedIn(acme.id, 'viewer');
    const page = await viewer.get('/customers/jane?tab=settings');
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /data-testid="(edit-language|open-portal|revoke-portal)"/);
    const forged = await viewer.post('/customers/jane/document-language', { locale: 'de' });
    assert.equal(forged.status, 403);
    assert.match(forged.text, /data-error="forbidden"/);
    assert.equal((await viewer.get('/settings')).status, 403);

    const { client: member } = await signedIn(acme.id, 'member');
    await member.get('/customers/jane?tab=settings');
    const noToken = await member.post(
      '/customers/jane/document-language',
      { locale: 'de' },
      { csrf: null },
    );
    assert.equal(noToken.status, 403);
    assert.match(noToken.text, /data-error="csrf"/);
    const wrongToken = await member.post(
      '/customers/jane/document-language',
      { locale: 'de' },
      { csrf: 'x'.repeat(32) },
    );
    assert.equal(wrongToken.status, 403);
    const customer = await stack.request<{
      customer: { billing_configuration: { document_locale: string | null } };
    }>('GET', '/api/v1/customers/jane', { token: acme.apiKey });
    assert.equal(
      customer.body.customer.billing_configuration.document_locale,
      null,
      'nothing changed',
    );
  });

  test("another organization's customer is a 404 without its data", async () => {
    await stack.request('POST', '/api/v1/customers', {
      token: globex.apiKey,
      body: { customer: { external_id: 'globex-secret', name: 'Secret Globex Customer' } },
    });
    const { client } = await signedIn(acme.id, 'admin');
    for (const path of ['/customers/globex-secret', '/customers/globex-secret?tab=settings']) {
      const page = await client.get(path);
      assert.equal(page.status, 404);
      assert.doesNotMatch(page.text, /Secret Globex Customer/);
    }
    await client.get('/customers');
    assert.equal(
      (await client.post('/customers/globex-secret/portal', { mode: 'open' })).status,
      404,
    );
  });

  test('the last admin can be neither removed nor demoted; with a second admin, it can', async () => {
    const org = await stack.createOrganization({ name: 'Solo' });
    const { client, operatorId } = await signedIn(org.id, 'admin');
    await client.get('/settings/members');
    const remove = await client.post(`/settings/members/${operatorId}/remove`, { confirm: 'yes' });
    assert.equal(remove.status, 409);
    assert.match(remove.text, /data-error="conflict"/);
    await client.get('/settings/members');
    assert.equal(
      (await client.post(`/settings/members/${operatorId}/role`, { role: 'member' })).status,
      409,
    );
    await client.get('/settings/members');
    const invited = await client.post('/settings/members', {
      email: 'second@solo.example',
      role: 'admin',
    });
    assert.equal(invited.status, 200);
    const link = /id="setup-link" readonly value="([^"]+)"/.exec(invited.text)![1]!;
    assert.ok(link.startsWith(`${stack.consoleUrl}/set-password/`));
    assert.equal(
      (await client.post(`/settings/members/${operatorId}/role`, { role: 'member' })).status,
      303,
    );
    const activity = await client.get('/settings');
    assert.equal(activity.status, 403, 'now a member: organization pages are closed');
    const log = await (await signedIn(org.id, 'viewer')).client.get('/activity');
    assert.match(log.text, /data-action="operator.role_changed"/);
    assert.match(log.text, /data-action="operator.invited"/);
  });

  test('organization settings: the form is the admin API; the Lago HMAC key is write-only', async () => {
    const { client } = await signedIn(acme.id, 'admin');
    const page = await client.get('/settings');
    assert.equal(page.status, 200);
    assert.match(
      page.text,
      new RegExp(`value="${stack.publicUrl.replace(/[.]/g, '\\.')}/webhooks/lago/${acme.id}"`),
    );
    const bad = await client.post('/settings', {
      name: 'Acme',
      brand_color: 'red',
      embed_origins: '',
    });
    assert.equal(bad.status, 422);
    await client.get('/settings');
    const saved = await client.post('/settings', {
      name: 'Acme Inc',
      display_name: 'Acme',
      default_document_locale: 'de',
      brand_color: '#112233',
      logo_url: '',
      embed_origins: 'https://app.acme.example',
    });
    assert.equal(saved.status, 303);
    const org = await stack.admin<{ organization: Record<string, unknown> }>(
      'GET',
      `/admin/v1/organizations/${acme.id}`,
    );
    assert.equal(org.body.organization.name, 'Acme Inc');
    assert.equal(org.body.organization.default_document_locale, 'de');
    assert.deepEqual(org.body.organization.embed_origins, ['https://app.acme.example']);

    await client.get('/settings');
    const secret = `hmac-${randomBytes(8).toString('hex')}`;
    assert.equal(
      (await client.post('/settings/lago', { hmac_key: secret, rsa_public_key: '', api_url: '' }))
        .status,
      303,
    );
    const after = await client.get('/settings');
    assert.ok(!after.text.includes(secret), 'the key is never shown again');
    assert.match(after.text, /name="hmac_clear"/);
    const lago = await stack.admin<{ lago: { hmac_key_set: boolean } }>(
      'GET',
      `/admin/v1/organizations/${acme.id}/lago`,
    );
    assert.equal(lago.body.lago.hmac_key_set, true);
    const activity = await client.get('/activity');
    assert.match(activity.text, /data-action="organization.lago_updated"/);
    assert.match(activity.text, /data-action="organization.updated"/);
    assert.ok(!activity.text.includes(secret), 'nor in the activity log');
  });

  test('login attempts are limited per account and per address, with back-off: 429 and Retry-After', async () => {
    const client = new ConsoleClient(stack.consoleUrl);
    await client.get('/login');
    const email = admin.get('acme')!;
    let limited: Awaited<ReturnType<ConsoleClient['post']>> | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      const r = await client.post('/login', { email, password: `wrong-${i}-password` });
      if (r.status === 429) limited = r;
      else assert.equal(r.status, 401);
    }
    assert.ok(limited, 'the account is locked after its free attempts');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.match(limited.text, /data-error="rate_limited"/);
    const right = await client.post('/login', { email, password: PASSWORD });
    assert.ok([429, 303].includes(right.status));

    let addressLimited = false;
    for (let i = 0; i < 20 && !addressLimited; i++) {
      const r = await client.post('/login', {
        email: `nobody-${i}@example.com`,
        password: 'wrong-password',
      });
      addressLimited = r.status === 429;
    }
    assert.ok(addressLimited, 'many accounts from one address are limited too');
  });

  test('no library warns in the console or in customer-service after these writes', () => {
    for (const name of ['console', 'customer-service'] as const) {
      const logs = stack.app(name).logs;
      assert.ok(!logs.includes('[MONGOOSE] Warning'), `${name}: ${logs}`);
      assert.ok(!logs.includes('No resolvers provided'), `${name}: ${logs}`);
    }
  });
});

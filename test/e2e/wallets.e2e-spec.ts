import {
  billingEvent,
  LagoSender,
  PorticoStack,
  lagoWallet,
  lagoWalletTransaction,
  lagoWebhook,
  waitFor,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

const money = (amount: number, currency = 'EUR', lang = 'en') =>
  new Intl.NumberFormat(lang, { style: 'currency', currency }).format(amount);
const XSS = '<img src=x onerror=alert(1)>$t(portal.heading)';

describe('prepaid credits: wallets from Lago and upstream events, shown in the portal', () => {
  let stack: PorticoStack;
  let org: { id: string; apiKey: string };
  const lago = new LagoSender();
  const jane = `jane_${randomUUID().slice(0, 6)}`;
  const bob = `bob_${randomUUID().slice(0, 6)}`;

  const deliver = async (body: unknown) => {
    const raw = JSON.stringify(body);
    const response = await fetch(`${stack.url}/webhooks/lago/${org.id}`, {
      method: 'POST',
      headers: lago.headers(raw),
      body: raw,
    });
    assert.equal(response.status, 200, await response.text());
  };
  const publish = (type: string, data: Record<string, unknown>) =>
    stack.publish(type, billingEvent(type, org.id, data));
  const portalPath = async (externalId: string) => {
    const response = await stack.request<{ customer: { portal_url: string } }>(
      'GET',
      `/api/v1/customers/${externalId}/portal_url`,
      { token: org.apiKey },
    );
    assert.equal(response.status, 200);
    return new URL(response.body.customer.portal_url).pathname;
  };
  const get = async (path: string) => {
    const response = await fetch(`${stack.url}${path}`);
    return { status: response.status, html: await response.text() };
  };
  const walletIds = (html: string) =>
    [...html.matchAll(/data-wallet-id="([^"]+)"/g)].map((m) => m[1]);
  const transactionIds = (html: string) =>
    [...html.matchAll(/data-transaction-id="([^"]+)"/g)].map((m) => m[1]);
  const figure = (html: string, name: string) =>
    new RegExp(`data-figure="${name}">([^<]*)<`).exec(html)?.[1];
  const firstPageWhen = (path: string, until: (html: string) => boolean) =>
    waitFor('the portal page', async () => {
      const page = await get(path);
      return page.status === 200 && until(page.html) ? page.html : undefined;
    });

  beforeAll(async () => {
    stack = await PorticoStack.start();
    org = await stack.createOrganization({ name: 'Hooli' });
    const configured = await stack.admin('PUT', `/admin/v1/organizations/${org.id}/lago`, {
      hmac_key: lago.hmacKey,
      api_url: lago.apiUrl,
    });
    assert.equal(configured.status, 200, JSON.stringify(configured.body));
    for (const id of [jane, bob]) {
      const created = await stack.request('POST', '/api/v1/customers', {
        token: org.apiKey,
        body: { customer: { external_id: id, name: id } },
      });
      assert.equal(created.status, 200, JSON.stringify(created.body));
    }
  });
  afterAll(async () => stack?.stop());

  test('no wallet: no Credits section', async () => {
    const page = await get(await portalPath(jane));
    assert.equal(page.status, 200);
    assert.ok(!page.html.includes('data-testid="credits"'));
  });

  test('a Lago wallet.created webhook → the portal shows the credits, before the invoices', async () => {
    const walletId = randomUUID();
    const wallet = lagoWallet({
      lagoId: walletId,
      externalCustomerId: jane,
      rateAmount: '2.0',
      creditsBalance: '120.5',
      consumedCredits: '30',
      expirationAt: '2027-12-31T23:59:59Z',
    });
    await deliver(lagoWebhook('wallet.created', 'wallet', wallet));
    const path = await portalPath(jane);
    const html = await firstPageWhen(path, (h) => walletIds(h).includes(walletId));
    assert.ok(html.indexOf('data-testid="credits"') < html.indexOf('data-testid="results"'));
    assert.equal(figure(html, 'credits'), '120.5');
    assert.equal(figure(html, 'balance'), money(241));
    assert.equal(figure(html, 'consumed-credits'), '30');
    assert.equal(figure(html, 'consumed'), money(60));
    assert.equal(figure(html, 'rate'), money(2));
    assert.equal(figure(html, 'expires'), 'Dec 31, 2027');

    const transactionId = randomUUID();
    await deliver(
      lagoWebhook(
        'wallet_transaction.created',
        'wallet_transaction',
        lagoWalletTransaction({ lagoId: transactionId, walletId, creditAmount: '10.0' }),
      ),
    );
    const walletPage = await waitFor('the Lago transaction', async () => {
      const page = await get(`${path}/wallets/${walletId}`);
      return transactionIds(page.html).includes(transactionId) ? page.html : undefined;
    });
    assert.match(walletPage, /\+10/);
  });

  describe('a wallet and its transactions', () => {
    const walletId = `w_${randomUUID().slice(0, 8)}`;
    const base = {
      id: walletId,
      external_customer_id: jane,
      status: 'active',
      currency: 'EUR',
      name: XSS,
      rate_amount: '1.0',
      credits_balance: '100.0',
      balance_cents: 10_000,
      consumed_credits: '0',
      paid_top_up_min_amount_cents: 1_000,
      paid_top_up_max_amount_cents: 100_000,
      created_at: '2026-11-01T00:00:00Z',
      updated_at: '2026-11-02T00:00:00Z',
    };
    let path: string;
    const walletPath = (id = walletId) => `${path}/wallets/${encodeURIComponent(id)}`;

    beforeAll(async () => {
      path = await portalPath(jane);
      await publish('wallet.created', base);
      await firstPageWhen(path, (h) => walletIds(h).includes(walletId));
    });

    test('an older update changes nothing; a newer one does; the name stays text', async () => {
      await publish('wallet.updated', {
        ...base,
        credits_balance: '1.0',
        updated_at: '2026-11-01T12:00:00Z',
      });
      await publish('wallet.updated', {
        ...base,
        credits_balance: '75.0',
        balance_cents: 7_500,
        updated_at: '2026-11-03T00:00:00Z',
      });
      const html = await waitFor('the newer balance', async () => {
        const page = await get(walletPath());
        return page.status === 200 && figure(page.html, 'credits') === '75' ? page.html : undefined;
      });
      assert.equal(figure(html, 'balance'), money(75));
      assert.ok(!html.includes('<img src=x'), 'the wallet name is escaped');
      assert.ok(html.includes('$t(portal.heading)'), 'translation syntax in data stays text');
    });

    test('transactions, newest first, in pages of 20; a replay adds nothing', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 22; i++) {
        const id = `t_${String(i).padStart(2, '0')}_${randomUUID().slice(0, 4)}`;
        ids.push(id);
        const created = new Date(Date.UTC(2026, 10, 3, 0, i)).toISOString();
        const transaction = {
          id,
          wallet_id: walletId,
          status: i === 21 ? 'pending' : 'settled',
          transaction_status: i % 2 ? 'purchased' : 'granted',
          transaction_type: i % 3 === 0 ? 'outbound' : 'inbound',
          amount: '5.0',
          credit_amount: '5.0',
          created_at: created,
          updated_at: created,
        };
        await publish('wallet_transaction.created', transaction);
        if (i === 0) await publish('wallet_transaction.created', transaction);
      }
      const first = await waitFor('22 transactions', async () => {
        const page = await get(walletPath());
        return page.html.includes('of 22') ? page.html : undefined;
      });
      const newestFirst = [...ids].reverse();
      assert.deepEqual(transactionIds(first), newestFirst.slice(0, 20));
      assert.match(first, /Showing 1–20 of 22/);
      const older = /rel="next" href="([^"]+)"/.exec(first)![1]!.replaceAll('&#x3D;', '=');
      const second = await get(older);
      assert.equal(second.status, 200);
      assert.deepEqual(transactionIds(second.html), newestFirst.slice(20));
      assert.match(second.html, /Showing 21–22 of 22/);
      assert.match(second.html, /rel="prev"/);
      const pending = await stack.withInvoicesDb((db) =>
        db.collection('wallet_transactions').countDocuments({ upstream_id: ids[0] }),
      );
      assert.equal(pending, 1);
    });

    test("another customer's wallet id is a 404, like an unknown one", async () => {
      const bobPath = await portalPath(bob);
      const foreign = await get(`${bobPath}/wallets/${encodeURIComponent(walletId)}`);
      assert.equal(foreign.status, 404);
      assert.ok(!foreign.html.includes(walletId));
      assert.equal((await get(`${bobPath}/wallets/nope`)).status, 404);
      assert.equal((await get(`${bobPath}/wallets/${'x'.repeat(400)}`)).status, 404);
    });

    test('wallet.terminated: the wallet leaves the portal, and a later update keeps it out', async () => {
      await publish('wallet.terminated', {
        ...base,
        status: 'terminated',
        updated_at: '2026-11-04T00:00:00Z',
      });
      await waitFor('the wallet gone', async () => (await get(walletPath())).status === 404);
      await publish('wallet.updated', { ...base, updated_at: '2026-11-05T00:00:00Z' });
      const sentinel = `w_${randomUUID().slice(0, 8)}`;
      await publish('wallet.created', { ...base, id: sentinel, name: 'Sentinel' });
      const html = await firstPageWhen(path, (h) => walletIds(h).includes(sentinel));
      assert.ok(!walletIds(html).includes(walletId));
    });
  });

  test("a newer balance reaches the first page at once: portico.wallets.changed drops the gateway's list", async () => {
    const walletId = `w_${randomUUID().slice(0, 8)}`;
    const wallet = {
      id: walletId,
      external_customer_id: bob,
      status: 'active',
      currency: 'EUR',
      rate_amount: '1.0',
      credits_balance: '40.0',
      balance_cents: 4_000,
      consumed_credits: '0',
      created_at: '2026-11-01T00:00:00Z',
      updated_at: '2026-11-02T00:00:00Z',
    };
    const path = await portalPath(bob);
    await publish('wallet.created', wallet);
    await firstPageWhen(
      path,
      (h) => walletIds(h).includes(walletId) && figure(h, 'credits') === '40',
    );
    // Shown again, from the gateway's cached list (kept a minute unless announced otherwise).
    assert.equal(figure((await get(path)).html, 'credits'), '40');
    await publish('wallet.updated', {
      ...wallet,
      credits_balance: '55.0',
      balance_cents: 5_500,
      updated_at: '2026-11-03T00:00:00Z',
    });
    // waitFor gives up well within the cache's minute: only the announcement can drop the list.
    const html = await firstPageWhen(path, (h) => figure(h, 'credits') === '55');
    assert.equal(figure(html, 'balance'), money(55));
  });

  test('a poison wallet event is dead-lettered with the reason', async () => {
    await publish('wallet.created', {
      id: `w_bad_${randomUUID().slice(0, 6)}`,
      external_customer_id: jane,
      status: 'paused',
      currency: 'EUR',
      rate_amount: '1',
      credits_balance: '-5',
      balance_cents: 0,
      created_at: '2026-11-01T00:00:00Z',
      updated_at: '2026-11-01T00:00:00Z',
    });
    const reason = await stack.deadLetterReason();
    assert.match(reason, /^invalid_payload: /);
    assert.match(reason, /data\.status: /);
    assert.match(reason, /data\.credits_balance: /);
  });
});

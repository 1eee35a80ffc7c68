import { WalletCreated } from '@portico/contracts';
import {
  FakeLagoApi,
  PorticoStack,
  WebhookReceiver,
  waitFor,
  walletCreated,
} from '@portico/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';

const WALLET_TRANSACTIONS = /^\/api\/v1\/wallet_transactions$/;

describe('buying credits from the portal: once per form, within the wallet limits', () => {
  let stack: PorticoStack;
  let lagoApi: FakeLagoApi;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    stack = await PorticoStack.start({
      // The fake Lago API and the webhook receiver are on loopback, over plain http.
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
      LAGO_API_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_HTTP: 'true',
    });
    lagoApi = await FakeLagoApi.start();
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver?.close();
    await lagoApi?.close();
    await stack?.stop();
  });

  /** An organization whose customer has one wallet: 1 credit = €1, top-ups of €10 to €1,000. */
  async function setUp({ topUp = true, lagoKey = true } = {}) {
    const org = await stack.createOrganization({ name: 'Hooli' });
    if (lagoKey) {
      const lago = await stack.admin('PUT', `/admin/v1/organizations/${org.id}/lago`, {
        api_url: lagoApi.apiUrl,
        api_key: `lago-key-${randomUUID()}`,
      });
      assert.equal(lago.status, 200, JSON.stringify(lago.body));
    }
    if (topUp) {
      const settings = await stack.admin(
        'PATCH',
        `/admin/v1/organizations/${org.id}/portal-settings`,
        { wallet_top_up: true },
      );
      assert.equal(settings.status, 200, JSON.stringify(settings.body));
    }
    const customerId = `cus_${randomUUID().slice(0, 8)}`;
    const created = await stack.request('POST', '/api/v1/customers', {
      token: org.apiKey,
      body: { customer: { external_id: customerId, name: 'Jane' } },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const walletId = randomUUID();
    await stack.publishEvent(
      WalletCreated,
      org.id,
      walletCreated({ id: walletId, external_customer_id: customerId }),
    );
    const url = await stack.request<{ customer: { portal_url: string } }>(
      'GET',
      `/api/v1/customers/${customerId}/portal_url`,
      { token: org.apiKey },
    );
    const walletPath = `${new URL(url.body.customer.portal_url).pathname}/wallets/${walletId}`;
    await waitFor('the wallet page', async () => (await get(walletPath)).status === 200);
    return { org, customerId, walletId, walletPath };
  }

  const get = async (path: string) => {
    const response = await fetch(`${stack.url}${path}`);
    return { status: response.status, html: await response.text() };
  };
  const formOf = (html: string) => ({
    form_token: /name="form_token" value="([^"]+)"/.exec(html)?.[1] ?? '',
    nonce: /name="nonce" value="([^"]+)"/.exec(html)?.[1] ?? '',
  });
  const post = async (path: string, fields: Record<string, string>) => {
    const response = await fetch(`${stack.url}${path}/top-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    return {
      status: response.status,
      location: response.headers.get('location'),
      html: await response.text(),
    };
  };
  const toWallet = (walletId: string) =>
    lagoApi
      .requestsTo('POST', WALLET_TRANSACTIONS)
      .filter(
        (r) =>
          (r.body as { wallet_transaction?: { wallet_id?: string } }).wallet_transaction
            ?.wallet_id === walletId,
      );

  test('a top-up of 50 submitted twice → one wallet transaction at Lago', async () => {
    lagoApi.on('POST', WALLET_TRANSACTIONS, (request) => ({
      status: 200,
      body: {
        wallet_transactions: [
          {
            lago_id: randomUUID(),
            lago_wallet_id: (request.body as { wallet_transaction: { wallet_id: string } })
              .wallet_transaction.wallet_id,
            status: 'pending',
            transaction_type: 'inbound',
            amount: '50.0',
            credit_amount: '50.0',
            created_at: new Date().toISOString(),
          },
        ],
      },
    }));
    const { walletPath, walletId } = await setUp();
    const page = await get(walletPath);
    assert.match(page.html, /data-testid="top-up"/);
    assert.match(page.html, /Between 10 and 1,000 credits per purchase\./);
    const form = formOf(page.html);
    // A double click: both posts at once; then a retry of the same form.
    const [first, second] = await Promise.all([
      post(walletPath, { ...form, credits: '50' }),
      post(walletPath, { ...form, credits: '50' }),
    ]);
    const retry = await post(walletPath, { ...form, credits: '50' });
    for (const answer of [first, second, retry]) {
      assert.equal(answer.status, 303, answer.html);
      assert.equal(answer.location, `${walletPath}?top_up=requested`);
    }
    const sent = toWallet(walletId);
    assert.equal(sent.length, 1, 'one wallet transaction, not one per post');
    assert.deepEqual(sent[0]!.body, {
      wallet_transaction: { wallet_id: walletId, paid_credits: '50' },
    });
    assert.match(String(sent[0]!.headers['idempotency-key']), /^wtu_/);
    assert.match(String(sent[0]!.headers.authorization), /^Bearer lago-key-/);
    const after = await get(first.location!);
    assert.match(after.html, /data-testid="top-up-requested"/);
    // A new form (the page shown again) is a new request.
    const again = await post(walletPath, { ...formOf(after.html), credits: '12,5' });
    assert.equal(again.status, 303);
    assert.equal(toWallet(walletId).length, 2);
    assert.equal(
      (toWallet(walletId)[1]!.body as { wallet_transaction: { paid_credits: string } })
        .wallet_transaction.paid_credits,
      '12.5',
    );
  });

  test('a top-up outside min/max, or not a number → the form error, nothing sent', async () => {
    const { walletPath, walletId } = await setUp();
    const form = formOf((await get(walletPath)).html);
    for (const [credits, message] of [
      ['5', 'Enter between 10 and 1,000 credits.'],
      ['1000.01', 'Enter between 10 and 1,000 credits.'],
      ['fifty', 'Enter a number of credits greater than zero.'],
      ['0', 'Enter a number of credits greater than zero.'],
    ] as const) {
      const answer = await post(walletPath, { ...form, credits });
      assert.equal(answer.status, 422, credits);
      const error = /data-testid="top-up-error">([^<]*)</.exec(answer.html)?.[1];
      assert.equal(error, message, credits);
      assert.match(answer.html, /aria-invalid="true"/);
      assert.ok(answer.html.includes(`value="${credits}"`), 'what was typed stays');
    }
    const limit = await post(walletPath, {
      ...formOf((await get(walletPath)).html),
      credits: '1000',
    });
    assert.equal(limit.status, 303, 'the maximum itself is allowed');
    assert.equal(toWallet(walletId).length, 1);
  });

  test('without the form token, or with the setting off: refused, nothing sent', async () => {
    const { walletPath, walletId } = await setUp();
    const { nonce } = formOf((await get(walletPath)).html);
    const forged = await post(walletPath, { nonce, credits: '50' });
    assert.equal(forged.status, 403);
    const off = await setUp({ topUp: false });
    const page = await get(off.walletPath);
    assert.ok(!page.html.includes('data-testid="top-up"'), 'no form when the setting is off');
    const firstPage = await get(off.walletPath.replace(/\/wallets\/.*$/, ''));
    assert.match(firstPage.html, /data-testid="wallet-link"/);
    assert.ok(!firstPage.html.includes('wallet-buy-link'), 'no link to buy either');
    assert.equal(toWallet(walletId).length + toWallet(off.walletId).length, 0);
  });

  test('Lago answering 500: the form says so, and resubmitting that form sends nothing more', async () => {
    const { walletPath, walletId } = await setUp();
    lagoApi.on('POST', WALLET_TRANSACTIONS, () => ({ status: 500 }));
    const form = formOf((await get(walletPath)).html);
    const failed = await post(walletPath, { ...form, credits: '20' });
    assert.equal(failed.status, 503);
    assert.match(failed.html, /Credits cannot be bought right now/);
    const again = await post(walletPath, { ...form, credits: '20' });
    assert.equal(again.status, 303, 'that form was used: reported as requested, not resent');
    assert.equal(toWallet(walletId).length, 1);
  });

  test('an organization without a Lago API key: wallet.top_up_requested to its webhook endpoint', async () => {
    const { org, walletPath, walletId, customerId } = await setUp({ lagoKey: false });
    const endpoint = await stack.admin(
      'POST',
      `/admin/v1/organizations/${org.id}/webhook-endpoints`,
      {
        url: receiver.url,
        event_types: ['wallet.top_up_requested'],
      },
    );
    assert.equal(endpoint.status, 201, JSON.stringify(endpoint.body));
    const form = formOf((await get(walletPath)).html);
    await Promise.all([
      post(walletPath, { ...form, credits: '75' }),
      post(walletPath, { ...form, credits: '75' }),
    ]);
    const delivered = await receiver.waitForRequest('the top-up webhook', (r) =>
      r.body.includes(walletId),
    );
    const body = JSON.parse(delivered.body) as { type: string; data: Record<string, unknown> };
    assert.equal(body.type, 'wallet.top_up_requested');
    assert.equal(body.data.external_customer_id, customerId);
    assert.equal(body.data.paid_credits, '75');
    // One claim, so one event published: the second post found the claim and sent nothing.
    const claims = await stack.withInvoicesDb((db) =>
      db.collection('wallet_top_ups').countDocuments({ wallet_id: walletId }),
    );
    assert.equal(claims, 1);
    assert.equal(receiver.received.filter((r) => r.body.includes(walletId)).length, 1);
    assert.equal(toWallet(walletId).length, 0);
  });
});

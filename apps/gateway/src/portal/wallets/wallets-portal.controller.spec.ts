import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import {
  GetWallet,
  RequestWalletTopUp,
  VerifyPortalSession,
  type RpcResponse,
  type WalletView,
} from '@portico/contracts';
import assert from 'node:assert/strict';
import { startInProcessGateway, type InProcessGateway } from '../../../test/in-process-gateway';
import { PortalTokens } from '../../portal-sessions/portal-tokens';

let walletTopUp = true;
const session = (): RpcResponse<typeof VerifyPortalSession> => ({
  organization: {
    id: 'org_portal',
    name: 'Acme',
    display_name: null,
    default_document_locale: 'en',
    embed_origins: ['https://app.example.com'],
    brand_color: null,
    logo_url: null,
    portal_settings: { editable_customer_fields: [], wallet_top_up: walletTopUp },
  },
  customer: {
    id: 'cus_1',
    external_id: 'jane',
    name: 'Jane',
    email: null,
    currency: 'EUR',
    document_locale: 'en',
  },
  locale: 'en',
});
const wallet: WalletView = {
  id: 'w-1',
  external_customer_id: 'jane',
  status: 'active',
  currency: 'EUR',
  name: '<b>Team</b>',
  rate_amount: '2.0',
  credits_balance: '10.0',
  balance_cents: 2_000,
  consumed_credits: '0',
  consumed_amount_cents: 0,
  paid_top_up_min_amount_cents: 2_000,
  paid_top_up_max_amount_cents: 20_000,
  expiration_at: null,
  created_at: '2026-11-01T00:00:00.000Z',
  updated_at: '2026-11-01T00:00:00.000Z',
};

describe('/customer-portal/:token/wallets/:id (in process)', () => {
  let gateway: InProcessGateway;
  let generation = 0;
  let token = '';
  const path = () => `/customer-portal/${token}/wallets/w-1`;
  const get = () => gateway.app.inject({ method: 'GET', url: path() });
  const post = (fields: Record<string, string>) =>
    gateway.app.inject({
      method: 'POST',
      url: `${path()}/top-up`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const formOf = (html: string) => ({
    form_token: /name="form_token" value="([^"]+)"/.exec(html)?.[1] ?? '',
    nonce: /name="nonce" value="([^"]+)"/.exec(html)?.[1] ?? '',
  });
  const topUps = () => gateway.rpc.callsTo(RequestWalletTopUp).length;

  beforeAll(async () => {
    gateway = await startInProcessGateway({});
    gateway.rpc.answer(VerifyPortalSession, () => session());
    gateway.rpc.answer(GetWallet, () => ({
      wallet,
      wallet_transactions: [],
      meta: { current_page: 1, next_page: null, prev_page: null, total_pages: 0, total_count: 0 },
    }));
    gateway.rpc.answer(RequestWalletTopUp, () => ({
      outcome: 'requested' as const,
      channel: 'lago' as const,
    }));
  });
  beforeEach(() => {
    walletTopUp = true;
    token = gateway.app.get(PortalTokens).issue({
      organizationId: 'org_portal',
      customerId: 'cus_1',
      generation: ++generation,
      expiresInSeconds: 3_600,
    }).token;
  });
  afterAll(async () => gateway.close());

  test('the form shows the limits in credits (cents ÷ rate), with a token and a nonce', async () => {
    const page = await get();
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Between 10 and 100 credits per purchase\./);
    const form = formOf(page.body);
    assert.ok(form.form_token && form.nonce);
    assert.ok(!page.body.includes('<b>Team</b>'), 'the wallet name is escaped');
  });

  test('a valid request is passed on with its nonce and answered 303', async () => {
    const form = formOf((await get()).body);
    const before = topUps();
    const answer = await post({ ...form, credits: ' 15 ' });
    assert.equal(answer.statusCode, 303, answer.body);
    assert.match(String(answer.headers.location), /\/wallets\/w-1\?top_up=requested$/);
    const sent = gateway.rpc.callsTo(RequestWalletTopUp).at(-1) as Record<string, unknown>;
    assert.equal(sent.credits, '15');
    assert.equal(sent.nonce, form.nonce);
    assert.equal(topUps(), before + 1);
  });

  test('outside the limits → 422 with the error; no form token or another form → 403', async () => {
    const form = formOf((await get()).body);
    const before = topUps();
    const low = await post({ ...form, credits: '9' });
    assert.equal(low.statusCode, 422);
    assert.match(low.body, /Enter between 10 and 100 credits\./);
    const missing = await post({ nonce: form.nonce, credits: '15' });
    assert.equal(missing.statusCode, 403, /data-portico-error="[^"]*"/.exec(missing.body)?.[0]);
    const noNonce = await post({ form_token: form.form_token, credits: '15' });
    assert.equal(noNonce.statusCode, 403);
    assert.equal(topUps(), before);
  });

  test('top-up off: no form, and a post is refused', async () => {
    walletTopUp = false;
    const page = await get();
    assert.ok(!page.body.includes('data-testid="top-up"'));
    walletTopUp = true;
    const form = formOf((await get()).body);
    walletTopUp = false;
    const answer = await post({ ...form, credits: '15' });
    assert.equal(answer.statusCode, 403);
  });
});

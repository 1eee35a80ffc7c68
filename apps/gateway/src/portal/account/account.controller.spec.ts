import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import {
  GetCustomer,
  UpdateCustomerFromPortal,
  VerifyPortalSession,
  buildCustomerView,
  type PortalCustomerField,
  type RpcResponse,
} from '@portico/contracts';
import assert from 'node:assert/strict';
import { startInProcessGateway, type InProcessGateway } from '../../../test/in-process-gateway';
import { PortalTokens } from '../../portal-sessions/portal-tokens';

const HOST = 'https://app.example.com';
const HOSTILE = '<img src=x onerror=alert(1)>$t(portal.heading){{lang}}';
const session = (editable: PortalCustomerField[]): RpcResponse<typeof VerifyPortalSession> => ({
  organization: {
    id: 'org_portal',
    name: 'Acme',
    display_name: null,
    default_document_locale: 'en',
    embed_origins: [HOST],
    brand_color: null,
    logo_url: null,
    portal_settings: { editable_customer_fields: editable, wallet_top_up: false },
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
const customer = buildCustomerView({
  id: 'cus_1',
  external_id: 'jane',
  name: 'Jane',
  email: 'jane@example.com',
  currency: 'EUR',
  document_locale: 'en',
  legal_name: HOSTILE,
  address_line1: '5 rue de la Paix',
  city: 'Paris',
  zipcode: '75002',
  country: 'FR',
  created_at: '2026-11-01T00:00:00.000Z',
  updated_at: '2026-11-01T00:00:00.000Z',
});

describe('/customer-portal/:token/account (in process)', () => {
  let gateway: InProcessGateway;
  let generation = 0;
  let token = '';
  const mint = () =>
    gateway.app.get(PortalTokens).issue({
      organizationId: 'org_portal',
      customerId: 'cus_1',
      generation: ++generation,
      expiresInSeconds: 3_600,
    }).token;
  const get = (path = '') =>
    gateway.app.inject({ method: 'GET', url: `/customer-portal/${token}/account${path}` });
  const post = (fields: Record<string, string>) =>
    gateway.app.inject({
      method: 'POST',
      url: `/customer-portal/${token}/account`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const formTokenOf = (html: string) => /name="form_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const updates = () => gateway.rpc.callsTo(UpdateCustomerFromPortal).length;

  beforeAll(async () => {
    gateway = await startInProcessGateway({});
    gateway.rpc.answer(GetCustomer, () => ({ customer }));
    gateway.rpc.answer(UpdateCustomerFromPortal, () => ({
      customer,
      changed_fields: ['city' as const],
      before: {} as never,
      after: {} as never,
    }));
  });
  beforeEach(() => {
    token = mint();
  });
  afterAll(async () => gateway.close());

  test('editing off: the details, escaped, and no form; a post is refused and changes nothing', async () => {
    gateway.rpc.answer(VerifyPortalSession, () => session([]));
    const page = await get();
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-testid="account-summary"/);
    assert.match(page.body, /75002 Paris/);
    assert.match(page.body, /France/);
    assert.doesNotMatch(page.body, /<form method="post"/);
    assert.ok(!page.body.includes('<img src=x'), 'markup in a detail is text');
    assert.ok(page.body.includes('&lt;img src'), 'shown as text');
    assert.ok(page.body.includes('$t(portal.heading){{lang}}'), 'translation syntax stays literal');
    const forged = await post({ city: 'Lyon', form_token: '1.abc' });
    assert.equal(forged.statusCode, 403);
    assert.equal(updates(), 0);
  });

  test('editing on: only the editable fields have inputs; a post without the page token is refused', async () => {
    gateway.rpc.answer(VerifyPortalSession, () => session(['city', 'country']));
    const page = await get();
    assert.match(page.body, /name="city" type="text" value="Paris"/);
    assert.match(page.body, /<select id="account-country" name="country"/);
    assert.match(page.body, /<option value="FR" selected>France<\/option>/);
    assert.doesNotMatch(page.body, /name="email"/);
    const withoutToken = await post({ city: 'Lyon' });
    assert.equal(withoutToken.statusCode, 403);
    const wrongToken = await post({
      city: 'Lyon',
      form_token: `${Math.floor(Date.now() / 1000)}.forged`,
    });
    assert.equal(wrongToken.statusCode, 403);
    assert.equal(updates(), 0);
  });

  test('a field the page does not show, posted with a good token: refused, nothing changed', async () => {
    gateway.rpc.answer(VerifyPortalSession, () => session(['city']));
    const formToken = formTokenOf((await get()).body);
    const response = await post({ city: 'Lyon', email: 'evil@example.com', form_token: formToken });
    assert.equal(response.statusCode, 403);
    assert.equal(updates(), 0);
  });

  test('an invalid country and a too-long city: 422, each message beside its field, values kept', async () => {
    gateway.rpc.answer(VerifyPortalSession, () => session(['city', 'country']));
    const formToken = formTokenOf((await get()).body);
    const response = await post({ city: 'x'.repeat(201), country: 'XX', form_token: formToken });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /aria-describedby="account-country-error"/);
    assert.match(
      response.body,
      /id="account-country-error" data-error-for="country">Choose a country/,
    );
    assert.match(
      response.body,
      /id="account-city-error" data-error-for="city">Use at most 200 characters/,
    );
    assert.equal(updates(), 0);
  });

  test('a valid edit: the changes as the contract has them, then back to the page (303)', async () => {
    gateway.rpc.answer(VerifyPortalSession, () => session(['city', 'country', 'shipping_address']));
    const formToken = formTokenOf((await get()).body);
    const response = await post({
      city: ' Lyon ',
      country: 'fr',
      shipping_same_as_billing: 'yes',
      form_token: formToken,
    });
    assert.equal(response.statusCode, 303, response.body);
    assert.match(String(response.headers.location), /\/account\?saved=1$/);
    const [sent] = gateway.rpc.callsTo(UpdateCustomerFromPortal) as {
      changes: Record<string, unknown>;
      edited_by: string;
    }[];
    assert.deepEqual(sent?.changes, { city: 'Lyon', country: 'FR', shipping_address: null });
    assert.match(sent?.edited_by ?? '', /^portal:/);
  });
});

import { afterAll, beforeAll, describe, test } from '@jest/globals';
import {
  DomainError,
  ErrorCode,
  ListInvoices,
  VerifyPortalSession,
  type RpcResponse,
} from '@portico/contracts';
import assert from 'node:assert/strict';
import { startInProcessGateway, type InProcessGateway } from '../../test/in-process-gateway';
import { PortalTokens } from '../portal-sessions/portal-tokens';

// The portal page in process: the real guard, filter, views and headers; the services faked.
const HOST = 'https://app.example.com';
const session = (locale = 'fr'): RpcResponse<typeof VerifyPortalSession> => ({
  organization: {
    id: 'org_portal',
    name: 'Acme',
    display_name: null,
    default_document_locale: 'en',
    embed_origins: [HOST],
    brand_color: '#0a7f5a',
    logo_url: null,
  },
  customer: {
    id: 'cus_1',
    external_id: 'jane',
    name: 'Jane',
    email: null,
    currency: 'EUR',
    document_locale: locale,
  },
  locale,
});
const emptyPage: RpcResponse<typeof ListInvoices> = {
  invoices: [],
  next_cursor: null,
  previous_cursor: null,
  total_count: 0,
  offset: 0,
  totals: [],
};

describe('GET /customer-portal/:token (in process)', () => {
  let gateway: InProcessGateway;
  let generation = 0;
  const mint = (expiresInSeconds = 3_600) =>
    gateway.app.get(PortalTokens).issue({
      organizationId: 'org_portal',
      customerId: 'jane',
      // A generation of its own per token: the verifier's cache never answers for another test.
      generation: ++generation,
      expiresInSeconds,
    }).token;
  const open = (path: string, headers: Record<string, string> = {}) =>
    gateway.app.inject({ method: 'GET', url: path, headers });

  beforeAll(async () => {
    gateway = await startInProcessGateway({ RATE_LIMIT_PORTAL: '3' });
    gateway.rpc.answer(ListInvoices, () => emptyPage);
  });
  afterAll(async () => gateway.close());

  test('a valid session: the page in its locale, framed only by the embed origins', async () => {
    gateway.rpc.answer(VerifyPortalSession, () => session('fr'));
    const response = await open(`/customer-portal/${mint()}`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /text\/html/);
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, new RegExp(`frame-ancestors 'self' ${HOST}(;|$)`));
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, 'the brand colour by nonce');
    assert.ok(response.body.includes(`<style nonce="${nonce}">`));
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
    assert.match(response.body, /<html lang="fr" dir="ltr">/);
    const [verify] = gateway.rpc.callsTo(VerifyPortalSession) as { customer_id: string }[];
    assert.equal(verify?.customer_id, 'jane');
  });

  test('a token that is not one: 401 and the "invalid link" page, no service asked', async () => {
    const before = gateway.rpc.calls.length;
    const response = await open('/customer-portal/not-a-token', { 'accept-language': 'de' });
    assert.equal(response.statusCode, 401);
    assert.match(String(response.headers['content-type']), /text\/html/);
    assert.match(response.body, /data-state="invalid"/);
    assert.match(response.body, /<html lang="de"/);
    assert.equal(gateway.rpc.calls.length, before);
  });

  test('an expired token: 401 and the "expired" page', async () => {
    const response = await open(`/customer-portal/${mint(-60)}`);
    assert.equal(response.statusCode, 401);
    assert.match(response.body, /data-state="expired"/);
  });

  test('a revoked session: the "invalid link" page', async () => {
    gateway.rpc.answer(VerifyPortalSession, () => {
      throw new DomainError(ErrorCode.PortalSessionRevoked, 'revoked');
    });
    const response = await open(`/customer-portal/${mint()}`);
    assert.equal(response.statusCode, 401);
    assert.match(response.body, /data-state="invalid"/);
  });

  test('customer-service away: 503, a page that offers to retry, still framable', async () => {
    gateway.rpc.answer(VerifyPortalSession, () => {
      throw new DomainError(ErrorCode.ServiceUnavailable, 'no answer');
    });
    const response = await open(`/customer-portal/${mint()}`);
    assert.equal(response.statusCode, 503);
    assert.match(response.body, /data-state="unavailable"/);
    assert.match(String(response.headers['content-security-policy']), /default-src 'none'/);
  });

  test('rate-limited per session: 429 with Retry-After, x-ratelimit-* and a page in the browser language', async () => {
    gateway.rpc.answer(VerifyPortalSession, () => session('en'));
    const path = `/customer-portal/${mint()}`;
    for (let i = 0; i < 3; i++) {
      const response = await open(path);
      assert.notEqual(response.statusCode, 429);
      assert.equal(response.headers['x-ratelimit-limit'], '3');
      assert.equal(response.headers['x-ratelimit-remaining'], String(2 - i));
    }
    const limited = await open(path, { 'accept-language': 'fr' });
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    assert.equal(limited.headers['x-ratelimit-remaining'], '0');
    assert.ok(Number(limited.headers['x-ratelimit-reset']) >= 1);
    assert.match(String(limited.headers['content-type']), /text\/html/);
    assert.match(limited.body, /data-state="rate-limited"/);
    assert.match(limited.body, /<html lang="fr"/);
    // Counted per session, not per client: another session of the same client still gets in.
    assert.equal((await open(`/customer-portal/${mint()}`)).statusCode, 200);
  });
});

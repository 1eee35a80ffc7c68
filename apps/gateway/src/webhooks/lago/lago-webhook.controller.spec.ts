import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { GetLagoWebhookKeys } from '@portico/contracts';
import { LagoSender, lagoInvoice, lagoWebhook } from '@portico/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startInProcessGateway, type InProcessGateway } from '../../../test/in-process-gateway';

describe('POST /webhooks/lago/:organization_id (in process)', () => {
  let gateway: InProcessGateway;
  const lago = new LagoSender();
  const deliver = (body: string, headers: Record<string, string> = lago.headers(body)) =>
    gateway.app.inject({ method: 'POST', url: '/webhooks/lago/org_lago', headers, payload: body });
  const invoiceCreated = () =>
    JSON.stringify(
      lagoWebhook('invoice.created', 'invoice', lagoInvoice({ lagoId: randomUUID() })),
    );

  beforeAll(async () => {
    gateway = await startInProcessGateway();
    gateway.rpc.answer(GetLagoWebhookKeys, () => ({
      hmac_key: lago.hmacKey,
      rsa_public_key: lago.publicKeyPem,
      api_url: lago.apiUrl,
    }));
  });
  afterAll(async () => gateway.close());

  test('a signed invoice.created: published once, then a replay is a duplicate', async () => {
    const body = invoiceCreated();
    const headers = lago.headers(body);
    const before = gateway.events.published.length;
    const first = await deliver(body, headers);
    assert.equal(first.statusCode, 200, first.body);
    const accepted = first.json<{ status: string; event_ids: string[] }>();
    assert.equal(accepted.status, 'accepted');
    const published = gateway.events.published.slice(before);
    assert.ok(published.some((e) => e.type === 'invoice.created'));
    assert.deepEqual(
      published.map((e) => (e.body as { id: string }).id),
      accepted.event_ids,
    );
    const again = await deliver(body, headers);
    assert.deepEqual(again.json(), { status: 'duplicate' });
    assert.equal(gateway.events.published.length, before + accepted.event_ids.length);
  });

  test('RS256 (jwt) signatures verify too', async () => {
    const body = invoiceCreated();
    const response = await deliver(body, lago.headers(body, 'jwt'));
    assert.equal(response.statusCode, 200, response.body);
  });

  test('a forged or missing signature: 401 webhook_signature_invalid, nothing published', async () => {
    const body = invoiceCreated();
    const before = gateway.events.published.length;
    const forged = { ...lago.headers(body), 'x-lago-signature': lago.hmacSignature(body, 'wrong') };
    const { 'x-lago-signature': _dropped, ...unsigned } = lago.headers(body);
    for (const headers of [forged, unsigned]) {
      const response = await deliver(body, headers);
      assert.equal(response.statusCode, 401);
      assert.equal(response.json<{ code: string }>().code, 'webhook_signature_invalid');
    }
    assert.equal(gateway.events.published.length, before);
  });

  test('types Portico does not use: 200 ignored; malformed JSON: 400', async () => {
    const ignored = JSON.stringify(lagoWebhook('plan.created', 'plan', { lago_id: randomUUID() }));
    assert.deepEqual((await deliver(ignored)).json(), {
      status: 'ignored',
      webhook_type: 'plan.created',
    });
    const malformed = await deliver('{"webhook_type": "invoice.created", ');
    assert.equal(malformed.statusCode, 400);
  });
});

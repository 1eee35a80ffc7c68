import { DomainError, ErrorCode } from '@portico/contracts';
import { LagoSender } from '@portico/testing';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { lagoDeliveryHeaders, verifyLagoSignature } from './lago-signature';

const lago = new LagoSender();
const keys = { hmac_key: lago.hmacKey, rsa_public_key: lago.publicKeyPem, api_url: lago.apiUrl };
const body = '{"webhook_type":"invoice.created","object_type":"invoice","invoice":{}}';
const rejects = (fn: () => void, what: string) =>
  assert.throws(
    fn,
    (e: unknown) => e instanceof DomainError && e.code === ErrorCode.WebhookSignatureInvalid,
    what,
  );

describe('Lago signatures', () => {
  test('hmac: the base64 HMAC-SHA256 of the exact bytes', () => {
    const raw = Buffer.from(body);
    verifyLagoSignature(raw, { algorithm: 'hmac', signature: lago.hmacSignature(body) }, keys);
    rejects(
      () =>
        verifyLagoSignature(
          Buffer.from(`${body} `),
          { algorithm: 'hmac', signature: lago.hmacSignature(body) },
          keys,
        ),
      'a changed body',
    );
    rejects(
      () =>
        verifyLagoSignature(
          raw,
          { algorithm: 'hmac', signature: lago.hmacSignature(body, 'other key') },
          keys,
        ),
      'another key',
    );
    rejects(() => verifyLagoSignature(raw, { algorithm: 'hmac', signature: '' }, keys), 'empty');
    rejects(
      () =>
        verifyLagoSignature(
          raw,
          { algorithm: 'hmac', signature: lago.hmacSignature(body) },
          { ...keys, hmac_key: null },
        ),
      'no key configured',
    );
  });

  test("jwt: RS256 from Lago's key, for this body, from the configured issuer", () => {
    const raw = Buffer.from(body);
    verifyLagoSignature(raw, { algorithm: 'jwt', signature: lago.jwtSignature(body) }, keys);
    verifyLagoSignature(
      raw,
      { algorithm: 'jwt', signature: lago.jwtSignature(body) },
      { ...keys, api_url: `${lago.apiUrl}/` },
    );
    rejects(
      () =>
        verifyLagoSignature(raw, { algorithm: 'jwt', signature: lago.jwtSignature('{}') }, keys),
      'signed for another body',
    );
    rejects(
      () =>
        verifyLagoSignature(
          raw,
          { algorithm: 'jwt', signature: lago.jwtSignature(body, { issuer: 'https://x.test' }) },
          keys,
        ),
      'another issuer',
    );
    rejects(
      () =>
        verifyLagoSignature(
          raw,
          { algorithm: 'jwt', signature: new LagoSender().jwtSignature(body) },
          keys,
        ),
      'another key',
    );
    const [, payload] = lago.jwtSignature(body).split('.');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    rejects(
      () => verifyLagoSignature(raw, { algorithm: 'jwt', signature: none }, keys),
      'alg none',
    );
    rejects(
      () => verifyLagoSignature(raw, { algorithm: 'jwt', signature: 'a.b' }, keys),
      'not a JWT',
    );
  });

  test('any other algorithm is refused', () => {
    rejects(
      () =>
        verifyLagoSignature(Buffer.from(body), { algorithm: 'HMAC-SHA1', signature: 'x' }, keys),
      'unknown algorithm',
    );
  });

  test('every delivery header is required', () => {
    const headers = {
      'x-lago-signature': 'sig',
      'x-lago-signature-algorithm': 'hmac',
      'x-lago-unique-key': '0b6f1a2c-3d4e-4f50-9a8b-7c6d5e4f3a2b',
    };
    assert.deepEqual(lagoDeliveryHeaders(headers), {
      signature: 'sig',
      algorithm: 'hmac',
      uniqueKey: '0b6f1a2c-3d4e-4f50-9a8b-7c6d5e4f3a2b',
    });
    for (const name of Object.keys(headers)) {
      rejects(() => lagoDeliveryHeaders({ ...headers, [name]: undefined }), `without ${name}`);
    }
    rejects(() => lagoDeliveryHeaders({ ...headers, 'x-lago-unique-key': '../../x' }), 'odd key');
  });
});

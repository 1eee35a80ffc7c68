import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret } from './webhook-secret';
import { signDelivery } from './webhook-signer';

// The test vector published with the Standard Webhooks specification and its libraries.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

/** The specification's algorithm written out: HMAC-SHA256 of "id.timestamp.body", base64. */
function specSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

describe('signDelivery', () => {
  test("matches the specification's published vector", () => {
    const headers = signDelivery(
      [VECTOR.secret],
      VECTOR.id,
      new Date(VECTOR.timestamp * 1000),
      VECTOR.payload,
    );
    assert.equal(headers['webhook-signature'], VECTOR.signature);
    assert.equal(headers['webhook-timestamp'], String(VECTOR.timestamp));
    assert.equal(headers['webhook-id'], VECTOR.id);
  });

  test('two secrets during a rotation: two signatures, each verifies alone', () => {
    const [newer, older] = [generateWebhookSecret(), generateWebhookSecret()];
    const at = new Date();
    const body = JSON.stringify({ type: 'portico.test', timestamp: at.toISOString(), data: {} });
    const headers = signDelivery([newer, older], 'msg_x', at, body);
    const parts = headers['webhook-signature'].split(' ');
    assert.equal(parts.length, 2);
    assert.equal(parts[0], specSignature(newer, 'msg_x', headers['webhook-timestamp'], body));
    assert.equal(parts[1], specSignature(older, 'msg_x', headers['webhook-timestamp'], body));
    for (const secret of [newer, older]) {
      assert.deepEqual(new Webhook(secret).verify(body, { ...headers }), JSON.parse(body));
    }
    assert.throws(() => new Webhook(generateWebhookSecret()).verify(body, { ...headers }));
  });

  test('a tampered body does not verify', () => {
    const secret = generateWebhookSecret();
    const headers = signDelivery([secret], 'msg_y', new Date(), '{"a":1}');
    assert.throws(() => new Webhook(secret).verify('{"a":2}', { ...headers }));
  });
});

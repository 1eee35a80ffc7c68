import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { cspNonce } from './csp-nonces';

test('nonces: 16 random bytes each, base64url, never repeated across pool refills', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 2_000; i++) {
    const nonce = cspNonce();
    assert.match(nonce, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(Buffer.from(nonce, 'base64url').length, 16);
    seen.add(nonce);
  }
  assert.equal(seen.size, 2_000);
});

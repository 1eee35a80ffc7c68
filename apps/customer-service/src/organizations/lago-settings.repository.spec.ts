import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { unsetBesides } from './lago-settings.repository';

test('a first write stores the defaults of the fields it does not set', () => {
  assert.deepEqual(unsetBesides({ hmac_key: 'secret-key', api_url: undefined }), {
    api_key: null,
    rsa_public_key: null,
    api_url: null,
  });
  const all = { hmac_key: null, api_key: 'k'.repeat(8), rsa_public_key: null, api_url: null };
  assert.deepEqual(unsetBesides(all), {}, 'null is a value it sets');
});

import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { countryName, formatAddress } from './address';

test('an address is its lines, empty parts left out, the country in the reader language', () => {
  const address = {
    address_line1: '5 rue de la Paix',
    address_line2: null,
    city: 'Paris',
    state: '',
    zipcode: '75002',
    country: 'FR',
  };
  assert.deepEqual(formatAddress(address, 'en'), ['5 rue de la Paix', '75002 Paris', 'France']);
  assert.equal(formatAddress(address, 'de').at(-1), 'Frankreich');
  assert.equal(formatAddress(address, 'ja').at(-1), countryName('FR', 'ja'));
  assert.notEqual(countryName('FR', 'ja'), 'FR');
});

test('nothing set, or no address: no lines', () => {
  assert.deepEqual(formatAddress(null, 'en'), []);
  assert.deepEqual(formatAddress({ city: null, country: null }, 'en'), []);
});

test('markup and translation syntax stay the text they are (the templates escape them)', () => {
  const lines = formatAddress({ address_line1: '<b>$t(portal.heading)</b>', city: '{{x}}' }, 'fr');
  assert.deepEqual(lines, ['<b>$t(portal.heading)</b>', '{{x}}']);
});

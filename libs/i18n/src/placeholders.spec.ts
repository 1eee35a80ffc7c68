import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { fillPlaceholders } from './placeholders';

test('fills placeholders once: translation syntax inside values stays literal', () => {
  assert.equal(fillPlaceholders('Hello {name}', { name: 'Ada' }), 'Hello Ada');
  assert.equal(
    fillPlaceholders('Hello {name}, {count}', { name: '$t(portal.title) {count} {{x}}', count: 3 }),
    'Hello $t(portal.title) {count} {{x}}, 3',
  );
  assert.equal(fillPlaceholders('{{literal}} {missing}', {}), '{literal} {missing}');
  assert.equal(fillPlaceholders('{toString}', {}), '{toString}', 'no inherited properties');
});

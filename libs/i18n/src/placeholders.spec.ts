import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { compilePlaceholders, fillPlaceholders } from './placeholders';

test('fills placeholders once: translation syntax inside values stays literal', () => {
  assert.equal(fillPlaceholders('Hello {name}', { name: 'Ada' }), 'Hello Ada');
  assert.equal(
    fillPlaceholders('Hello {name}, {count}', { name: '$t(portal.title) {count} {{x}}', count: 3 }),
    'Hello $t(portal.title) {count} {{x}}, 3',
  );
  assert.equal(fillPlaceholders('{{literal}} {missing}', {}), '{literal} {missing}');
  assert.equal(fillPlaceholders('{toString}', {}), '{toString}', 'no inherited properties');
});

test('a compiled template fills exactly as fillPlaceholders does', () => {
  const templates = [
    '',
    'no placeholders',
    'Hello {name}',
    '{name}',
    '{a}{b}{a}',
    '{{literal}} {missing} {{{name}}}',
    '{toString} {constructor}',
    'open { and close } alone, {not a name} {9lives} {_ok}',
    '{{}} }}{{ {name',
  ];
  const argsList: Record<string, unknown>[] = [
    {},
    { name: 'Ada' },
    { name: '$t(portal.title) {a} {{x}}', a: 0, b: null, _ok: undefined },
    { a: '<b>', b: 1.5, name: true },
  ];
  for (const template of templates) {
    const fill = compilePlaceholders(template);
    for (const args of argsList) assert.equal(fill(args), fillPlaceholders(template, args));
  }
});

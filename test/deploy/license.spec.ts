import { PROJECT_ROOT } from '@portico/testing';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@jest/globals';

test('LICENSE is the full text of the license package.json names', () => {
  const { license } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    license: string;
  };
  assert.equal(license, 'Apache-2.0');
  const text = readFileSync(join(PROJECT_ROOT, 'LICENSE'), 'utf8');
  assert.match(text, /^\s*Apache License\s+Version 2\.0, January 2004/);
  for (let section = 1; section <= 9; section++)
    assert.match(text, new RegExp(`^ {3}${section}\\. [A-Z]`, 'm'), `section ${section}`);
  assert.match(text, /END OF TERMS AND CONDITIONS/);
});

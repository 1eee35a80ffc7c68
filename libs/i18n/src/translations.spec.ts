import { LOCALES } from '@portico/contracts';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from '@jest/globals';
import { I18N_LOCALES_DIR } from './locales-dir';
import { flattenTranslations, placeholdersOf, readTranslations } from './translation-files';

const reference = flattenTranslations(readTranslations('en'));

test('there is a translation directory for every supported locale, and no other', () => {
  assert.deepEqual(readdirSync(I18N_LOCALES_DIR).sort(), LOCALES.map((l) => l.code).sort());
});

for (const { code } of LOCALES) {
  test(`${code}: every key of en exists, none extra, same placeholders, nothing empty`, () => {
    const messages = flattenTranslations(readTranslations(code));
    const missing = [...reference.keys()].filter((key) => !messages.has(key));
    const extra = [...messages.keys()].filter((key) => !reference.has(key));
    assert.deepEqual(missing, [], `${code} lacks keys`);
    assert.deepEqual(extra, [], `${code} has keys en does not`);
    for (const [key, english] of reference) {
      const message = messages.get(key)!;
      assert.ok(message.trim().length > 0, `${code}: ${key} is empty`);
      assert.deepEqual(
        placeholdersOf(message),
        placeholdersOf(english),
        `${code}: ${key} placeholders`,
      );
    }
  });
}

test('the check itself catches a missing key', () => {
  const partial = new Map(reference);
  partial.delete('portal.heading');
  assert.ok([...reference.keys()].some((key) => !partial.has(key)));
});

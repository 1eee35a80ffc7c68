import type { OrganizationView } from '@portico/contracts';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeChanges, organizationChangesFrom } from './settings-form';

test('the form becomes the API update: blanks clear, origins one per line, bad input refused', () => {
  const parsed = organizationChangesFrom({
    name: ' Acme ',
    display_name: '',
    default_document_locale: 'pt-br',
    brand_color: '#1a2b3c',
    logo_url: '',
    embed_origins: 'https://app.acme.com\r\nhttps://beta.acme.com/\n',
  });
  assert.ok(parsed.success);
  assert.deepEqual(parsed.data, {
    name: 'Acme',
    display_name: null,
    default_document_locale: 'pt-BR',
    brand_color: '#1a2b3c',
    logo_url: null,
    embed_origins: ['https://app.acme.com', 'https://beta.acme.com'],
  });
  const bad = organizationChangesFrom({
    name: 'x',
    brand_color: 'red',
    embed_origins: 'http://evil',
  });
  assert.ok(!bad.success);
  assert.deepEqual(bad.error.issues.map((i) => i.path.join('.')).sort(), [
    'brand_color',
    'embed_origins.0',
  ]);
});

test('only changed fields are described, before and after', () => {
  const before = {
    name: 'A',
    display_name: null,
    default_document_locale: 'en',
    brand_color: null,
    logo_url: null,
    embed_origins: [],
  } as unknown as OrganizationView;
  assert.equal(describeChanges(before, before), null);
  const after = { ...before, default_document_locale: 'de' } as OrganizationView;
  assert.deepEqual(describeChanges(before, after), {
    subject: 'default_document_locale',
    before: '{"default_document_locale":"en"}',
    after: '{"default_document_locale":"de"}',
  });
});

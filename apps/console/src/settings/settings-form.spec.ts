import type { OrganizationView } from '@portico/contracts';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { describeChanges, lagoChangesFrom, organizationChangesFrom } from './settings-form';

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

test('the Lago form: the HMAC key is write-only (empty keeps it, only the checkbox clears it)', () => {
  const keep = lagoChangesFrom({ hmac_key: '', rsa_public_key: '', api_url: '' });
  assert.ok(keep.success);
  assert.deepEqual(keep.data, { rsa_public_key: null, api_url: null });
  const set = lagoChangesFrom({
    hmac_key: 'a-long-hmac-key',
    api_url: 'https://lago.acme.example/',
  });
  assert.ok(set.success);
  assert.equal(set.data.hmac_key, 'a-long-hmac-key');
  assert.equal(set.data.api_url, 'https://lago.acme.example');
  const clear = lagoChangesFrom({ hmac_key: 'ignored-when-clearing', hmac_clear: 'yes' });
  assert.ok(clear.success);
  assert.equal(clear.data.hmac_key, null);
  const bad = lagoChangesFrom({ rsa_public_key: 'not a key', api_url: 'ftp://x' });
  assert.ok(!bad.success);
  assert.deepEqual(bad.error.issues.map((i) => i.path.join('.')).sort(), [
    'api_url',
    'rsa_public_key',
  ]);
});

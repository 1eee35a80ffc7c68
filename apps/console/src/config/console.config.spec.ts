import { ConfigError } from '@portico/config';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { loadConsoleConfig } from './console.config';

const strong = (c: string) => c.repeat(40);

test('development defaults boot; cookies are Secure only over https', () => {
  const config = loadConsoleConfig({});
  assert.equal(config.secureCookies, false);
  assert.equal(config.session.idleTimeoutSeconds, 30 * 60);
  assert.equal(config.session.lifetimeSeconds, 12 * 3_600);
  assert.equal(
    loadConsoleConfig({ CONSOLE_PUBLIC_URL: 'https://c.example.com/' }).publicUrl,
    'https://c.example.com',
  );
  assert.equal(
    loadConsoleConfig({ CONSOLE_PUBLIC_URL: 'https://c.example.com' }).secureCookies,
    true,
  );
});

test('production refuses development secrets and short ones, naming each variable', () => {
  assert.throws(
    () => loadConsoleConfig({ NODE_ENV: 'production', CONSOLE_SECRET: 'short' }),
    (error: ConfigError) =>
      error.problems.some((p) => p.startsWith('PORTAL_JWT_SECRET:')) &&
      error.problems.some((p) => p.startsWith('CONSOLE_SECRET:') && p.includes('32')),
  );
  const config = loadConsoleConfig({
    NODE_ENV: 'production',
    PORTAL_JWT_SECRET: strong('a'),
    CONSOLE_SECRET: strong('b'),
  });
  assert.equal(config.secureCookies, true, 'production cookies are always Secure');
});

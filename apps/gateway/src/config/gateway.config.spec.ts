import { ConfigError } from '@portico/config';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { availableParallelism } from 'node:os';
import { DEVELOPMENT_SECRETS, loadGatewayConfig } from './gateway.config';

describe('gateway configuration', () => {
  test('works with no configuration at all', () => {
    const config = loadGatewayConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.equal(config.messaging.url, 'amqp://guest:guest@127.0.0.1:5672');
    assert.equal(config.messaging.namespace, '');
  });

  test('PUBLIC_URL loses its trailing slash so links never get "//"', () => {
    assert.equal(
      loadGatewayConfig({ PUBLIC_URL: 'https://portal.example.com/' }).publicUrl,
      'https://portal.example.com',
    );
  });

  test('production refuses the development secrets, naming each variable', () => {
    assert.throws(
      () => loadGatewayConfig({ NODE_ENV: 'production' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /PORTAL_JWT_SECRET: is the development default/);
        assert.match(error.message, /PORTICO_ADMIN_TOKEN: is the development default/);
        return true;
      },
    );
  });

  test('production refuses short secrets and accepts strong ones', () => {
    assert.throws(
      () =>
        loadGatewayConfig({
          NODE_ENV: 'production',
          PORTAL_JWT_SECRET: 'short',
          PORTICO_ADMIN_TOKEN: 'x'.repeat(40),
        }),
      /PORTAL_JWT_SECRET: must be at least 32 characters/,
    );
    const config = loadGatewayConfig({
      NODE_ENV: 'production',
      PORTAL_JWT_SECRET: 'a'.repeat(48),
      PORTICO_ADMIN_TOKEN: 'b'.repeat(48),
    });
    assert.notEqual(config.portalJwtSecret, DEVELOPMENT_SECRETS.PORTAL_JWT_SECRET);
  });

  test('production refuses placeholder secrets (the k8s example overlay)', () => {
    assert.throws(
      () =>
        loadGatewayConfig({
          NODE_ENV: 'production',
          PORTAL_JWT_SECRET: 'change-me-to-64-hex-characters-from-openssl-rand',
          PORTICO_ADMIN_TOKEN: 'b'.repeat(48),
        }),
      /PORTAL_JWT_SECRET: is a placeholder/,
    );
  });

  test('every invalid variable is reported at once', () => {
    assert.throws(
      () => loadGatewayConfig({ PORT: 'eighty', AMQP_URL: 'http://rabbit', RPC_TIMEOUT_MS: '5' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems.map((p) => p.split(':')[0]).sort(), [
          'AMQP_URL',
          'PORT',
          'RPC_TIMEOUT_MS',
        ]);
        return true;
      },
    );
  });

  test('GATEWAY_WORKERS: one per usable core by default, a number when given, nonsense refused', () => {
    assert.equal(loadGatewayConfig({}).workers, availableParallelism());
    assert.equal(loadGatewayConfig({ GATEWAY_WORKERS: 'auto' }).workers, availableParallelism());
    assert.equal(loadGatewayConfig({ GATEWAY_WORKERS: '3' }).workers, 3);
    assert.throws(() => loadGatewayConfig({ GATEWAY_WORKERS: '0' }), /GATEWAY_WORKERS/);
    assert.throws(() => loadGatewayConfig({ GATEWAY_WORKERS: 'many' }), /GATEWAY_WORKERS/);
  });

  test('PDF_GATEWAY_CACHE_MB is a byte budget; 0 turns the cache off', () => {
    assert.equal(loadGatewayConfig({ PDF_GATEWAY_CACHE_MB: '2' }).pdfCacheBytes, 2 * 1_048_576);
    assert.equal(loadGatewayConfig({ PDF_GATEWAY_CACHE_MB: '0' }).pdfCacheBytes, 0);
  });
});

test('the socket timeout must outlast the longest wait for a PDF', () => {
  assert.throws(
    () => loadGatewayConfig({ CONNECTION_TIMEOUT_MS: '30000', PDF_RPC_TIMEOUT_MS: '30000' }),
    /CONNECTION_TIMEOUT_MS.*must exceed PDF_RPC_TIMEOUT_MS/s,
  );
  assert.throws(
    () => loadGatewayConfig({ RATE_LIMIT_STORE: 'redis' }),
    /RATE_LIMIT_REDIS_URL.*required when RATE_LIMIT_STORE=redis/s,
  );
});

import { DomainError, ErrorCode } from '@portico/contracts';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { loadGatewayConfig } from '../config/gateway.config';
import { InvoiceFileUrls } from './invoice-file-urls';

const urls = new InvoiceFileUrls(
  loadGatewayConfig({
    PUBLIC_URL: 'https://portal.example.com',
    PDF_URL_TTL_SECONDS: '300',
  }),
);
const tokenOf = (url: string) => url.split('/').at(-1)!;

test('a file URL names its invoice and works until it expires', () => {
  const now = Date.UTC(2026, 10, 25, 3, 0, 0);
  const url = urls.url('org_1', 'inv_1', now);
  assert.match(url, /^https:\/\/portal\.example\.com\/invoice-files\/[\w-]+\.[\w-]+$/);
  assert.deepEqual(urls.verify(tokenOf(url), now + 299_000), {
    organizationId: 'org_1',
    invoiceId: 'inv_1',
  });
  assert.throws(
    () => urls.verify(tokenOf(url), now + 300_000),
    (error: DomainError) => error.code === ErrorCode.Forbidden,
  );
});

test('a tampered URL is not found', () => {
  const token = tokenOf(urls.url('org_1', 'inv_1'));
  const [payload, signature] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ o: 'org_2', i: 'inv_1', e: 9e9 })).toString(
    'base64url',
  );
  for (const bad of [`${forged}.${signature}`, `${payload}.x${signature}`, 'garbage']) {
    assert.throws(
      () => urls.verify(bad),
      (error: DomainError) => error.code === ErrorCode.NotFound,
    );
  }
});

test('a URL works no longer than issue time + the TTL in force, nor from a future issue time', () => {
  const now = Date.UTC(2026, 10, 25, 3, 0, 0);
  const long = new InvoiceFileUrls(
    loadGatewayConfig({ PUBLIC_URL: 'https://portal.example.com', PDF_URL_TTL_SECONDS: '3600' }),
  );
  // Issued under a TTL of an hour; the TTL is now five minutes: it ends five minutes after issue.
  const token = tokenOf(long.url('org_1', 'inv_1', now));
  assert.ok(urls.verify(token, now + 299_000));
  assert.throws(
    () => urls.verify(token, now + 301_000),
    (error: DomainError) => error.code === ErrorCode.Forbidden,
  );
  const future = tokenOf(urls.url('org_1', 'inv_1', now + 3_600_000));
  assert.throws(
    () => urls.verify(future, now),
    (error: DomainError) => error.code === ErrorCode.Forbidden,
  );
});

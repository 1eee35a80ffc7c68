import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { AllowList } from './allow-list';
import { OutboundRefusedError, OutboundRequestError } from './outbound-errors';
import { OutboundGuard } from './outbound-guard';

// A real listener on loopback: the guard must never reach it unless the allow-list names it.
describe('OutboundGuard against a real loopback listener', () => {
  let server: Server;
  let port = 0;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits += 1;
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      } else if (req.url === '/big') {
        res.writeHead(200).end('x'.repeat(100_000));
      } else if (req.url === '/slow') {
        setTimeout(() => res.writeHead(200).end('late'), 2_000);
      } else {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => res.writeHead(200).end(`got ${body}`));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('without the allow-list, no spelling of loopback reaches it', async () => {
    const guard = new OutboundGuard({ allowHttp: true });
    for (const host of [
      '127.0.0.1',
      'localhost',
      '2130706433',
      '0x7f.1',
      '127.1',
      '[::ffff:127.0.0.1]',
    ]) {
      await assert.rejects(
        guard.request(`http://${host}:${port}/`, { timeoutMs: 5_000, maxResponseBytes: 100 }),
        OutboundRefusedError,
        host,
      );
    }
    guard.close();
    assert.equal(hits, 0);
  });

  test('allow-listed, it is reached; a redirect is returned, never followed', async () => {
    const guard = new OutboundGuard({ allowHttp: true, allowList: AllowList.parse('127.0.0.0/8') });
    const posted = await guard.request(`http://localhost:${port}/`, {
      method: 'POST',
      body: 'hello',
      timeoutMs: 5_000,
      maxResponseBytes: 100,
    });
    assert.equal(posted.status, 200);
    assert.equal(posted.body.toString(), 'got hello');
    const redirect = await guard.request(`http://127.0.0.1:${port}/redirect`, {
      timeoutMs: 5_000,
      maxResponseBytes: 100,
    });
    assert.equal(redirect.status, 302);
    guard.close();
    assert.equal(hits, 2);
  });

  test('size and time limits hold', async () => {
    const guard = new OutboundGuard({ allowHttp: true, allowList: AllowList.parse('127.0.0.1') });
    const big = await guard.request(`http://127.0.0.1:${port}/big`, {
      timeoutMs: 5_000,
      maxResponseBytes: 1_000,
    });
    assert.equal(big.truncated, true);
    assert.equal(big.body.length, 1_000);
    await assert.rejects(
      guard.request(`http://127.0.0.1:${port}/slow`, { timeoutMs: 300, maxResponseBytes: 100 }),
      (error: Error) =>
        error instanceof OutboundRequestError && /within 300 ms/.test(error.message),
    );
    guard.close();
  });
});

import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { AllowList } from './allow-list';
import { OutboundGuard } from './outbound-guard';
import { OutboundRefusedError } from './outbound-errors';

// Every check below fails before any connection: refused URLs never leave the process.
describe('OutboundGuard.check and request refuse internal destinations', () => {
  const guard = new OutboundGuard({ allowHttp: true });
  const spellings = [
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://127.1/',
    'http://0177.0.0.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'http://100.100.100.200/',
    'http://10.0.0.1/',
    'http://192.168.0.1:8080/',
    'http://0.0.0.0/',
    'http://localhost/',
  ];
  for (const url of spellings) {
    test(`${url} is refused by check()`, async () => {
      await assert.rejects(guard.check(url), OutboundRefusedError);
    });
    test(`${url} is refused by request()`, async () => {
      await assert.rejects(
        guard.request(url, { timeoutMs: 2_000, maxResponseBytes: 10 }),
        (error: Error) => error instanceof OutboundRefusedError && /address/.test(error.message),
      );
    });
  }

  test('https only unless http is allowed', async () => {
    const strict = new OutboundGuard();
    await assert.rejects(strict.check('http://93.184.215.14/'), /only https/);
    await assert.rejects(strict.check('ftp://93.184.215.14/'), /only https/);
    await assert.rejects(strict.check('not a url'), /not a valid URL/);
  });

  test('credentials in the URL are refused', async () => {
    await assert.rejects(guard.check('https://user:pw@93.184.215.14/'), /credentials/);
  });

  test('a public literal address passes check() without any lookup', async () => {
    const url = await guard.check('https://93.184.215.14/hooks');
    assert.equal(url.hostname, '93.184.215.14');
  });
});

describe('AllowList', () => {
  test('CIDR ranges, single addresses and host names', () => {
    const list = AllowList.parse('127.0.0.1/32, 10.0.0.0/8,::1,receiver.internal');
    assert.equal(list.allowsAddress('127.0.0.1'), true);
    assert.equal(list.allowsAddress('127.0.0.2'), false);
    assert.equal(list.allowsAddress('10.200.1.1'), true);
    assert.equal(list.allowsAddress('::1'), true);
    assert.equal(list.allowsAddress('::ffff:127.0.0.1'), true);
    assert.equal(list.allowsHost('Receiver.Internal'), true);
    assert.equal(list.allowsHost('other.internal'), false);
  });

  test('a malformed entry is a clear error', () => {
    assert.throws(() => AllowList.parse('10.0.0.0/99'), /not a CIDR range/);
    assert.throws(() => AllowList.parse('http://x'), /neither a host name nor an IP address/);
  });

  test('an allow-listed address is let through by check()', async () => {
    const guard = new OutboundGuard({ allowHttp: true, allowList: AllowList.parse('127.0.0.1') });
    assert.equal((await guard.check('http://127.1:9/')).hostname, '127.0.0.1');
    await assert.rejects(guard.check('http://[::1]:9/'), OutboundRefusedError);
  });
});

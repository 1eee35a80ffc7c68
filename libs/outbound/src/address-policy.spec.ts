import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { literalAddress, refusalOf } from './address-policy';

describe('refusalOf: only public unicast addresses pass', () => {
  const refused: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'], // AWS, GCP, Azure metadata
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.100.100.200', 'carrierGradeNat'], // Alibaba Cloud metadata
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd00:ec2::254', 'uniqueLocal'], // AWS metadata over IPv6
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::7f00:1', 'rfc6052'], // NAT64 of 127.0.0.1
    ['2002:7f00:1::', '6to4'],
  ];
  for (const [address, range] of refused) {
    test(`${address} is refused as ${range}`, () => assert.equal(refusalOf(address), range));
  }

  for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
    test(`${address} passes`, () => assert.equal(refusalOf(address), null));
  }

  test('something that is not an address is refused', () => {
    assert.equal(refusalOf('example.com'), 'not an IP address');
  });
});

describe('literalAddress: every numeric spelling of an address is recognized', () => {
  const spellings: [string, string][] = [
    ['2130706433', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['127.0.1', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0x7F.0.0.0x1', '127.0.0.1'],
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1'],
    ['[::1]', '::1'],
    ['[0:0:0:0:0:0:0:1]', '::1'],
    ['169.254.169.254', '169.254.169.254'],
  ];
  for (const [spelling, address] of spellings) {
    test(`${spelling} → ${address}, refused`, () => {
      assert.equal(literalAddress(spelling), address);
      assert.notEqual(refusalOf(literalAddress(spelling)!), null);
    });
  }

  test('host names are not addresses', () => {
    assert.equal(literalAddress('hooks.example.com'), null);
    assert.equal(literalAddress('localhost'), null);
  });
});

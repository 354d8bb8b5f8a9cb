import { test } from 'node:test';
import assert from 'node:assert/strict';
import { whyNotPublic } from '../src/cli/extract/why-not-public.ts';

const PUBLIC = [
  '8.8.8.8',
  '1.1.1.1',
  '93.184.216.34',
  '172.32.0.1',
  '100.63.255.255',
  '100.128.0.1',
  '2606:4700:4700::1111',
  '2a00:1450:4001::200e',
  '::ffff:8.8.8.8',
  '64:ff9b::8.8.8.8',
];

const REFUSED: [string, string][] = [
  ['127.0.0.1', 'a loopback address'],
  ['127.255.255.254', 'a loopback address'],
  ['::1', 'a loopback address'],
  ['10.0.0.5', 'a private address'],
  ['172.16.0.1', 'a private address'],
  ['172.31.255.255', 'a private address'],
  ['192.168.1.1', 'a private address'],
  ['100.64.0.1', 'a shared address (carrier-grade NAT)'],
  ['100.127.255.255', 'a shared address (carrier-grade NAT)'],
  ['169.254.169.254', 'a link-local address'],
  ['fe80::1', 'a link-local address'],
  ['fe80::1%eth0', 'a link-local address'],
  ['febf::1', 'a link-local address'],
  ['fc00::1', 'a unique-local address'],
  ['fd12:3456::1', 'a unique-local address'],
  ['0.0.0.0', 'an unspecified address'],
  ['0.1.2.3', 'an unspecified address'],
  ['::', 'an unspecified address'],
  ['224.0.0.1', 'a multicast address'],
  ['239.255.255.250', 'a multicast address'],
  ['ff02::1', 'a multicast address'],
  ['255.255.255.255', 'the broadcast address'],
  ['192.0.2.1', 'a reserved address'],
  ['198.18.0.1', 'a reserved address'],
  ['240.0.0.1', 'a reserved address'],
  ['2001:db8::1', 'a reserved address'],
  ['fec0::1', 'a reserved address'],
  // IPv4 inside IPv6: mapped (what a dual-stack socket shows), NAT64 (RFC 6052), the old
  // "compatible" form, 6to4 and Teredo: each could reach an IPv4 network behind it.
  ['::ffff:127.0.0.1', 'a loopback address'],
  ['::ffff:10.0.0.5', 'a private address'],
  ['::ffff:169.254.169.254', 'a link-local address'],
  ['64:ff9b::10.0.0.5', 'a private address'],
  ['64:ff9b::169.254.169.254', 'a link-local address'],
  ['64:ff9b:1::a00:5', 'a reserved address'],
  ['::7f00:1', 'a reserved address'],
  ['2002:7f00:1::1', 'a reserved address'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'a reserved address'],
  ['intranet', 'not an IP address'],
];

test('public unicast addresses, IPv4 and IPv6, are let through', () => {
  for (const address of PUBLIC) assert.equal(whyNotPublic(address), undefined, address);
});

test('every other kind of address is refused, with its kind named', () => {
  for (const [address, reason] of REFUSED) assert.equal(whyNotPublic(address), reason, address);
});

import ipaddr from 'ipaddr.js';

const KINDS: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  carrierGradeNat: 'a shared address (carrier-grade NAT)',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
};

/** 2000::/3, the only IPv6 block handed out for the public Internet; ipaddr.js calls more "unicast". */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
/** NAT64's well-known prefix (RFC 6052): the IPv4 address in its last 32 bits is the one reached. */
const NAT64 = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/**
 * Why the publisher's command will not connect to an address unless told to (--allow-private), or
 * undefined for a public unicast one. An IPv4 address carried in IPv6 (mapped, or NAT64) is judged
 * as the IPv4 address it reaches; the other ways of carrying one (6to4, Teredo, the old
 * "compatible" form) and every reserved block are refused outright.
 */
export function whyNotPublic(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let ip = ipaddr.process(address);
  if (ip.kind() === 'ipv6' && ip.match(NAT64)) ip = ipaddr.fromByteArray(ip.toByteArray().slice(12));
  const range = ip.range();
  if (range === 'unicast' && (ip.kind() === 'ipv4' || ip.match(GLOBAL_UNICAST_V6))) return undefined;
  return KINDS[range] ?? 'a reserved address';
}

import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { whyNotPublic } from './why-not-public.ts';

/** An address the command will not connect to, said as "refused: HOST is ADDRESS, a KIND address (…)". */
export class RefusedAddress extends Error {}

/** The refusal for connecting to `address` when asked for `host`, or undefined for a public address. */
export function refusalOf(host: string, address: string): RefusedAddress | undefined {
  const why = whyNotPublic(address);
  if (!why) return undefined;
  const what = host === address ? `${address} is ${why}` : `${host} resolves to ${address}, ${why}`;
  return new RefusedAddress(`refused: ${what} (use --allow-private to fetch from your own network)`);
}

/**
 * dns.lookup that answers only with public addresses: given to the connection itself, so that what
 * is checked is what is connected to. A name with both kinds is reached at its public ones; a name
 * with none is refused, naming the first address it had.
 */
export const publicOnlyLookup: LookupFunction = (hostname: string, options: LookupOptions, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const allowed = addresses.filter(({ address }) => !whyNotPublic(address));
    const [first] = allowed;
    if (!first) return callback(refusalOf(hostname, addresses[0]?.address ?? hostname) ?? null, '', 0);
    if (options.all) callback(null, allowed);
    else callback(null, first.address, first.family);
  });
};

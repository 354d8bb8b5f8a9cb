import { base36 } from 'multiformats/bases/base36';
import { base58btc } from 'multiformats/bases/base58';
import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import type { IpnsRefusal } from '../note.ts';
import type { GatewayRead } from './gateway-read.ts';
import { IpfsProblem } from './ipfs-problem.ts';
import { ed25519KeyOfName, IpnsRefused, MAX_RECORD_BYTES, verifyIpnsRecord } from './ipns-record.ts';

/** What an IPNS name points at: a folder's root and, rarely, a path under it. */
export interface IpnsTarget {
  root: CID;
  path: string[];
}

/** The longest a checked record is used before it is asked again: a sync's articles share one. */
const KEPT_MS = 60_000;
const LIBP2P_KEY = 0x72;
const IDENTITY = 0x00;

/** The highest sequence number seen for each name, so that an older record cannot be replayed. */
const highestSequence = new Map<string, bigint>();
const resolved = new Map<string, { target: IpnsTarget; until: number }>();

function refused(name: string, reason: IpnsRefusal): IpfsProblem {
  return new IpfsProblem({ code: 'ipns-record', name: name.slice(0, 80), reason });
}

/**
 * The public key a name is made of. Only key names can be checked (`k51…`, a CIDv1 of libp2p-key
 * in base36 or base32, or a `12D3Koo…` peer ID): a DNSLink name rests on DNS, which a gateway
 * answers for the reader and could answer as it likes.
 */
function keyOf(name: string): Uint8Array {
  let multihash: Digest.Digest<number, number> | undefined;
  try {
    if (name.startsWith('12D3Koo')) multihash = Digest.decode(base58btc.baseDecode(name));
    else {
      const cid = name.startsWith('k') ? CID.parse(name, base36) : CID.parse(name);
      if (cid.code === LIBP2P_KEY) multihash = cid.multihash;
    }
  } catch {
    // Not a key name: refused below.
  }
  if (multihash?.code !== IDENTITY) throw refused(name, 'name');
  try {
    return ed25519KeyOfName(multihash.digest);
  } catch {
    throw refused(name, 'name');
  }
}

function targetOf(name: string, value: string): IpnsTarget {
  const [empty, namespace, root, ...path] = value.split('/');
  if (empty !== '' || namespace !== 'ipfs' || !root) throw refused(name, 'malformed');
  try {
    return { root: CID.parse(root), path: path.filter(Boolean).map(decodeURIComponent) };
  } catch {
    throw refused(name, 'malformed');
  }
}

/**
 * What the IPNS name `name` points at now, from the record one gateway serves (`?format=ipns-record`):
 * taken only if it is signed by the key the name is made of, has not expired, and is not older
 * than a record already seen for that name. A checked record is used for its TTL, a minute at most.
 */
export async function resolveIpnsName(gateway: string, name: string, read: GatewayRead): Promise<IpnsTarget> {
  const kept = resolved.get(name);
  if (kept && kept.until > Date.now()) return kept.target;
  const key = keyOf(name);
  const bytes = await read.fetchFile(`${gateway}/ipns/${name}?format=ipns-record`, {
    maxBytes: MAX_RECORD_BYTES,
    timeoutMs: read.timeoutMs,
    ...(read.signal ? { signal: read.signal } : {}),
  });
  const record = await verifyIpnsRecord(key, bytes).catch((error: unknown) => {
    throw error instanceof IpnsRefused ? refused(name, error.reason) : error;
  });
  const seen = highestSequence.get(name);
  if (seen !== undefined && record.sequence < seen) throw refused(name, 'older');
  highestSequence.set(name, record.sequence);
  const target = targetOf(name, record.value);
  // No longer than the record's own TTL says (the publisher's choice), nor than a minute.
  resolved.set(name, { target, until: Date.now() + Math.min(record.ttlMs ?? KEPT_MS, KEPT_MS) });
  return target;
}

/** Forgets the records kept for their minute, not the sequence numbers seen: what a minute does. */
export function forgetResolvedNames(): void {
  resolved.clear();
}

/** Forgets every record seen: for tests, which start each from nothing. */
export function forgetIpnsRecords(): void {
  highestSequence.clear();
  resolved.clear();
}

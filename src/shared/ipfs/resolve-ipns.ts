import { multihashToIPNSRoutingKey, unmarshalIPNSRecord } from 'ipns';
import { ipnsValidator } from 'ipns/validator';
import { base36 } from 'multiformats/bases/base36';
import { base58btc } from 'multiformats/bases/base58';
import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import type { IpnsRefusal } from '../note.ts';
import type { GatewayRead } from './gateway-read.ts';
import { IpfsProblem } from './ipfs-problem.ts';

/** What an IPNS name points at: a folder's root and, rarely, a path under it. */
export interface IpnsTarget {
  root: CID;
  path: string[];
}

/** The IPNS spec's limit: a gateway that sends more is not sending a record. */
const MAX_RECORD_BYTES = 10 * 1024;
/** The longest a checked record is used before it is asked again: a sync's articles share one. */
const KEPT_MS = 60_000;
const LIBP2P_KEY = 0x72;

/** The highest sequence number seen for each name, so that an older record cannot be replayed. */
const highestSequence = new Map<string, bigint>();
const resolved = new Map<string, { target: IpnsTarget; until: number }>();

function refused(name: string, reason: IpnsRefusal): IpfsProblem {
  return new IpfsProblem({ code: 'ipns-record', name: name.slice(0, 80), reason });
}

/**
 * The multihash of the name's public key. Only key names can be checked (`k51…`, a CIDv1 of
 * libp2p-key in base36 or base32, or a `12D3Koo…` peer ID): a DNSLink name rests on DNS, which a
 * gateway answers for the reader and could answer as it likes.
 */
function keyOf(name: string): Digest.Digest<0x00 | 0x12, number> {
  try {
    const multihash = /^(12D3Koo|Qm)/.test(name)
      ? Digest.decode(base58btc.baseDecode(name))
      : (() => {
          const cid = name.startsWith('k') ? CID.parse(name, base36) : CID.parse(name);
          return cid.code === LIBP2P_KEY ? cid.multihash : undefined;
        })();
    // A key inlined (identity, as Ed25519 keys are) or hashed with SHA-256 (as RSA keys are).
    if (multihash && (multihash.code === 0x00 || multihash.code === 0x12)) return multihash as Digest.Digest<0x00 | 0x12, number>;
  } catch {
    // Not a key name: refused below.
  }
  throw refused(name, 'name');
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
  const routingKey = multihashToIPNSRoutingKey(keyOf(name));
  const bytes = await read.fetchFile(`${gateway}/ipns/${name}?format=ipns-record`, {
    maxBytes: MAX_RECORD_BYTES,
    timeoutMs: read.timeoutMs,
    ...(read.signal ? { signal: read.signal } : {}),
  });
  try {
    await ipnsValidator(routingKey, bytes);
  } catch (error) {
    const kind = error instanceof Error ? error.name : '';
    throw refused(
      name,
      kind === 'SignatureVerificationError' || kind === 'InvalidEmbeddedPublicKeyError'
        ? 'other-key'
        : kind === 'RecordExpiredError'
          ? 'expired'
          : 'malformed',
    );
  }
  const record = unmarshalIPNSRecord(bytes);
  const seen = highestSequence.get(name);
  if (seen !== undefined && record.sequence < seen) throw refused(name, 'older');
  highestSequence.set(name, record.sequence);
  const target = targetOf(name, record.value);
  // No longer than the record's own TTL says (the publisher's choice), nor than a minute.
  const ttlMs = record.ttl === undefined ? KEPT_MS : Number(record.ttl / 1_000_000n);
  resolved.set(name, { target, until: Date.now() + Math.min(ttlMs, KEPT_MS) });
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

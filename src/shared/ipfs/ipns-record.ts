import { decode as decodeCbor } from 'cborg';
import type { IpnsRefusal } from '../note.ts';

/** What a checked IPNS record says. */
export interface IpnsRecord {
  /** `/ipfs/<cid>[/path]`. */
  value: string;
  sequence: bigint;
  /** How long the publisher lets the record be kept, if it says. */
  ttlMs?: number;
}

/** Why a record is refused; the caller names the record's name. */
export class IpnsRefused extends Error {
  constructor(readonly reason: IpnsRefusal) {
    super(reason);
  }
}

/** The IPNS spec's limit on a record. */
export const MAX_RECORD_BYTES = 10 * 1024;
const ED25519_KEY_TYPE = 1;
const SIGNATURE_PREFIX = new TextEncoder().encode('ipns-signature:');

/** The fields of a protobuf message this reader needs: varints and byte strings, by field number. */
function protobufFields(bytes: Uint8Array): Map<number, Uint8Array | bigint> {
  const fields = new Map<number, Uint8Array | bigint>();
  let at = 0;
  const varint = (): bigint => {
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (at >= bytes.length) throw new IpnsRefused('malformed');
      const byte = bytes[at++]!;
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new IpnsRefused('malformed');
  };
  while (at < bytes.length) {
    const tag = varint();
    const field = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (wireType === 0) fields.set(field, varint());
    else if (wireType === 2) {
      const length = Number(varint());
      if (at + length > bytes.length) throw new IpnsRefused('malformed');
      fields.set(field, bytes.subarray(at, at + length));
      at += length;
    } else throw new IpnsRefused('malformed');
  }
  return fields;
}

function bytesField(fields: Map<number, Uint8Array | bigint>, field: number): Uint8Array | undefined {
  const value = fields.get(field);
  return value instanceof Uint8Array ? value : undefined;
}

/**
 * The Ed25519 public key an IPNS name is made of: the name's multihash is the identity hash of a
 * libp2p PublicKey message (type 1, 32 bytes). Other kinds of key (RSA, secp256k1) are refused:
 * IPFS has made Ed25519 names by default for years, and each other kind is more code to trust.
 */
export function ed25519KeyOfName(identityDigest: Uint8Array): Uint8Array {
  const fields = protobufFields(identityDigest);
  const key = bytesField(fields, 2);
  if (fields.get(1) !== BigInt(ED25519_KEY_TYPE) || key?.length !== 32) throw new IpnsRefused('name');
  return key;
}

/** An RFC 3339 time with up to nanoseconds, as IPNS writes it, to milliseconds. */
function timeOf(text: string): number {
  const time = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
  if (Number.isNaN(time)) throw new IpnsRefused('malformed');
  return time;
}

/**
 * Checks a marshalled IPNS record (specs.ipfs.tech/ipns/ipns-record) against the name's key:
 * `signatureV2` over "ipns-signature:" and the record's DAG-CBOR `data`, verified with the key
 * the name is made of, then its end of validity. What the record says is read from that signed
 * `data` alone, never from the unsigned protobuf fields beside it.
 */
export async function verifyIpnsRecord(publicKey: Uint8Array, record: Uint8Array, now = Date.now()): Promise<IpnsRecord> {
  if (record.length > MAX_RECORD_BYTES) throw new IpnsRefused('malformed');
  const fields = protobufFields(record);
  const signature = bytesField(fields, 8);
  const data = bytesField(fields, 9);
  if (!signature || !data) throw new IpnsRefused('malformed');
  const signed = new Uint8Array(SIGNATURE_PREFIX.length + data.length);
  signed.set(SIGNATURE_PREFIX);
  signed.set(data, SIGNATURE_PREFIX.length);
  const key = await crypto.subtle.importKey('raw', publicKey as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify']);
  const valid = await crypto.subtle.verify({ name: 'Ed25519' }, key, signature as Uint8Array<ArrayBuffer>, signed).catch(() => false);
  if (!valid) throw new IpnsRefused('other-key');
  let entry: Record<string, unknown>;
  try {
    entry = decodeCbor(data) as Record<string, unknown>;
  } catch {
    throw new IpnsRefused('malformed');
  }
  const { Value: value, Validity: validity, ValidityType: validityType, Sequence: sequence, TTL: ttl } = entry;
  if (!(value instanceof Uint8Array) || !(validity instanceof Uint8Array) || validityType !== 0) throw new IpnsRefused('malformed');
  if (typeof sequence !== 'number' && typeof sequence !== 'bigint') throw new IpnsRefused('malformed');
  if (timeOf(new TextDecoder().decode(validity)) < now) throw new IpnsRefused('expired');
  return {
    value: new TextDecoder().decode(value),
    sequence: BigInt(sequence),
    ...(typeof ttl === 'number' || typeof ttl === 'bigint' ? { ttlMs: Number(BigInt(ttl) / 1_000_000n) } : {}),
  };
}

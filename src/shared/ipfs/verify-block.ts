import type { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';

const IDENTITY = 0x00;
const SHA2_256 = 0x12;

/** Why a block cannot be checked, when its CID names a hash this reader does not compute. */
export class UncheckableBlock extends Error {}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/**
 * Whether `bytes` are the block `cid` names: its hash is the CID's. This is what makes a gateway
 * untrusted: whatever it serves, only the bytes the publisher's root leads to pass. SHA-256 is what
 * every IPFS tool makes by default; an identity CID holds its bytes in itself.
 */
export async function isBlockOf(cid: CID, bytes: Uint8Array): Promise<boolean> {
  const { code, digest } = cid.multihash;
  if (code === IDENTITY) return sameBytes(digest, bytes);
  if (code !== SHA2_256) throw new UncheckableBlock(`hash 0x${code.toString(16)}`);
  return sameBytes((await sha256.digest(bytes)).digest, digest);
}

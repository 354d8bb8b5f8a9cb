import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import type { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { IpfsProblem } from './ipfs-problem.ts';

/** A block by its CID, already checked against it (verify-block.ts). */
export type GetBlock = (cid: CID) => Promise<Uint8Array>;

/** How deep a file's tree may go: a balanced tree of 174-wide nodes reaches petabytes by 5. */
const MAX_DEPTH = 16;

function unixfsOf(node: dagPb.PBNode): UnixFS {
  if (!node.Data) throw new IpfsProblem({ code: 'ipfs-not-unixfs' });
  try {
    return UnixFS.unmarshal(node.Data);
  } catch {
    throw new IpfsProblem({ code: 'ipfs-not-unixfs' });
  }
}

function decodeNode(bytes: Uint8Array): dagPb.PBNode {
  try {
    return dagPb.decode(bytes);
  } catch {
    throw new IpfsProblem({ code: 'ipfs-not-unixfs' });
  }
}

/**
 * The CID at `path` under the folder `root`, walking UnixFS directories block by block. A sharded
 * (HAMT) directory is refused by name: Pamphlet writes plain ones, and `ipfs add` shards only
 * folders far larger than an edition's.
 */
export async function resolvePath(root: CID, path: readonly string[], getBlock: GetBlock): Promise<CID> {
  let cid = root;
  for (const [depth, segment] of path.entries()) {
    if (cid.code !== dagPb.code) throw new IpfsProblem({ code: 'ipfs-no-such-path', path: path.slice(0, depth + 1).join('/') });
    const node = decodeNode(await getBlock(cid));
    const unixfs = unixfsOf(node);
    if (unixfs.type === 'hamt-sharded-directory') throw new IpfsProblem({ code: 'ipfs-sharded-directory' });
    const link = unixfs.type === 'directory' ? node.Links.find((candidate) => candidate.Name === segment) : undefined;
    if (!link) throw new IpfsProblem({ code: 'ipfs-no-such-path', path: path.slice(0, depth + 1).join('/') });
    cid = link.Hash;
  }
  return cid;
}

/**
 * The bytes of the UnixFS file `cid`, at most `maxBytes` (past that, an IpfsProblem as for a mirror
 * that sends too much), its blocks asked in order.
 */
export async function readFile(cid: CID, maxBytes: number, getBlock: GetBlock): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  const add = (bytes: Uint8Array) => {
    length += bytes.length;
    if (length > maxBytes) throw new IpfsProblem({ code: 'mirror-too-large', megabytes: maxBytes / 1024 / 1024 });
    if (bytes.length > 0) parts.push(bytes);
  };
  async function walk(node: CID, depth: number): Promise<void> {
    if (depth > MAX_DEPTH) throw new IpfsProblem({ code: 'ipfs-not-unixfs' });
    const bytes = await getBlock(node);
    if (node.code === raw.code) return add(bytes);
    if (node.code !== dagPb.code) throw new IpfsProblem({ code: 'ipfs-not-unixfs' });
    const decoded = decodeNode(bytes);
    const unixfs = unixfsOf(decoded);
    if (unixfs.type !== 'file' && unixfs.type !== 'raw') throw new IpfsProblem({ code: 'ipfs-not-a-file' });
    if (unixfs.data) add(unixfs.data);
    for (const link of decoded.Links) await walk(link.Hash, depth + 1);
  }
  await walk(cid, 0);
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}

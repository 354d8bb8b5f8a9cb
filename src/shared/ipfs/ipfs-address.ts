import { CID } from 'multiformats/cid';
import { IpfsProblem } from './ipfs-problem.ts';

/** `ipfs://<cid>/path` or `ipns://<name>/path`: a mirror on IPFS, read through the reader's gateways. */
export interface IpfsAddress {
  namespace: 'ipfs' | 'ipns';
  /** The CID (for ipfs) or the name (for ipns), as written. */
  root: string;
  /** The path's segments, decoded: `['articles', '<id>.html']`. */
  path: string[];
}

const FORM = /^(ipfs|ipns):\/\/([^/?#]+)(\/[^?#]*)?$/i;

/**
 * Parses by hand rather than with URL: browsers have long disagreed on non-special schemes' hosts
 * and paths, and a CIDv0 (`Qm…`) must keep its case.
 */
export function parseIpfsAddress(text: string): IpfsAddress {
  const match = FORM.exec(text);
  if (!match) throw new IpfsProblem({ code: 'ipfs-address', address: text.slice(0, 120) });
  const namespace = match[1]!.toLowerCase() as 'ipfs' | 'ipns';
  const root = match[2]!;
  if (namespace === 'ipfs') {
    try {
      CID.parse(root);
    } catch {
      throw new IpfsProblem({ code: 'ipfs-address', address: text.slice(0, 120) });
    }
  }
  let path: string[];
  try {
    path = (match[3] ?? '').split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new IpfsProblem({ code: 'ipfs-address', address: text.slice(0, 120) });
  }
  if (path.some((segment) => segment === '.' || segment === '..'))
    throw new IpfsProblem({ code: 'ipfs-address', address: text.slice(0, 120) });
  return { namespace, root, path };
}

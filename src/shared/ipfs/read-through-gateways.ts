import { CID } from 'multiformats/cid';
import type { MirrorOutcome } from '../db-schema.ts';
import type { GatewayAnswer, GatewayRead } from './gateway-read.ts';
import type { Note } from '../note.ts';
import { isMoreSerious, mirrorOutcome } from '../sync/mirror-outcome.ts';
import { parseIpfsAddress, type IpfsAddress } from './ipfs-address.ts';
import { IpfsProblem, noteOf } from './ipfs-problem.ts';
import { forgetIpnsRecords, resolveIpnsName } from './resolve-ipns.ts';
import { readFile, resolvePath } from './unixfs-file.ts';
import { isBlockOf, UncheckableBlock } from './verify-block.ts';

/** The most one block may be: gateways and Bitswap refuse larger ones too. */
const MAX_BLOCK_BYTES = 2 * 1024 * 1024;
/** How long a gateway that failed goes to the end of the list, so that every read does not wait on it. */
const DEMOTED_MS = 10 * 60_000;
/** Directory blocks kept, by CID: a sync's every article passes through the same two folders. */
const MAX_CACHED = 256;

/** What each gateway that failed lately did, and when: it is asked last for a while. */
const failures = new Map<string, { at: number; answer: GatewayAnswer }>();
const verifiedFolders = new Map<string, Uint8Array>();

/** The reader's gateways, in their order, but those that failed lately after the rest. */
function inTurn(gateways: readonly string[], now: number): string[] {
  const recent = (gateway: string) => now - (failures.get(gateway)?.at ?? -Infinity) < DEMOTED_MS;
  return [...gateways.filter((gateway) => !recent(gateway)), ...gateways.filter(recent)];
}

/** A block from one gateway, checked against its CID; a folder's kept for the next read. */
async function blockFrom(gateway: string, cid: CID, request: GatewayRead): Promise<Uint8Array> {
  const key = cid.toString();
  const kept = verifiedFolders.get(key);
  if (kept) return kept;
  const bytes = await request.fetchFile(`${gateway}/ipfs/${key}?format=raw`, {
    maxBytes: MAX_BLOCK_BYTES,
    timeoutMs: request.timeoutMs,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  let matches: boolean;
  try {
    matches = await isBlockOf(cid, bytes);
  } catch (error) {
    if (error instanceof UncheckableBlock) throw new IpfsProblem({ code: 'ipfs-uncheckable', detail: error.message });
    throw error;
  }
  if (!matches) throw new IpfsProblem({ code: 'gateway-altered', gateway: new URL(gateway).host });
  // Only folders: small, read again and again, and whatever they are, checked like any block.
  if (cid.code === 0x70 && bytes.length <= 64 * 1024) {
    if (verifiedFolders.size >= MAX_CACHED) verifiedFolders.delete(verifiedFolders.keys().next().value!);
    verifiedFolders.set(key, bytes);
  }
  return bytes;
}

/** The file at `address` as one gateway serves it, every block checked. */
async function readFrom(gateway: string, address: IpfsAddress, request: GatewayRead): Promise<Uint8Array> {
  const getBlock = (cid: CID) => blockFrom(gateway, cid, request);
  const { root, path } =
    address.namespace === 'ipfs' ? { root: CID.parse(address.root), path: [] } : await resolveIpnsName(gateway, address.root, request);
  const file = await resolvePath(root, [...path, ...address.path], getBlock);
  return readFile(file, request.maxBytes, getBlock);
}

/** What no other gateway can change: the checked blocks themselves say the file is not there, or too large. */
function isFinal(note: Note): boolean {
  return note.code === 'ipfs-no-such-path' || note.code === 'mirror-too-large' || note.code === 'ipfs-sharded-directory';
}

/**
 * Reads `ipfs://<cid>/path` or `ipns://<name>/path` through the reader's trustless gateways: only
 * those in `request.gateways`, one at a time, in the reader's order (those that failed lately
 * last), each block asked as `?format=raw` and checked against its CID before it is used, so that
 * a gateway that alters a byte is caught here, before any signature is checked. A gateway that
 * fails (silent, altered, refusing) is reported through `request.onGateway` and the next is tried.
 * Throws an IpfsProblem: the most serious thing a gateway did, or what the content itself says.
 */
export async function readThroughGateways(url: string, request: GatewayRead): Promise<Uint8Array> {
  const address = parseIpfsAddress(url);
  const gateways = request.gateways ?? [];
  if (gateways.length === 0) throw new IpfsProblem({ code: 'no-gateways' });
  let worst: { outcome: MirrorOutcome; note: Note } | undefined;
  const now = Date.now();
  // A gateway that served altered data lately is asked last, and still named each time, so that
  // the reader keeps hearing of it until they take it off their list.
  for (const gateway of gateways) {
    const failure = failures.get(gateway);
    if (failure && now - failure.at < DEMOTED_MS && failure.answer.outcome === 'failed-verification') request.onGateway?.(failure.answer);
  }
  for (const gateway of inTurn(gateways, now)) {
    try {
      const bytes = await readFrom(gateway, address, request);
      failures.delete(gateway);
      request.onGateway?.({ gateway, outcome: 'answered', note: { code: 'gateway-answered', gateway: new URL(gateway).host } });
      return bytes;
    } catch (error) {
      if (request.signal?.aborted) throw error;
      const note: Note = noteOf(error) ?? { code: 'mirror-failed', detail: String(error) };
      if (isFinal(note)) throw new IpfsProblem(note);
      const outcome = mirrorOutcome(note);
      const answer: GatewayAnswer = { gateway, outcome, note };
      failures.set(gateway, { at: Date.now(), answer });
      request.onGateway?.(answer);
      if (!worst || isMoreSerious(outcome, worst.outcome)) worst = { outcome, note };
    }
  }
  const last = worst!;
  if (last.outcome === 'failed-verification') throw new IpfsProblem(last.note);
  throw new IpfsProblem({ code: 'no-gateway-answered', tried: gateways.length, last: last.note });
}

export type { GatewayAnswer, GatewayRead };

/** Forgets which gateways failed and the folders kept: for tests, which start each from nothing. */
export function forgetGateways(): void {
  failures.clear();
  forgetIpnsRecords();
  verifiedFolders.clear();
}

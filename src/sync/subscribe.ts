import { msg, str } from '@lit/localize';
import type { EditionSource, FeedSource } from '../shared/db-schema.ts';
import { MAX_SOURCE_BYTES, SOURCE_FILE, type SourceDescriptor } from '../shared/edition/edition-format.ts';
import { EditionError, parseSourceDescriptor } from '../shared/edition/parse-edition.ts';
import type { Note } from '../shared/note.ts';
import { MirrorProblem, readMirror } from '../shared/sync/read-mirror.ts';
import { formatNumber } from '../l10n/format.ts';
import { keepPublishers } from '../browser/storage/publishers.ts';
import { getSource, putSource } from '../browser/storage/sources.ts';
import { trustPublisher } from '../publishers/trust-publisher.ts';
import { trustedKeys } from '../browser/storage/trusted-keys.ts';
import { fetchFeed } from './sync-feed.ts';
import { getSettings } from '../browser/storage/settings.ts';
import { gatewayList } from '../shared/ipfs/default-gateways.ts';
import { ipfsFolderOf, isIpfsAddress, isIpfsMirrorAddress } from '../shared/ipfs/ipfs-scheme.ts';
import { noteText } from '../l10n/note-text.ts';

const TIMEOUT_MS = 15_000;

/**
 * The source descriptor at an address a reader typed or pasted: the descriptor file itself, or a
 * mirror's folder, where `pamphlet edition` puts it.
 */
export async function readSourceAddress(address: string): Promise<SourceDescriptor> {
  if (isIpfsAddress(address.trim())) return readIpfsSourceAddress(address.trim());
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw new EditionError(msg(str`“${address}” is not a web address.`));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EditionError(msg(str`“${address}” is not a web address.`));
  const host = url.host;
  const target = url.pathname.endsWith('.json') ? url.href : new URL(SOURCE_FILE, url.href.endsWith('/') ? url.href : `${url.href}/`).href;
  let bytes: Uint8Array;
  try {
    bytes = await readMirror(target, { maxBytes: MAX_SOURCE_BYTES, timeoutMs: TIMEOUT_MS });
  } catch (error) {
    throw new EditionError(refusalText(host, error instanceof MirrorProblem ? error.note : { code: 'mirror-unreachable' }));
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new EditionError(msg(str`${host} served something that is not a Pamphlet source.`));
  }
  return parseSourceDescriptor(value);
}

/**
 * The source descriptor in a folder on IPFS (`ipfs://<cid>/` or `ipns://<name>/`, or its
 * `pamphlet-source.json`), read through the reader's gateways, every block checked.
 */
async function readIpfsSourceAddress(address: string): Promise<SourceDescriptor> {
  if (!isIpfsMirrorAddress(address)) throw new EditionError(msg(str`“${address}” is not a web address.`));
  const target = `${ipfsFolderOf(address)}${SOURCE_FILE}`;
  let bytes: Uint8Array;
  try {
    bytes = await readMirror(target, {
      maxBytes: MAX_SOURCE_BYTES,
      timeoutMs: TIMEOUT_MS,
      gateways: gatewayList((await getSettings()).ipfsGateways),
    });
  } catch (error) {
    throw new EditionError(noteText(error instanceof MirrorProblem ? error.note : { code: 'mirror-unreachable' }));
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new EditionError(msg(str`${address} holds something that is not a Pamphlet source.`));
  }
  return parseSourceDescriptor(value);
}

/** Why a mirror gave no source file, for the reader who typed its address. */
function refusalText(host: string, note: Note): string {
  switch (note.code) {
    case 'mirror-http': {
      const status = note.status;
      return msg(str`${host} has no Pamphlet source there (HTTP ${status}).`);
    }
    case 'mirror-redirected':
      return msg(
        str`${host} redirected elsewhere, which Pamphlet does not follow: a mirror serves its files itself. Try the exact address the publisher gives.`,
      );
    case 'mirror-too-large': {
      const megabytes = formatNumber(note.megabytes);
      return msg(str`${host} sent more than ${megabytes} MB, far more than any Pamphlet source, so it was not read.`);
    }
    default:
      return msg(str`${host} did not answer: the mirror may be down or blocked. Try another address.`);
  }
}

/**
 * Follows a publisher's edition: its key becomes trusted under the descriptor's name (the reader
 * has compared the fingerprint and chosen to), unless it is trusted already; the source goes by the
 * name its key is trusted under, whatever a later descriptor calls itself, so that no source is
 * listed under a name that passes for another publisher's. Its mirrors are synced from now on,
 * with `alsoMirrors`: the folder on IPFS the reader found it in, which no descriptor can list
 * (a folder's CID is known only once the descriptor is in it).
 * Throws TrustRefused, following nothing, when the name may not be trusted (trust-publisher.ts).
 */
export async function subscribeEdition(descriptor: SourceDescriptor, alsoMirrors: readonly string[] = []): Promise<EditionSource> {
  const name = (await trustedKeys()).get(descriptor.key)?.name ?? (await trustPublisher(descriptor.key, descriptor.name)).name;
  // Kept, so that the articles the reader passes on carry the way home from now on.
  await keepPublishers([descriptor]);
  const existing = (await getSource(descriptor.key)) as EditionSource | undefined;
  const sequence =
    descriptor.sequence !== undefined ? { descriptorSequence: Math.max(descriptor.sequence, existing?.descriptorSequence ?? 0) } : {};
  const source: EditionSource = existing
    ? { ...existing, name, mirrors: [...new Set([...existing.mirrors, ...descriptor.mirrors, ...alsoMirrors])], ...sequence }
    : {
        kind: 'edition',
        id: descriptor.key,
        name,
        mirrors: [...new Set([...descriptor.mirrors, ...alsoMirrors])],
        addedAt: Date.now(),
        mirrorStatus: {},
        ...sequence,
      };
  await putSource(source);
  return source;
}

/** Follows a plain feed, once it has been read: its title names it. */
export async function addFeed(address: string, proxyTemplate?: string): Promise<FeedSource> {
  const url = new URL(address.trim()).href;
  const feed = await fetchFeed(url, proxyTemplate);
  const source: FeedSource = { kind: 'feed', id: url, name: feed.title, addedAt: Date.now(), mirrorStatus: {} };
  await putSource(source);
  return source;
}

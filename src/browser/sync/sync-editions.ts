import type { EditionSource, Source } from '../../shared/db-schema.ts';
import { syncEdition, type SyncOptions, type SyncReport } from '../../shared/sync/sync-edition.ts';
import type { SourceDescriptor } from '../../shared/edition/edition-format.ts';
import { parseSourceDescriptor } from '../../shared/edition/parse-edition.ts';
import { saveArticles } from '../storage/articles.ts';
import { deletedAmong } from '../storage/deleted.ts';
import { keepPublishers, sequenceOf } from '../storage/publishers.ts';
import { getSource, listSources, putSource, storedRevisions } from '../storage/sources.ts';
import { notifyLibraryChanged } from '../library-changes.ts';
import { getSettings } from '../storage/settings.ts';
import { gatewayList } from '../../shared/ipfs/default-gateways.ts';

/**
 * Syncs one edition source and records what it learned: the mirror list of the newest valid index,
 * the highest index number seen, how each mirror answered, and when a sync last completed.
 * DOM-free: the page and the service worker (Periodic Background Sync) both run it.
 */
export async function syncEditionSource(source: EditionSource, options: SyncOptions = {}): Promise<SyncReport> {
  // The reader's gateways, and only those, for mirrors on IPFS.
  const gateways = options.gateways ?? gatewayList((await getSettings()).ipfsGateways);
  const report = await syncEdition(
    source,
    {
      storedRevisions: storedOrDeleted,
      saveArticles: (articles, images) =>
        saveArticles(
          articles,
          images.map((image) => ({
            hash: image.hash,
            type: image.type,
            blob: new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.type }),
          })),
        ),
    },
    { ...options, gateways },
  );
  // Read again: another sync (another tab, the worker) may have moved it on meanwhile.
  const current = ((await getSource(source.id)) as EditionSource | undefined) ?? source;
  // An index older than a descriptor the source already took mirrors from does not take them back.
  const indexIsNewest = (report.sequence ?? 0) >= (current.descriptorSequence ?? 0);
  const updated: EditionSource = {
    ...current,
    mirrors: indexIsNewest ? report.mirrors : current.mirrors,
    mirrorStatus: { ...current.mirrorStatus, ...report.mirrorStatus },
    ...(report.sequence !== undefined ? { lastSequence: Math.max(report.sequence, current.lastSequence ?? 0) } : {}),
    ...(report.complete ? { lastSync: Date.now() } : {}),
  };
  // Mirrors the publisher dropped are forgotten with their status.
  for (const mirror of Object.keys(updated.mirrorStatus)) {
    if (!updated.mirrors.some((kept) => kept.replace(/\/?$/, '/') === mirror.replace(/\/?$/, '/'))) delete updated.mirrorStatus[mirror];
  }
  await putSource(updated);
  await keepSyncedDescriptor(report.publishers ?? [], source.id);
  return report;
}

/**
 * What the library has of each article, for a sync to fetch only what it lacks: an article the
 * reader deleted counts as had, at every revision, so that no sync brings it back.
 */
async function storedOrDeleted(ids: readonly string[]): Promise<Map<string, number>> {
  const [revisions, deleted] = await Promise.all([storedRevisions(ids), deletedAmong(ids)]);
  for (const id of deleted) revisions.set(id, Number.MAX_SAFE_INTEGER);
  return revisions;
}

/**
 * The publisher's descriptor from the bundles a sync fetched, kept when newer than the one kept,
 * so that what the reader passes on carries the mirrors of the publisher's latest run. Only the
 * source's own key counts; anything that does not verify is passed over (the articles were stored).
 */
async function keepSyncedDescriptor(listed: readonly unknown[], key: string): Promise<void> {
  let newest: SourceDescriptor | undefined;
  for (const value of listed) {
    const descriptor = await parseSourceDescriptor(value, 'publisher').catch(() => undefined);
    if (descriptor?.key === key && (!newest || sequenceOf(descriptor) > sequenceOf(newest))) newest = descriptor;
  }
  if (newest) await keepPublishers([newest]);
}

export function isEdition(source: Source): source is EditionSource {
  return source.kind === 'edition';
}

/** Every followed edition in turn; what the service worker runs when the browser wakes it. */
export async function syncAllEditions(options: SyncOptions = {}): Promise<SyncReport[]> {
  const reports: SyncReport[] = [];
  for (const source of (await listSources()).filter(isEdition)) reports.push(await syncEditionSource(source, options));
  if (reports.some((report) => report.added > 0 || (report.corrected ?? 0) > 0)) notifyLibraryChanged();
  return reports;
}

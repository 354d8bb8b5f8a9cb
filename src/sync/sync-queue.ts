import { msg, str } from '@lit/localize';
import { errorText } from '../l10n/note-text.ts';
import { notifyLibraryChanged } from '../browser/library-changes.ts';
import { ListenerSet } from '../shared/listener-set.ts';
import { SYNC_FINISHED, SYNC_STARTED } from '../app/performance-marks.ts';
import type { SyncProgress, SyncReport } from '../shared/sync/sync-edition.ts';
import { getSettings } from '../browser/storage/settings.ts';
import { listSources } from '../browser/storage/sources.ts';
import { syncEditionSource } from '../browser/sync/sync-editions.ts';

/**
 * One sync at a time for the whole app (the Sync button, the sync on start): every source in turn,
 * with progress in articles and bytes, cancellable. What a cancelled or failed sync stored stays.
 */
export interface SyncState {
  running?: SyncProgress;
  /** The last sync's reports, one per source. */
  reports: SyncReport[];
  /** Why the last sync did nothing at all, if it did nothing. */
  problem?: string;
  finishedAt?: number;
}

const listeners = new ListenerSet<SyncState>();
let state: SyncState = { reports: [] };
let running: Promise<void> | undefined;
let controller: AbortController | undefined;

function publish(next: SyncState): void {
  state = next;
  listeners.notify(state);
}

export function syncState(): SyncState {
  return state;
}

export function onSyncState(listener: (state: SyncState) => void): () => void {
  return listeners.add(listener);
}

async function run(): Promise<void> {
  const sources = await listSources();
  if (sources.length === 0) {
    publish({ reports: [], problem: msg('You follow no source yet: add one below.'), finishedAt: Date.now() });
    return;
  }
  if (!navigator.onLine) {
    publish({
      reports: [],
      problem: msg('This device is offline, so nothing was synced. Your library is as it was.'),
      finishedAt: Date.now(),
    });
    return;
  }
  controller = new AbortController();
  const { feedProxy } = await getSettings();
  const reports: SyncReport[] = [];
  publish({ reports, running: { source: sources[0]!.name, articlesDone: 0, articlesTotal: 0, bytesDone: 0, bytesTotal: 0 } });
  try {
    for (const source of sources) {
      const options = { signal: controller.signal, onProgress: (progress: SyncProgress) => publish({ reports, running: progress }) };
      // Feeds need the sanitizer and a feed parser; editions need neither.
      const report =
        source.kind === 'edition'
          ? await syncEditionSource(source, options)
          : await (await import('./sync-feed.ts')).syncFeedSource(source, feedProxy || undefined, options);
      reports.push(report);
      if (report.added > 0 || (report.corrected ?? 0) > 0) notifyLibraryChanged();
    }
    publish({ reports, finishedAt: Date.now() });
  } catch (error) {
    const cancelled = error instanceof DOMException && error.name === 'AbortError';
    const reason = errorText(error);
    publish({
      reports,
      problem: cancelled
        ? msg('Sync cancelled. The articles it had already fetched are kept; the next sync fetches the rest.')
        : msg(str`Sync failed: ${reason}`),
      finishedAt: Date.now(),
    });
    notifyLibraryChanged();
  } finally {
    controller = undefined;
  }
}

/** Syncs every source; while a sync runs, asking again joins it. */
export function syncAll(): Promise<void> {
  running ??= (async () => {
    performance.mark(SYNC_STARTED);
    try {
      await run();
    } finally {
      performance.mark(SYNC_FINISHED);
      running = undefined;
    }
  })();
  return running;
}

/**
 * The sync on start, unless this page has synced already: a reader who followed a source (which
 * syncs it) or cancelled a sync before the start's turn came does not want a second one.
 */
export function syncOnStart(): Promise<void> {
  if (running || state.finishedAt !== undefined) return running ?? Promise.resolve();
  return syncAll();
}

export function cancelSync(): void {
  controller?.abort();
}

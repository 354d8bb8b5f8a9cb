import { msg, str } from '@lit/localize';
import { countArticles } from '../browser/storage/articles.ts';
import { refuseDatabase } from '../browser/storage/database.ts';
import { deleteAllBuckets } from '../browser/storage/library-home.ts';
import { askServerToClear } from './clear-site-data.ts';
import { announceWipe } from './wipe-signal.ts';
import type { WipeReport } from './wipe-report.ts';

export interface WipeOptions {
  /**
   * Another tab (or an old version of the app) keeps the database open. The wipe waits for it:
   * the database goes as soon as that tab is closed.
   */
  onBlocked?: () => void;
}

/** Removes everything this origin stores, whatever made it; nothing of the library is left. */
export async function wipeEverything({ onBlocked }: WipeOptions = {}): Promise<WipeReport> {
  const articles = await Promise.race([
    countArticles().catch(() => undefined),
    new Promise<undefined>((resolve) => setTimeout(resolve, 500)),
  ]);
  announceWipe();
  const { stopSearch } = await import('../search/search-client.ts');
  stopSearch();
  await refuseDatabase();
  // First, so that no service worker wakes up meanwhile (a background sync) and writes again.
  const serviceWorkers = await unregisterServiceWorkers();
  // What can go at once goes first: a database deletion waits for every tab that holds it open
  // (an old version's, unaware of wipes), and a reader who must close the browser right away
  // should not leave the cached app, the first screen's titles or the files behind meanwhile.
  const caches = await deleteCaches();
  const localItems = clearWebStorage();
  const files = await clearOriginFiles();
  // The library's storage buckets go from the disk at once, open connections or not.
  let databases = await deleteAllBuckets();
  databases += await deleteDatabases(onBlocked);
  // A page of an old version, unaware of wipes, may have opened the database again meanwhile.
  databases += await deleteDatabases(onBlocked);
  void askServerToClear();
  return { articles, databases, caches, serviceWorkers, localItems, files };
}

async function unregisterServiceWorkers(): Promise<number> {
  if (!('serviceWorker' in navigator)) return 0;
  const registrations = await navigator.serviceWorker.getRegistrations();
  const results = await Promise.all(registrations.map((registration) => registration.unregister()));
  return results.filter(Boolean).length;
}

async function deleteDatabases(onBlocked: WipeOptions['onBlocked']): Promise<number> {
  if (typeof indexedDB === 'undefined') return 0;
  const names = (await indexedDB.databases()).flatMap((info) => (info.name ? [info.name] : []));
  await Promise.all(names.map((name) => deleteDatabase(name, onBlocked)));
  return names.length;
}

function deleteDatabase(name: string, onBlocked: WipeOptions['onBlocked']): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(msg(str`The database ${name} could not be deleted.`)));
    // The request stays pending and succeeds once the other connections close.
    request.onblocked = () => onBlocked?.();
  });
}

/**
 * Every cache, emptied entry by entry, then deleted. Deleting a cache alone is not enough: while any
 * context still holds it open (the service worker's share inbox, a page that read it), Chromium
 * keeps its files on disk until that reference goes, and a reader who closes the browser at once
 * left a shared text there (e2e/traces.spec.ts, 2 runs of 6). An entry deleted goes from the disk
 * as it is deleted.
 */
async function deleteCaches(): Promise<number> {
  if (typeof caches === 'undefined') return 0;
  const names = await caches.keys();
  await Promise.all(
    names.map(async (name) => {
      const cache = await caches.open(name);
      const requests = await cache.keys();
      await Promise.all(requests.map((request) => cache.delete(request)));
      await caches.delete(name);
    }),
  );
  return names.length;
}

function clearWebStorage(): number {
  let count = 0;
  for (const storage of [localStorage, sessionStorage]) {
    try {
      count += storage.length;
      storage.clear();
    } catch {
      // Storage turned off by the browser: it holds nothing either.
    }
  }
  return count;
}

async function clearOriginFiles(): Promise<number> {
  const root = await navigator.storage?.getDirectory?.().catch(() => undefined);
  if (!root) return 0;
  const names: string[] = [];
  for await (const name of (root as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> }).keys()) names.push(name);
  await Promise.all(names.map((name) => root.removeEntry(name, { recursive: true })));
  return names.length;
}

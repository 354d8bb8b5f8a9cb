import type { Page } from '@playwright/test';
import { inLibraryDatabase } from './library-database.ts';

/** Everything the origin stores, read back through every storage API a page has. */
export interface OriginStorage {
  /** IndexedDB databases in the origin's default storage. */
  databases: string[];
  /** Named storage buckets (the library's is one). */
  buckets: string[];
  caches: string[];
  serviceWorkers: number;
  localStorage: number;
  sessionStorage: number;
  files: string[];
}

export function originStorage(page: Page): Promise<OriginStorage> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const files: string[] = [];
    for await (const name of (root as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> }).keys()) files.push(name);
    return {
      databases: (await indexedDB.databases()).map((database) => database.name ?? ''),
      buckets: (await (navigator as Navigator & { storageBuckets?: { keys(): Promise<string[]> } }).storageBuckets?.keys()) ?? [],
      caches: await caches.keys(),
      serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
      localStorage: localStorage.length,
      sessionStorage: sessionStorage.length,
      files,
    };
  });
}

export const NOTHING_STORED: OriginStorage = {
  databases: [],
  buckets: [],
  caches: [],
  serviceWorkers: 0,
  localStorage: 0,
  sessionStorage: 0,
  files: [],
};

/** What Chromium itself counts as stored for the page's origin (IndexedDB, caches, workers, files). */
export async function usageOf(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin: new URL(page.url()).origin });
    return usage;
  } finally {
    await cdp.detach();
  }
}

/**
 * Stops every service worker, as the browser does by itself after about 30 seconds without an
 * event. A deleted cache's bytes stay on disk while a running worker still holds it open.
 */
export async function stopServiceWorkers(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach();
  }
}

/**
 * Every record of every store of the app's database, read with the raw IndexedDB API (not the
 * app's code), each as text: strings as they are, binary data as hex, so that a test can look
 * for words in it.
 */
export interface RawRecord {
  store: string;
  key: string;
  /** The record's top-level field names (none for a plain value). */
  fields: string[];
  text: string;
  /** Bytes of binary data in it, and their entropy in bits per byte (8 for random bytes). */
  binary: number;
  entropy: number;
}

export function rawDatabaseRecords(page: Page): Promise<RawRecord[]> {
  return inLibraryDatabase(
    page,
    (db) =>
      new Promise<RawRecord[]>((resolve, reject) => {
        void (async () => {
          const records: Array<{ store: string; key: string; fields: string[]; text: string; binary: number; entropy: number }> = [];
          const counts = new Array<number>(256).fill(0);
          const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
          const walk = async (value: unknown, out: { text: string[]; binary: number }): Promise<void> => {
            if (value instanceof Blob) return walk(new Uint8Array(await value.arrayBuffer()), out);
            if (value instanceof ArrayBuffer) return walk(new Uint8Array(value), out);
            if (ArrayBuffer.isView(value)) {
              const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
              out.binary += bytes.length;
              for (const byte of bytes) counts[byte]!++;
              // Decoded as text too, so that words stored as plain UTF-8 bytes would be found.
              out.text.push(hex(bytes), new TextDecoder().decode(bytes));
              return;
            }
            if (Array.isArray(value)) {
              for (const item of value) await walk(item, out);
              return;
            }
            if (value && typeof value === 'object') {
              for (const [key, item] of Object.entries(value)) {
                out.text.push(key);
                await walk(item, out);
              }
              return;
            }
            out.text.push(String(value));
          };
          const all = (store: string) =>
            new Promise<Array<{ key: IDBValidKey; value: unknown }>>((done, fail) => {
              const request = db.transaction(store).objectStore(store).openCursor();
              const found: Array<{ key: IDBValidKey; value: unknown }> = [];
              request.onerror = () => fail(request.error ?? new Error('the cursor failed'));
              request.onsuccess = () => {
                const cursor = request.result;
                if (!cursor) return done(found);
                found.push({ key: cursor.key, value: cursor.value });
                cursor.continue();
              };
            });
          try {
            for (const store of Array.from(db.objectStoreNames)) {
              for (const { key, value } of await all(store)) {
                const out = { text: [] as string[], binary: 0 };
                counts.fill(0);
                await walk(value, out);
                const entropy = counts.reduce(
                  (sum, count) => (count ? sum - (count / out.binary) * Math.log2(count / out.binary) : sum),
                  0,
                );
                const fields = value && typeof value === 'object' && !ArrayBuffer.isView(value) ? Object.keys(value) : [];
                records.push({
                  store,
                  key: typeof key === 'string' ? key : JSON.stringify(key),
                  fields,
                  text: out.text.join('\n'),
                  binary: out.binary,
                  entropy,
                });
              }
            }
            resolve(records);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        })();
      }),
  );
}

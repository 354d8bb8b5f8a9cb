import type { Page } from '@playwright/test';

/**
 * The library's database opened in the page with the raw IndexedDB API (not the app's code): in
 * its storage bucket (`lib-N`, the lowest), where the browser has buckets, as the app keeps it
 * (src/browser/storage/library-home.ts).
 */
const OPEN_LIBRARY = `async function openLibrary(version) {
  const buckets = navigator.storageBuckets;
  const names = buckets ? (await buckets.keys()).filter((name) => /^lib-\\d+$/.test(name)).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4))) : [];
  const factory = buckets && names.length > 0 ? (await buckets.open(names[0])).indexedDB : indexedDB;
  return new Promise((resolve, reject) => {
    const request = version === null ? factory.open('pamphlet') : factory.open('pamphlet', version);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('the request failed'));
  });
}`;

/**
 * Runs `action` in the page on the library's database, then closes it. `action` is sent as its
 * source, so it may use nothing from outside but its arguments; `arg` must be JSON.
 */
export function inLibraryDatabase<T, A = undefined>(page: Page, action: (db: IDBDatabase, arg: A) => T | Promise<T>, arg?: A): Promise<T> {
  return page.evaluate<T>(`(async () => {
    ${OPEN_LIBRARY}
    const db = await openLibrary(null);
    try {
      return await (${action.toString()})(db, ${JSON.stringify(arg ?? null)});
    } finally {
      db.close();
    }
  })()`);
}

/**
 * Opens the library's database at `version` from a page of the origin, as a tab of a newer app
 * would, and closes it once open; the version it got. Rejects if still blocked after 5 seconds.
 */
export function upgradeLibraryDatabase(page: Page, version: number): Promise<number> {
  return page.evaluate<number>(`(async () => {
    ${OPEN_LIBRARY.replace('request.onerror', 'request.onblocked = () => setTimeout(() => reject(new Error("still blocked after 5 s")), 5000);\n    request.onerror')}
    const db = await openLibrary(${version});
    db.close();
    return db.version;
  })()`);
}

/** Every record of one store of the library's database, as stored (sealed or not). */
export function storedRecords<T>(page: Page, store: string): Promise<T[]> {
  return inLibraryDatabase(
    page,
    (db, name: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error ?? new Error('the request failed'));
      }),
    store,
  );
}

/** The record under `key` in one store of the library's database, as stored; undefined if none. */
export function storedRecord<T>(page: Page, store: string, key: string): Promise<T | undefined> {
  return inLibraryDatabase(
    page,
    (db, where: { store: string; key: string }) =>
      new Promise<T | undefined>((resolve, reject) => {
        const request = db.transaction(where.store).objectStore(where.store).get(where.key);
        request.onsuccess = () => resolve(request.result as T | undefined);
        request.onerror = () => reject(request.error ?? new Error('the request failed'));
      }),
    { store, key },
  );
}

/** Writes `value` (JSON) into one store of the library's database, under `key` where the store has no key path. */
export function putRecord(page: Page, store: string, value: unknown, key?: string): Promise<void> {
  return inLibraryDatabase(
    page,
    (db, put: { store: string; value: unknown; key: string | null }) =>
      new Promise<void>((resolve, reject) => {
        const objects = db.transaction(put.store, 'readwrite').objectStore(put.store);
        const request = put.key === null ? objects.put(put.value) : objects.put(put.value, put.key);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error ?? new Error('the request failed'));
      }),
    { store, value, key: key ?? null },
  );
}

/**
 * Every stored image as its hash, its type and the SHA-256 (hex) of the bytes its blob holds,
 * computed in the page: a blob does not cross to the test.
 */
export function storedImages(page: Page): Promise<Array<{ hash: string; type: string; sha256: string }>> {
  return inLibraryDatabase(page, async (db) => {
    const images = await new Promise<Array<{ hash: string; type: string; blob: Blob }>>((resolve, reject) => {
      const request = db.transaction('images').objectStore('images').getAll();
      request.onsuccess = () => resolve(request.result as Array<{ hash: string; type: string; blob: Blob }>);
      request.onerror = () => reject(request.error ?? new Error('the request failed'));
    });
    const digests = [];
    for (const { hash, type, blob } of images) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
      digests.push({ hash, type, sha256: [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('') });
    }
    return digests;
  });
}

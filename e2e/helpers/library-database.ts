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
 *
 * Each attempt has `ANSWER_WITHIN_MS`: Chromium (156) now and then leaves a transaction of a
 * connection opened in the second or so after a big import committed unanswered for good (seen in
 * 4 of 6 reads of 1,000 articles made right after their import, whether read in one getAll or in
 * pages of 100, which stopped after a page or a few; never in reads made 2 s later). The app's own
 * connection, opened before, goes on answering, and one opened a few seconds later answers at once.
 * So an attempt that has no answer in time is given up (its connection asked to close) and `action`
 * runs again on a new connection: a read has nothing to undo, and a put that ran twice stores the
 * same value; a read of the whole library takes well under 2 s. An error of the action itself is
 * not tried again.
 */
export function inLibraryDatabase<T, A = undefined>(page: Page, action: (db: IDBDatabase, arg: A) => T | Promise<T>, arg?: A): Promise<T> {
  return page.evaluate<T>(`(async () => {
    ${OPEN_LIBRARY}
    const ANSWER_WITHIN_MS = 10000;
    const ATTEMPTS = 5;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const db = await openLibrary(null);
      const running = Promise.resolve().then(() => (${action.toString()})(db, ${JSON.stringify(arg ?? null)}));
      // Once given up, the attempt's abort must not surface as an unhandled rejection.
      running.catch(() => undefined);
      let timer;
      const outcome = await Promise.race([
        running.then((value) => ({ value }), (error) => ({ error })),
        new Promise((resolve) => (timer = setTimeout(() => resolve(undefined), ANSWER_WITHIN_MS))),
      ]);
      clearTimeout(timer);
      db.close();
      if (outcome === undefined) continue;
      if ('error' in outcome) throw outcome.error;
      return outcome.value;
    }
    throw new Error('the library database answered none of ' + ATTEMPTS + ' connections within ' + ANSWER_WITHIN_MS + ' ms');
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

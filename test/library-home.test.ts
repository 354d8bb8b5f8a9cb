import './setup-defines.ts';
import './setup-indexeddb.ts';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import type { Article } from '../src/shared/article.ts';
import { argon2idKey } from '../src/shared/crypto/argon2.ts';
import { keysOf, newSecret, wrapSecret, type KdfParams } from '../src/shared/crypto/vault-keys.ts';
import { DB_NAME, DB_VERSION, upgradeDatabase, type PamphletDB } from '../src/shared/db-schema.ts';
import { getArticle, saveArticles } from '../src/browser/storage/articles.ts';
import { closeDatabase } from '../src/browser/storage/database.ts';
import { libraryBuckets } from '../src/browser/storage/library-home.ts';
import { moveToFreshHome } from '../src/browser/storage/move-library.ts';
import { forgetVaultRecord, putVaultRecord, recordCodec, useKeys, vaultRecord } from '../src/browser/storage/vault.ts';

/**
 * Storage buckets as Chromium has them (`navigator.storageBuckets`), each its own IndexedDB, for
 * the code that keeps the library in one; Node has none, and the other tests run without.
 */
const buckets = new Map<string, IDBFactory>();
const deleted: string[] = [];
/** As on a nearly full disk, where Chromium makes no new bucket. */
let refuseNewBuckets = false;
Object.defineProperty(globalThis, 'navigator', {
  configurable: true,
  value: {
    storageBuckets: {
      open(name: string) {
        if (!buckets.has(name) && refuseNewBuckets) return Promise.reject(new DOMException('Too many buckets created.', 'UnknownError'));
        if (!buckets.has(name)) buckets.set(name, new IDBFactory());
        return Promise.resolve({ name, indexedDB: buckets.get(name)! });
      },
      keys() {
        return Promise.resolve([...buckets.keys()]);
      },
      delete(name: string) {
        buckets.delete(name);
        deleted.push(name);
        return Promise.resolve();
      },
    },
  },
});

const FAST: KdfParams = { algorithm: 'argon2id', memory: 1024, iterations: 1, parallelism: 1 };

function article(n: number): Article {
  return {
    id: n.toString(16).padStart(64, '0'),
    guid: `urn:${n}`,
    revision: 1,
    title: `Smuggled testimony ${n}`,
    publisher: { name: 'Desk' },
    lang: 'en',
    dir: 'ltr',
    published: '2020-01-05',
    content: `<p>Words ${n}</p>`,
  };
}

/** Every string stored in a bucket's database, in one text. */
async function textIn(factory: IDBFactory): Promise<string> {
  const request = factory.open(DB_NAME);
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('the database did not open'));
  });
  const parts: string[] = [];
  for (const store of Array.from(db.objectStoreNames)) {
    const values = await new Promise<unknown[]>((resolve) => {
      const all = db.transaction(store).objectStore(store).getAll();
      all.onsuccess = () => resolve(all.result);
    });
    parts.push(JSON.stringify(values));
  }
  db.close();
  return parts.join('\n');
}

beforeEach(async () => {
  await closeDatabase();
  forgetVaultRecord();
  useKeys(undefined);
  buckets.clear();
  deleted.length = 0;
  refuseNewBuckets = false;
  indexedDB.deleteDatabase(DB_NAME);
});

test('a library from before buckets is moved into one, and the old database deleted', async () => {
  // Written as a version without buckets did: in the origin's default storage.
  const legacy = await openDB<PamphletDB>(DB_NAME, DB_VERSION, { upgrade: upgradeDatabase });
  await legacy.put('articles', article(2));
  legacy.close();

  assert.equal((await getArticle(article(2).id))?.title, 'Smuggled testimony 2');
  assert.deepEqual(await libraryBuckets(), ['lib-1']);
  assert.deepEqual(
    (await indexedDB.databases()).map((info) => info.name),
    [],
  );
});

test('turning the lock on moves the library into a fresh bucket, sealed, and deletes the old one with everything in clear', async () => {
  await saveArticles([article(1), article(2)]);
  assert.deepEqual(await libraryBuckets(), ['lib-1']);
  assert.match(await textIn(buckets.get('lib-1')!), /Smuggled testimony 1/);

  const secret = newSecret();
  const wrapped = await wrapSecret(secret.slice(), 'correct horse battery', argon2idKey, FAST);
  useKeys(await keysOf(secret));
  await putVaultRecord({ ...wrapped, state: 'sealing', form: 2, idleMinutes: 5, changedAt: 1 });
  // A move cut off before: its half-filled bucket is deleted first.
  buckets.set('lib-2', new IDBFactory());
  const progress: number[] = [];
  assert.equal(await moveToFreshHome(await recordCodec(), { onProgress: ({ done }) => progress.push(done) }), true);
  assert.deepEqual(deleted, ['lib-2', 'lib-1']);
  assert.deepEqual(await libraryBuckets(), ['lib-2']);
  assert.ok(progress.at(-1)! >= 2);
  const text = await textIn(buckets.get('lib-2')!);
  assert.doesNotMatch(text, /Smuggled|testimony|Words/);
  assert.equal(text.includes(article(1).id), false);
  // The library reads on from the new bucket, sealed.
  forgetVaultRecord();
  assert.equal((await vaultRecord())?.state, 'sealing');
  assert.equal((await getArticle(article(1).id))?.title, 'Smuggled testimony 1');
});

test('where no bucket can be made, the library opens in the default storage, and moves into a bucket once one can be', async () => {
  refuseNewBuckets = true;
  await saveArticles([article(3)]);
  assert.deepEqual(await libraryBuckets(), []);
  assert.equal((await getArticle(article(3).id))?.title, 'Smuggled testimony 3');
  // The next start, with room again.
  await closeDatabase();
  refuseNewBuckets = false;
  assert.equal((await getArticle(article(3).id))?.title, 'Smuggled testimony 3');
  assert.deepEqual(await libraryBuckets(), ['lib-1']);
  assert.match(await textIn(buckets.get('lib-1')!), /Smuggled testimony 3/);
  assert.deepEqual(
    (await indexedDB.databases()).map((info) => info.name),
    [],
  );
});

import './setup-defines.ts';
import './setup-indexeddb.ts';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { DB_NAME } from '../src/shared/db-schema.ts';
import type { Article } from '../src/shared/article.ts';
import {
  countArticles,
  getArticle,
  getImage,
  saveArticles,
  saveArticlesAsChecked,
  type Decisions,
} from '../src/browser/storage/articles.ts';
import { SealBrokenError } from '../src/shared/crypto/envelope.ts';
import { openDB } from 'idb';
import { closeDatabase } from '../src/browser/storage/database.ts';
import { Preparation } from '../src/browser/storage/save-preparation.ts';
import { forgetVaultRecord, recordCodec, useKeys } from '../src/browser/storage/vault.ts';
import { numberedArticle } from './helpers/numbered-article.ts';
import { lockOn } from './helpers/lock-on.ts';

// With the lock on, an import's records are sealed while its checks run and its transaction is
// open (src/browser/storage/save-preparation.ts), and the revisions of stored entries are read and
// opened inside that transaction: these are the saves that makes.

const numbered = (n: number, overrides: Partial<Article> = {}) => numberedArticle(n, { published: '2020-02-01T10:00:00Z', ...overrides });

function acceptedOneByOne(count: number): { decisions: Decisions; acceptAll: () => Promise<void> } {
  const accepted = new Array<boolean | undefined>(count);
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  return {
    decisions: { accepted, settled },
    acceptAll: async () => {
      for (let at = 0; at < count; at++) {
        accepted[at] = true;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      settle();
    },
  };
}

beforeEach(async () => {
  await closeDatabase();
  indexedDB.deleteDatabase(DB_NAME);
  forgetVaultRecord();
  useKeys(undefined);
});

test('with the lock on, a save as checked adds, keeps and replaces as it should in a library many times its size', async () => {
  await saveArticles(Array.from({ length: 80 }, (_, at) => numbered(2 * (at + 1))));
  await lockOn();
  // 16 keys read per article saved: 64 of the 80 stored. Which those are depends on the opaque
  // names, new with each lock (the same reading without the lock, where the order is known, is in
  // save-as-checked.test.ts); whichever they are, the sealed revisions must be opened and heeded.
  const articles = [
    numbered(3),
    numbered(4, { title: 'Same revision' }),
    numbered(150, { title: 'A newer revision', revision: 2 }),
    numbered(151),
  ];
  const checks = acceptedOneByOne(articles.length);
  const saving = saveArticlesAsChecked(articles, checks.decisions, []);
  await checks.acceptAll();
  assert.deepEqual(
    (await saving).map((outcome) => outcome?.result),
    ['added', 'kept', 'replaced', 'added'],
  );
  assert.equal((await getArticle(numbered(4).id))?.title, 'Article 4');
  assert.equal((await getArticle(numbered(150).id))?.title, 'A newer revision');
  assert.equal((await getArticle(numbered(151).id))?.title, 'Article 151');
  assert.equal(await countArticles(), 82);
});

test('with the lock on, the first articles are sealed, ready to write, long before the last', async () => {
  await lockOn();
  const count = 300;
  const preparation = new Preparation(
    await recordCodec(),
    Array.from({ length: count }, (_, at) => numbered(at + 1, { content: `<p>${'Testimony. '.repeat(400)}</p>` })),
    [],
    Date.now(),
  );
  let ended = false;
  void preparation.done.then(() => (ended = true));
  while (!preparation.articles[0]) await new Promise((resolve) => setImmediate(resolve));
  const readyWithTheFirst = preparation.articles.filter(Boolean).length;
  assert.equal(ended, false);
  assert.ok(readyWithTheFirst < count / 3, `${readyWithTheFirst} of ${count} were ready when the first was`);
  await preparation.done;
  assert.equal(preparation.articles.filter(Boolean).length, count);
  assert.notEqual(preparation.articles[0].stored.id, numbered(1).id, 'sealed under an opaque name');
});

test(
  'with the lock on, an article that cannot be sealed fails the save as checked, and nothing of it is stored',
  { timeout: 30_000 },
  async () => {
    await saveArticles([numbered(1)]);
    await lockOn();
    // JSON, which a sealed record's body is, has no big integers: the seal throws. The last of 64,
    // all accepted at once: the first are written before it is reached, and are taken back.
    const unsealable = { ...numbered(99), extra: 99n } as unknown as Article;
    const articles = [...Array.from({ length: 63 }, (_, at) => numbered(at + 2)), unsealable];
    const saving = saveArticlesAsChecked(articles, { accepted: articles.map(() => true), settled: Promise.resolve() }, []);
    await assert.rejects(saving, TypeError);
    assert.equal(await countArticles(), 1);
    assert.equal((await getArticle(numbered(1).id))?.title, 'Article 1');
    assert.equal(await getArticle(numbered(2).id), undefined);
  },
);

test('with the lock on, the images accepted articles show are stored sealed, and those only refused ones show are not', async () => {
  await lockOn();
  const shown = 'a'.repeat(64);
  const onlyRefusedShow = 'b'.repeat(64);
  const articles = [
    numbered(1, { content: `<p>One.</p><img src="sha256:${shown}" alt="">` }),
    numbered(2, { content: `<p>Forged.</p><img src="sha256:${onlyRefusedShow}" alt="">` }),
  ];
  const image = (hash: string) => ({ hash, type: 'image/png', blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }) });
  const outcomes = await saveArticlesAsChecked(articles, { accepted: [true, false], settled: Promise.resolve() }, [
    image(shown),
    image(onlyRefusedShow),
  ]);
  assert.deepEqual(
    outcomes.map((outcome) => outcome?.result),
    ['added', undefined],
  );
  assert.deepEqual([...new Uint8Array(await (await getImage(shown))!.blob.arrayBuffer())], [1, 2, 3]);
  assert.equal(await getImage(onlyRefusedShow), undefined);
  const keys = await storedKeys('images');
  assert.equal(keys.length, 1);
  assert.notEqual(keys[0], shown, 'stored under an opaque name');
});

test(
  'with the lock on, a stored entry that does not open fails the save, and the library stays as it was',
  { timeout: 30_000 },
  async () => {
    await saveArticles([numbered(1), numbered(2)]);
    await lockOn();
    // Someone with the profile's files changes a byte of one sealed entry.
    const db = await openDB(DB_NAME);
    const [name] = await db.getAllKeys('summaries', null, 1);
    const tampered = (await db.get('summaries', name!)) as { sealed: { data: ArrayBuffer } };
    new Uint8Array(tampered.sealed.data)[0]! ^= 1;
    await db.put('summaries', tampered);
    db.close();
    const articles = [numbered(1, { title: 'Newer', revision: 2 }), numbered(2, { title: 'Newer', revision: 2 }), numbered(3)];
    await assert.rejects(
      saveArticlesAsChecked(articles, { accepted: [true, true, true], settled: Promise.resolve() }, []),
      SealBrokenError,
    );
    assert.equal(await countArticles(), 2);
    assert.equal(await getArticle(numbered(3).id), undefined);
  },
);

async function storedKeys(store: string): Promise<unknown[]> {
  const db = await openDB(DB_NAME);
  const keys = await db.getAllKeys(store as never);
  db.close();
  return keys;
}

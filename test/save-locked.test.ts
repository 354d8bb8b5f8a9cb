import './setup-defines.ts';
import './setup-indexeddb.ts';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { DB_NAME } from '../src/shared/db-schema.ts';
import type { Article } from '../src/shared/article.ts';
import { countArticles, getArticle, saveArticles, saveArticlesAsChecked, type Decisions } from '../src/browser/storage/articles.ts';
import { closeDatabase } from '../src/browser/storage/database.ts';
import { Preparation } from '../src/browser/storage/save-preparation.ts';
import { forgetVaultRecord, recordCodec, useKeys } from '../src/browser/storage/vault.ts';
import { numberedArticle } from './helpers/numbered-article.ts';
import { lockOn } from './helpers/lock-on.ts';

// With the lock on, an import's records are sealed while its checks run and its transaction is
// open (src/browser/storage/save-preparation.ts), and which articles are stored is learnt from a
// read of keys before it opens: these are the saves that makes.

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
  // 16 keys read per article saved: 64 of the 80 stored (their opaque names, in their order); the
  // rest are read on their own.
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
    // JSON, which a sealed record's body is, has no big integers: the seal throws.
    const unsealable = { ...numbered(7), extra: 7n } as unknown as Article;
    const articles = [numbered(5), numbered(6), unsealable, numbered(8)];
    const checks = acceptedOneByOne(articles.length);
    const saving = saveArticlesAsChecked(articles, checks.decisions, []);
    await Promise.all([assert.rejects(saving, TypeError), checks.acceptAll()]);
    assert.equal(await countArticles(), 1);
    assert.equal((await getArticle(numbered(1).id))?.title, 'Article 1');
    assert.equal(await getArticle(numbered(5).id), undefined);
  },
);

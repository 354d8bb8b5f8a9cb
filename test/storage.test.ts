import './setup-indexeddb.ts';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { openDB } from 'idb';
import type { Article } from '../src/shared/article.ts';
import { DB_NAME } from '../src/shared/db-schema.ts';
import {
  allSummaries,
  countArticles,
  deleteArticles,
  getArticle,
  getImage,
  listSummaries,
  saveArticles,
  undoDeletion,
} from '../src/browser/storage/articles.ts';
import { numberedArticle } from './helpers/numbered-article.ts';
import { closeDatabase, connect, onDatabaseTrouble, type DatabaseTrouble } from '../src/browser/storage/database.ts';
import {
  allReadingStates,
  getReadingState,
  readArticleIds,
  saveReadingPosition,
  setRead,
  setStarred,
  setTag,
} from '../src/browser/storage/reading.ts';
import { allowAgain, countDeleted, deletedAmong, listDeleted } from '../src/browser/storage/deleted.ts';
import { DEFAULT_SETTINGS, getSettings, saveSetting } from '../src/browser/storage/settings.ts';

const article = numberedArticle;

beforeEach(async () => {
  await closeDatabase();
  indexedDB.deleteDatabase(DB_NAME);
});

test('articles are listed newest first, a page at a time, with summaries from their text', async () => {
  await saveArticles([article(3), article(1), article(2), article(4), article(5)]);
  assert.equal(await countArticles(), 5);
  const first = await listSummaries(2);
  assert.deepEqual(
    first.map((entry) => entry.title),
    ['Article 5', 'Article 4'],
  );
  assert.equal(first[0]!.summary, 'Body of article 5.');
  const second = await listSummaries(2, first.at(-1));
  assert.deepEqual(
    second.map((entry) => entry.title),
    ['Article 3', 'Article 2'],
  );
  const last = await listSummaries(2, second.at(-1));
  assert.deepEqual(
    last.map((entry) => entry.title),
    ['Article 1'],
  );
});

test('articles published at the same moment are all listed once across pages', async () => {
  const same = '2020-02-02T00:00:00Z';
  await saveArticles([1, 2, 3, 4, 5].map((n) => article(n, { published: same })));
  const seen: string[] = [];
  let page = await listSummaries(2);
  while (page.length > 0) {
    seen.push(...page.map((entry) => entry.id));
    page = await listSummaries(2, page.at(-1));
  }
  assert.equal(seen.length, 5);
  assert.equal(new Set(seen).size, 5);
});

test('a date-only publication sorts with date-times', async () => {
  await saveArticles([article(1, { published: '2020-01-05' }), article(2, { published: '2020-01-04T23:00:00Z' })]);
  assert.deepEqual(
    (await listSummaries(10)).map((entry) => entry.title),
    ['Article 1', 'Article 2'],
  );
});

test('the same article twice is kept once; a newer revision replaces it and keeps the reading state', async () => {
  assert.deepEqual(await saveArticles([article(1)]), [{ articleId: article(1).id, result: 'added' }]);
  await saveReadingPosition(article(1).id, 0.4);
  assert.deepEqual(await saveArticles([article(1, { title: 'Changed' })]), [{ articleId: article(1).id, result: 'kept' }]);
  assert.equal((await getArticle(article(1).id))?.title, 'Article 1');

  const corrected = article(1, { revision: 2, title: 'Article 1, corrected' });
  assert.deepEqual(await saveArticles([corrected]), [{ articleId: corrected.id, result: 'replaced' }]);
  assert.equal((await getArticle(corrected.id))?.title, 'Article 1, corrected');
  assert.equal((await listSummaries(10))[0]?.title, 'Article 1, corrected');
  assert.equal((await getReadingState(corrected.id))?.position, 0.4);
  assert.equal(await countArticles(), 1);

  const older = article(1, { revision: 1, title: 'Stale copy' });
  assert.equal((await saveArticles([older]))[0]?.result, 'kept');
  assert.equal((await getArticle(corrected.id))?.title, 'Article 1, corrected');
});

test('one save that holds an article twice decides each copy as if the one before it were already stored', async () => {
  // The save makes all its requests before awaiting any, so it cannot read back its own puts.
  const newer = article(1, { revision: 2, title: 'Newer' });
  const older = article(1, { revision: 1, title: 'Older' });
  assert.deepEqual(
    (await saveArticles([newer, older, newer])).map((outcome) => outcome.result),
    ['added', 'kept', 'kept'],
  );
  assert.equal((await getArticle(newer.id))?.title, 'Newer');
  assert.deepEqual(
    (await saveArticles([article(2), article(2, { revision: 3, title: 'Third' })])).map((outcome) => outcome.result),
    ['added', 'replaced'],
  );
  assert.equal((await getArticle(article(2).id))?.title, 'Third');
  assert.deepEqual(
    (await listSummaries(10)).map((entry) => entry.title),
    ['Third', 'Newer'],
  );
});

test('a correction keeps the reader’s star, read mark and place, and the list knows when it was corrected', async () => {
  await saveArticles([article(1), article(2)]);
  await setStarred([article(1).id], true);
  await setRead([article(1).id], true);
  await saveReadingPosition(article(1).id, 0.7);
  const corrected = article(1, { revision: 2, modified: '2020-02-03T04:05:06Z', content: '<p>Body of article 1, corrected.</p>' });
  assert.equal((await saveArticles([corrected]))[0]?.result, 'replaced');
  const state = await getReadingState(corrected.id);
  assert.deepEqual([state?.starred, state?.read, state?.position], [true, true, 0.7]);
  const [summary] = (await allSummaries()).filter((entry) => entry.id === corrected.id);
  assert.deepEqual([summary?.revision, summary?.modified, summary?.summary], [2, '2020-02-03T04:05:06Z', 'Body of article 1, corrected.']);
  // A first revision is no correction, whatever its `modified` says; a malformed one is not shown.
  await saveArticles([article(3, { modified: '2020-02-03T04:05:06Z' }), article(4, { revision: 2, modified: 'last week' })]);
  const byId = new Map((await allSummaries()).map((entry) => [entry.id, entry]));
  assert.equal(byId.get(article(3).id)?.modified, undefined);
  assert.equal(byId.get(article(4).id)?.modified, undefined);
});

test('an article without a date is stored without one, and listed by when it was stored', async () => {
  const { published: _published, ...undated } = article(9);
  await saveArticles([article(1), undated, article(2)]);
  const listed = await listSummaries(10);
  assert.deepEqual(
    listed.map((entry) => entry.title),
    ['Article 9', 'Article 2', 'Article 1'],
  );
  assert.equal(listed[0]!.published, undefined);
  assert.equal((await getArticle(undated.id))?.published, undefined);
});

test('a save that fails part-way stores nothing', async () => {
  await saveArticles([article(1)]);
  // A function cannot be stored, so the second put fails and the transaction aborts.
  const broken = { ...article(3), extra: () => undefined } as unknown as Article;
  await assert.rejects(saveArticles([article(2), broken]));
  assert.equal(await countArticles(), 1);
  assert.deepEqual(
    (await listSummaries(10)).map((entry) => entry.title),
    ['Article 1'],
  );
});

test('images are stored once under their hash', async () => {
  const hash = 'a'.repeat(64);
  const image = { hash, type: 'image/png', blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }) };
  await saveArticles([article(1)], [image]);
  await saveArticles([article(2)], [image]);
  const stored = await getImage(hash);
  assert.equal(stored?.type, 'image/png');
  assert.deepEqual([...new Uint8Array(await stored.blob.arrayBuffer())], [1, 2, 3]);
});

test('opening an article marks it read; the position is clamped to the article', async () => {
  await saveArticles([article(1), article(2)]);
  await saveReadingPosition(article(2).id, 7);
  assert.deepEqual([...(await readArticleIds())], [article(2).id]);
  assert.equal((await getReadingState(article(2).id))?.position, 1);
  await saveReadingPosition(article(1).id, Number.NaN);
  assert.equal((await getReadingState(article(1).id))?.position, 0);
});

test('settings start at their defaults, keep what is saved, and ignore damaged values', async () => {
  assert.deepEqual(await getSettings(), DEFAULT_SETTINGS);
  await saveSetting('theme', 'sepia');
  await saveSetting('textScale', 1.25);
  assert.deepEqual(await getSettings(), { ...DEFAULT_SETTINGS, theme: 'sepia', textScale: 1.25 });
  const db = await openDB(DB_NAME);
  await db.put('settings', 'neon', 'theme');
  await db.put('settings', 9, 'textScale');
  db.close();
  await closeDatabase();
  assert.deepEqual(await getSettings(), DEFAULT_SETTINGS);
});

test('the language follows the browser until the reader picks one, and a store from before it was a setting still reads', async () => {
  await saveSetting('theme', 'dark');
  assert.equal((await getSettings()).language, '');
  await saveSetting('language', 'fa');
  assert.deepEqual(await getSettings(), { ...DEFAULT_SETTINGS, theme: 'dark', language: 'fa' });
  const db = await openDB(DB_NAME);
  await db.put('settings', 'tlh', 'language');
  db.close();
  await closeDatabase();
  assert.equal((await getSettings()).language, '');
});

/** Every trouble reported from now on; `reported(n)` settles once `n` have come. */
function collectTrouble(): { seen: Array<DatabaseTrouble | undefined>; reported: (count: number) => Promise<void>; stop: () => void } {
  const seen: Array<DatabaseTrouble | undefined> = [];
  const waiting: Array<() => void> = [];
  const stop = onDatabaseTrouble((trouble) => {
    seen.push(trouble);
    for (const wake of waiting.splice(0)) wake();
  });
  const reported = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => (seen.length >= count ? resolve() : waiting.push(check));
      check();
    });
  return { seen, reported, stop };
}

// A report that never comes fails the test by its timeout rather than hanging the run.
test('an upgrade blocked by an older connection is reported, and goes ahead once it closes', { timeout: 10_000 }, async () => {
  const { seen, reported, stop } = collectTrouble();
  const old = await openDB('blocked-test', 1);
  // The old connection ignores version changes, as a tab of an old version might.
  const upgrading = connect('blocked-test', 2);
  await reported(1);
  assert.deepEqual(seen, ['blocked']);
  old.close();
  const db = await upgrading;
  assert.equal(db.version, 2);
  // Once through, the trouble is over: the app takes back its request to close other tabs.
  await reported(2);
  assert.deepEqual(seen, ['blocked', undefined]);
  db.close();
  stop();
});

test('a connection that blocks a newer version closes itself and says so', async () => {
  const { seen, stop } = collectTrouble();
  let closed = '';
  const current = await connect('blocking-test', 1, (why) => (closed = why));
  const newer = await openDB('blocking-test', 2);
  assert.equal(newer.version, 2);
  assert.equal(closed, 'superseded');
  assert.deepEqual(seen, ['superseded']);
  newer.close();
  current.close();
  stop();
});

test('deleting articles takes their reading state and the images no other article shows; Undo puts it all back', async () => {
  const shared = 'c'.repeat(64);
  const own = 'd'.repeat(64);
  const image = (hash: string) => ({ hash, type: 'image/png', blob: new Blob([new Uint8Array([1])]) });
  await saveArticles(
    [
      article(1, { content: `<img src="sha256:${shared}"><img src="sha256:${own}">` }),
      article(2, { content: `<img src="sha256:${shared}">` }),
    ],
    [image(shared), image(own)],
  );
  await setStarred([article(1).id], true);
  const deletion = await deleteArticles([article(1).id]);
  assert.equal(await countArticles(), 1);
  assert.equal(await getImage(own), undefined);
  assert.ok(await getImage(shared), 'an image another article shows stays');
  assert.equal(await getReadingState(article(1).id), undefined);

  await undoDeletion(deletion);
  assert.equal(await countArticles(), 2);
  assert.ok(await getImage(own));
  assert.equal((await getReadingState(article(1).id))?.starred, true);
  assert.deepEqual(
    (await allSummaries()).map((summary) => summary.title),
    ['Article 2', 'Article 1'],
  );
  assert.deepEqual(await listDeleted(), [], 'undone, it is not remembered as deleted');
});

test('a deleted article is remembered (which a sync asks before it fetches); storing it again, or allowing it again, forgets that', async () => {
  await saveArticles([article(1), article(2), article(3)]);
  await deleteArticles([article(1).id, article(2).id]);
  assert.deepEqual((await listDeleted()).map((entry) => [entry.title, entry.publisherName]).sort(), [
    ['Article 1', 'Test Desk'],
    ['Article 2', 'Test Desk'],
  ]);
  assert.deepEqual(await deletedAmong([article(1).id, article(2).id, article(3).id]), new Set([article(1).id, article(2).id]));
  // The reader imports it again: it is in the library, and no longer deleted.
  await saveArticles([article(1)]);
  assert.deepEqual(await deletedAmong([article(1).id, article(2).id]), new Set([article(2).id]));
  await allowAgain(article(2).id);
  assert.deepEqual(await listDeleted(), []);
  assert.equal(await countDeleted(), 0);
});

test('read, unread, starred and collections are kept per article, together', async () => {
  await saveArticles([article(1), article(2)]);
  await saveReadingPosition(article(1).id, 0.5);
  await setRead([article(1).id, article(2).id], false);
  await setStarred([article(2).id], true);
  await setTag([article(1).id, article(2).id], ' Syria ');
  await setTag([article(2).id], 'UN');
  await setTag([article(1).id], 'Syria', true);
  const states = await allReadingStates();
  assert.deepEqual(
    [...states.values()].map(({ articleId, read, position, starred, tags }) => ({ articleId, read, position, starred, tags })),
    [
      { articleId: article(1).id, read: false, position: 0.5, starred: undefined, tags: [] },
      { articleId: article(2).id, read: false, position: 0, starred: true, tags: ['Syria', 'UN'] },
    ],
  );
});

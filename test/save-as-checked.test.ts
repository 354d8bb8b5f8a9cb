import './setup-indexeddb.ts';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { DB_NAME } from '../src/shared/db-schema.ts';
import {
  countArticles,
  getArticle,
  getImage,
  saveArticles,
  saveArticlesAsChecked,
  type Decisions,
} from '../src/browser/storage/articles.ts';
import { numberedArticle } from './helpers/numbered-article.ts';
import { closeDatabase } from '../src/browser/storage/database.ts';
import { WriterTurns } from '../src/browser/storage/writer-turns.ts';

// An import's save opens its transaction while the articles are still checked, and writes each one
// once it is accepted (src/import/import-decoded.ts): these are the promises that makes.

const article = numberedArticle;

function image(hash: string) {
  return { hash, type: 'image/png', blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }) };
}

/** Decisions the test makes by hand, as the checks would, in any order and at any pace. */
function checksByHand(count: number) {
  const accepted = new Array<boolean | undefined>(count);
  let settle!: () => void;
  let fail!: (error: Error) => void;
  const settled = new Promise<void>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  settled.catch(() => undefined);
  const decisions: Decisions = { accepted, settled };
  return { decisions, decide: (at: number, accept: boolean) => (accepted[at] = accept), settle, fail };
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  await closeDatabase();
  indexedDB.deleteDatabase(DB_NAME);
});

test('accepted articles are stored, refused ones never, and the images only the refused show are left out', async () => {
  const shown = 'a'.repeat(64);
  const onlyRefusedShow = 'b'.repeat(64);
  const articles = [
    article(1, { content: `<p>One.</p><img src="sha256:${shown}" alt="">` }),
    article(2, { content: `<p>Forged.</p><img src="sha256:${onlyRefusedShow}" alt="">` }),
    article(3),
  ];
  const checks = checksByHand(articles.length);
  const saving = saveArticlesAsChecked(articles, checks.decisions, [image(shown), image(onlyRefusedShow)]);
  // Out of order and slowly, as the checks come back: the transaction waits for them, and does
  // not commit in between.
  await later(50);
  checks.decide(2, true);
  await later(50);
  checks.decide(1, false);
  await later(50);
  checks.decide(0, true);
  checks.settle();
  const outcomes = await saving;
  assert.deepEqual(outcomes, [{ articleId: articles[0]!.id, result: 'added' }, undefined, { articleId: articles[2]!.id, result: 'added' }]);
  assert.equal(await countArticles(), 2);
  assert.equal((await getArticle(articles[0]!.id))?.title, 'Article 1');
  assert.equal(await getArticle(articles[1]!.id), undefined);
  assert.equal((await getArticle(articles[2]!.id))?.title, 'Article 3');
  assert.ok(await getImage(shown));
  assert.equal(await getImage(onlyRefusedShow), undefined);
});

test('checks that fail part-way abort the save: what it had written is gone, and what was stored is as it was', async () => {
  await saveArticles([article(1, { title: 'As stored' })]);
  const articles = [article(1, { title: 'A newer revision', revision: 2 }), article(2), article(3)];
  const checks = checksByHand(articles.length);
  const saving = saveArticlesAsChecked(articles, checks.decisions, []);
  checks.decide(0, true);
  checks.decide(1, true);
  // Long enough for those two to be written in the transaction.
  await later(100);
  checks.fail(new Error('Import cancelled.'));
  await assert.rejects(saving, /Import cancelled/);
  assert.equal(await countArticles(), 1);
  assert.equal((await getArticle(articles[0]!.id))?.title, 'As stored');
  assert.equal(await getArticle(articles[1]!.id), undefined);
});

test('checks that fail before the transaction has written anything store nothing either', async () => {
  const articles = [article(1), article(2)];
  const checks = checksByHand(articles.length);
  checks.fail(new Error('Import cancelled.'));
  await assert.rejects(saveArticlesAsChecked(articles, checks.decisions, []), /Import cancelled/);
  assert.equal(await countArticles(), 0);
});

test('checks that end with an article undecided store nothing, rather than wait for it for ever', async () => {
  const articles = [article(1), article(2)];
  const checks = checksByHand(articles.length);
  const saving = saveArticlesAsChecked(articles, checks.decisions, []);
  checks.decide(0, true);
  checks.settle();
  await assert.rejects(saving, /without a decision on article 2/);
  assert.equal(await countArticles(), 0);
});

test('an article twice among those checked is decided as if the first were already stored', async () => {
  const articles = [
    article(1, { title: 'Second revision', revision: 2 }),
    article(1, { title: 'First revision' }),
    article(1, { title: 'Second again', revision: 2 }),
  ];
  const checks = checksByHand(articles.length);
  const saving = saveArticlesAsChecked(articles, checks.decisions, []);
  articles.forEach((_, at) => checks.decide(at, true));
  checks.settle();
  assert.deepEqual(
    (await saving).map((outcome) => outcome?.result),
    ['added', 'kept', 'kept'],
  );
  assert.equal((await getArticle(articles[0]!.id))?.title, 'Second revision');
});

test('in a library many times the size of a save, which articles are stored is known beyond the keys read at once', async () => {
  // A save reads at most 16 keys per article at once (64 here), then reads each article past the
  // last of them on its own: 150 and 151 are past it, 3 and 4 within.
  const numbered = (n: number, overrides = {}) => article(n, { published: '2020-02-01T10:00:00Z', ...overrides });
  await saveArticles(Array.from({ length: 80 }, (_, at) => numbered(2 * (at + 1))));
  const outcomes = await saveArticles([
    numbered(3),
    numbered(4, { title: 'Same revision' }),
    numbered(150, { title: 'A newer revision', revision: 2 }),
    numbered(151),
  ]);
  assert.deepEqual(
    outcomes.map((outcome) => outcome.result),
    ['added', 'kept', 'replaced', 'added'],
  );
  assert.equal((await getArticle(numbered(4).id))?.title, 'Article 4');
  assert.equal((await getArticle(numbered(150).id))?.title, 'A newer revision');
  assert.equal(await countArticles(), 82);
});

test('the save says when it waits for a decision with nothing left to write, and ends the wait as it takes its turn', async () => {
  const articles = [article(1), article(2)];
  const checks = checksByHand(articles.length);
  const turns = new WriterTurns();
  const saving = saveArticlesAsChecked(articles, { ...checks.decisions, turns }, []);
  let waited = false;
  // Nothing is decided: the save waits, and so would the checks' next breather.
  for (let tries = 0; tries < 100 && !waited; tries++) {
    await later(5);
    let over = false;
    void turns.next().then(() => (over = true));
    await Promise.resolve();
    waited = !over;
  }
  assert.ok(waited, 'the save never said it was waiting');
  const wait = turns.next();
  checks.decide(0, true);
  await wait;
  checks.decide(1, true);
  checks.settle();
  assert.equal((await saving).length, 2);
  assert.equal(await countArticles(), 2);
});

test('a save that fails while the checks wait for its turn lets them go on', async () => {
  const checks = checksByHand(2);
  const turns = new WriterTurns();
  const saving = saveArticlesAsChecked([article(1), article(2)], { ...checks.decisions, turns }, []);
  await later(50);
  const wait = turns.next();
  checks.fail(new Error('Import cancelled.'));
  await assert.rejects(saving, /Import cancelled/);
  await wait;
  assert.equal(await countArticles(), 0);
});

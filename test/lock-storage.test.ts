import './setup-defines.ts';
import './setup-indexeddb.ts';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { openDB } from 'idb';
import type { Article } from '../src/shared/article.ts';
import { argon2idKey } from '../src/shared/crypto/argon2.ts';
import { keysOf, newSecret, wrapSecret } from '../src/shared/crypto/vault-keys.ts';
import { DB_NAME, DB_VERSION, type ArticleSummary } from '../src/shared/db-schema.ts';
import {
  allSummaries,
  deleteArticles,
  getArticle,
  getImage,
  listSummaries,
  saveArticles,
  undoDeletion,
} from '../src/browser/storage/articles.ts';
import { closeDatabase } from '../src/browser/storage/database.ts';
import { allReadingStates, getReadingState, setStarred, setTag } from '../src/browser/storage/reading.ts';
import { resealLibrary } from '../src/browser/storage/reseal.ts';
import { loadSearchIndex, saveSearchIndex } from '../src/browser/storage/search-store.ts';
import { keepPublishers, seenPublishers } from '../src/browser/storage/publishers.ts';
import { getSettings, saveSetting } from '../src/browser/storage/settings.ts';
import { listSources, putSource } from '../src/browser/storage/sources.ts';
import { trustPublisher } from '../src/publishers/trust-publisher.ts';
import { trustedKeys } from '../src/browser/storage/trusted-keys.ts';
import { listDeleted } from '../src/browser/storage/deleted.ts';
import { FAST_KDF, lockOn } from './helpers/lock-on.ts';
import {
  deleteVaultRecord,
  forgetVaultRecord,
  LibraryLockedError,
  putVaultRecord,
  recordCodec,
  useKeys,
  vaultRecord,
} from '../src/browser/storage/vault.ts';

const FEED = 'https://banned-news.example/feed.xml';
const PUBLISHER_KEY = 'k'.repeat(43);
const IMAGE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5]);
const IMAGE_HASH = 'e'.repeat(64);

function article(n: number, overrides: Partial<Article> = {}): Article {
  return {
    id: n.toString(16).padStart(64, '0'),
    guid: `urn:test:${n}`,
    revision: 1,
    title: `Journalists detained ${n}`,
    publisher: { name: 'Banned Outlet' },
    lang: 'en',
    dir: 'ltr',
    published: `2020-01-05T${String(10 + n).padStart(2, '0')}:00:00Z`,
    content: `<p>Smuggled testimony number ${n}.</p>${n === 1 ? `<img src="sha256:${IMAGE_HASH}" alt="Protest">` : ''}`,
    ...overrides,
  };
}

/** Words and ids that must not appear anywhere in the stored bytes with the lock on. */
const SECRETS = [
  'Journalists',
  'Smuggled',
  'Banned Outlet',
  'banned-news',
  'Border watch',
  'Protest',
  IMAGE_HASH,
  article(1).id,
  PUBLISHER_KEY,
  'Trusted Desk',
  'gateway.reader.example',
  'Chosen Arabic Voice',
];

async function fillLibrary(): Promise<void> {
  await saveArticles(
    [article(1), article(2), article(3, { published: '2020-01-04' })],
    [{ hash: IMAGE_HASH, type: 'image/png', blob: new Blob([IMAGE], { type: 'image/png' }) }],
  );
  await setTag([article(1).id], 'Border watch');
  await setStarred([article(2).id], true);
  await trustPublisher(PUBLISHER_KEY, 'Trusted Desk');
  await putSource({ kind: 'feed', id: FEED, name: 'Banned Outlet feed', addedAt: 1, mirrorStatus: {} });
  await saveSetting('feedProxy', 'https://proxy.example/?url={url}');
  await saveSetting('ipfsGateways', 'https://gateway.reader.example');
  await saveSetting('theme', 'dark');
  await saveSetting('readAloudRate', 1.5);
  await saveSetting('readAloudVoices', { ar: 'Chosen Arabic Voice' });
  // A publisher's descriptor seen in a bundle (checked on the way in; storage does not check it).
  await keepPublishers([
    {
      format: 'pamphlet-source',
      version: 1,
      name: 'Banned Outlet',
      key: PUBLISHER_KEY,
      mirrors: ['https://banned-news.example/mirror/'],
      sequence: 5,
      app: 'https://banned-news.example/reader/',
      signature: { alg: 'Ed25519', key: PUBLISHER_KEY, value: 's'.repeat(86) },
    },
  ]);
  await saveSearchIndex({ format: 'test', savedAt: 1, words: 'journalists smuggled' } as never);
}

/** Every stored record of every store, as text: strings as they are, bytes as hex and as UTF-8. */
async function storedText(): Promise<{ text: string; records: Array<{ store: string; value: unknown }> }> {
  const db = await openDB(DB_NAME);
  const records: Array<{ store: string; value: unknown }> = [];
  const parts: string[] = [];
  const walk = async (value: unknown): Promise<void> => {
    if (value instanceof Blob) return walk(new Uint8Array(await value.arrayBuffer()));
    if (value instanceof ArrayBuffer) return walk(new Uint8Array(value));
    if (value instanceof Uint8Array) {
      parts.push(Buffer.from(value).toString('hex'), Buffer.from(value).toString('utf8'));
      return;
    }
    if (Array.isArray(value)) for (const item of value) await walk(item);
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        parts.push(key);
        await walk(item);
      }
    } else parts.push(String(value));
  };
  for (const store of Array.from(db.objectStoreNames)) {
    const keys = await db.getAllKeys(store);
    const values = await db.getAll(store);
    for (const [at, value] of values.entries()) {
      records.push({ store, value });
      parts.push(typeof keys[at] === 'string' ? keys[at] : JSON.stringify(keys[at]));
      await walk(value);
    }
  }
  db.close();
  return { text: parts.join('\n'), records };
}

async function everything() {
  const summaries = await allSummaries();
  return {
    articles: await Promise.all([1, 2, 3].map((n) => getArticle(article(n).id))),
    summaries: summaries.map(({ addedAt: _addedAt, ...rest }) => rest),
    first: (await listSummaries(2)).map((summary) => summary.title),
    image: await getImage(IMAGE_HASH).then(
      async (image) => image && { ...image, blob: Buffer.from(await image.blob.arrayBuffer()).toString('hex'), blobType: image.blob.type },
    ),
    reading: [...(await allReadingStates()).values()]
      .map(({ updatedAt: _updatedAt, ...rest }) => rest)
      .sort((a, b) => a.articleId.localeCompare(b.articleId)),
    sources: await listSources(),
    keys: [...(await trustedKeys()).values()].filter((entry) => entry.origin === 'reader').map(({ addedAt: _addedAt, ...rest }) => rest),
    settings: await getSettings(),
    search: await loadSearchIndex(),
    publishers: [...(await seenPublishers()).values()],
  };
}

beforeEach(async () => {
  await closeDatabase();
  indexedDB.deleteDatabase(DB_NAME);
  forgetVaultRecord();
  useKeys(undefined);
});

test('with the lock on, no stored byte gives away a title, a word, a name, an address or an id, and everything reads back the same', async () => {
  await fillLibrary();
  const before = await everything();
  assert.ok((await storedText()).text.includes('Journalists'), 'the test can see words in clear records');

  await lockOn();
  const { text, records } = await storedText();
  for (const secret of SECRETS) assert.equal(text.includes(secret), false, `“${secret}” is stored in clear`);
  for (const { store, value } of records) {
    if (store === 'vault' || (store === 'settings' && typeof value !== 'object')) continue;
    assert.ok(value && typeof value === 'object' && 'sealed' in value, `a ${store} record is not sealed: ${JSON.stringify(value)}`);
  }
  const summary = records.find((record) => record.store === 'summaries')!.value as Record<string, unknown>;
  assert.deepEqual(Object.keys(summary).sort(), ['form', 'id', 'imageHashes', 'publishedAt', 'sealed']);
  assert.equal(summary.publishedAt, '', 'not even the day of publication is in clear');

  assert.deepEqual(await everything(), before);
  assert.deepEqual(before.first, ['Journalists detained 2', 'Journalists detained 1']);
});

test('locked (no keys), the library refuses to be read or changed, and the plain settings still read', async () => {
  await fillLibrary();
  await lockOn();
  useKeys(undefined);
  await assert.rejects(getArticle(article(1).id), LibraryLockedError);
  await assert.rejects(allSummaries(), LibraryLockedError);
  await assert.rejects(listSources(), LibraryLockedError);
  await assert.rejects(saveArticles([article(4)]), LibraryLockedError);
  await assert.rejects(getReadingState(article(1).id), LibraryLockedError);
  const settings = await getSettings();
  assert.equal(settings.theme, 'dark');
  assert.equal(settings.feedProxy, '');
  // Not the defaults: no gateway the reader took off their list is asked while the list is sealed.
  assert.equal(settings.ipfsGateways, '');
  // The reading-aloud voices say which languages the reader listens to; the speed is sealed with them.
  assert.equal(settings.readAloudRate, 1);
  assert.deepEqual(settings.readAloudVoices, {});
});

test('with the lock on, new articles, changes, deletions and their undo are sealed too', async () => {
  await fillLibrary();
  await lockOn();
  await saveArticles([article(4, { title: 'Journalists freed' })]);
  await setTag([article(4).id], 'Border watch');
  const deletion = await deleteArticles([article(1).id]);
  assert.equal(await getImage(IMAGE_HASH), undefined, 'the image no article shows went with it');
  await undoDeletion(deletion);
  assert.equal((await getArticle(article(1).id))?.title, 'Journalists detained 1');
  assert.equal((await getImage(IMAGE_HASH))?.type, 'image/png');
  assert.deepEqual((await getReadingState(article(4).id))?.tags, ['Border watch']);
  // What the reader deleted is remembered, sealed.
  await deleteArticles([article(2).id]);
  assert.deepEqual(
    (await listDeleted()).map((entry) => entry.title),
    ['Journalists detained 2'],
  );
  const { text } = await storedText();
  for (const secret of [...SECRETS, 'freed', article(2).id]) assert.equal(text.includes(secret), false, `“${secret}” is stored in clear`);
});

test('turning the lock off opens every record back to what it was, and an interrupted pass resumes', async () => {
  await fillLibrary();
  const before = await everything();
  await lockOn();
  await putVaultRecord({ ...(await vaultRecord())!, state: 'opening' });
  // Interrupted after the first batch of progress.
  const stop = new AbortController();
  await assert.rejects(resealLibrary(await recordCodec(), { signal: stop.signal, onProgress: ({ done }) => done > 0 && stop.abort() }));
  const progress: number[] = [];
  await resealLibrary(await recordCodec(), { onProgress: ({ done, total }) => progress.push(done / total) });
  assert.equal(progress.at(-1), 1);
  await deleteVaultRecord();
  useKeys(undefined);
  const { text, records } = await storedText();
  assert.ok(text.includes('Journalists'));
  assert.equal(
    records.some(({ value }) => value !== null && typeof value === 'object' && 'sealed' in value),
    false,
  );
  assert.deepEqual(await everything(), before);
});

test('turning the lock on, interrupted half way, resumes and seals what was left, keeping what was written meanwhile', async () => {
  await fillLibrary();
  const secret = newSecret();
  useKeys(await keysOf(secret));
  await putVaultRecord({
    ...(await wrapSecret(newSecret(), 'correct horse battery', argon2idKey, FAST_KDF)),
    state: 'sealing',
    idleMinutes: 5,
    changedAt: 1,
  });
  const stop = new AbortController();
  await assert.rejects(resealLibrary(await recordCodec(), { signal: stop.signal, onProgress: ({ done }) => done > 0 && stop.abort() }));
  const half = await storedText();
  assert.ok(
    half.records.some(({ value }) => value !== null && typeof value === 'object' && 'sealed' in value),
    'some records were sealed',
  );
  assert.ok(half.text.includes('Smuggled'), 'some were not yet');
  // Written while the pass is stopped: sealed at once.
  await saveArticles([article(4, { title: 'Journalists freed' })]);
  await resealLibrary(await recordCodec());
  const { text } = await storedText();
  for (const secret of [...SECRETS, 'freed']) assert.equal(text.includes(secret), false, `“${secret}” is stored in clear`);
  assert.equal((await getArticle(article(4).id))?.title, 'Journalists freed');
  assert.equal((await allSummaries()).length, 4);
});

test('summaries of one day come out in the order of their exact times', async () => {
  await lockOn();
  await saveArticles([5, 1, 4, 2, 3].map((n) => article(n)));
  const titles = (summaries: ArticleSummary[]) => summaries.map((summary) => summary.title);
  assert.deepEqual(titles(await listSummaries(2)), ['Journalists detained 5', 'Journalists detained 4']);
  assert.deepEqual(
    titles(await allSummaries()),
    [5, 4, 3, 2, 1].map((n) => `Journalists detained ${n}`),
  );
});

test('with the lock on, sizes and what stays in clear do not tell which of a publisher’s articles a library holds', async () => {
  // A public edition of 200 articles, as long as news articles are (3 to 30 KB, spread as they are),
  // of which this library keeps 40. Whoever holds the publisher's files knows each article's exact
  // size, revision, day and number of images, and the padding rule.
  const words = 'press freedom court detained journalists border report council minister protest'.split(' ');
  let seed = 7;
  const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  const edition = Array.from({ length: 200 }, (_, n) => {
    const length = Math.round(3_000 * 10 ** random());
    const text = Array.from({ length: Math.ceil(length / 8) }, () => words[Math.floor(random() * words.length)])
      .join(' ')
      .slice(0, length);
    return article(100 + n, {
      content: `<p>${text}</p>`,
      revision: 1 + Math.floor(random() * 3),
      published: `2020-0${1 + (n % 9)}-1${n % 10}T08:00:00Z`,
    });
  });
  await lockOn();
  const kept = edition.filter((_, n) => n % 5 === 0);
  await saveArticles(kept);
  const { paddedSize } = await import('../src/shared/crypto/envelope.ts');
  const sealedSize = (value: unknown) => paddedSize(new TextEncoder().encode(JSON.stringify(value)).length) + 16;
  const db = await openDB(DB_NAME);
  const [articles, summaries] = [await db.getAll('articles'), await db.getAll('summaries')];
  db.close();
  assert.equal(articles.length, kept.length);
  for (const record of articles) {
    // Nothing in clear but its opaque name and its sealed bytes.
    assert.deepEqual(Object.keys(record).sort(), ['form', 'id', 'sealed']);
    const candidates = edition.filter((candidate) => sealedSize(candidate) === record.sealed.data.byteLength);
    assert.ok(
      candidates.length >= 5,
      `a sealed article of ${record.sealed.data.byteLength} bytes matches only ${candidates.length} of the edition's articles`,
    );
  }
  for (const record of summaries) {
    assert.equal(record.publishedAt, '');
    assert.ok(record.imageHashes.length >= 4 && Number.isInteger(Math.log2(record.imageHashes.length)), 'image count padded');
    assert.deepEqual(Object.keys(record).sort(), ['form', 'id', 'imageHashes', 'publishedAt', 'sealed']);
  }
  // Without padding, a size would have named the article: the check above can fail.
  const exact = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
  assert.ok(kept.some((one) => edition.filter((candidate) => exact(candidate) === exact(one)).length === 1));
  // And the library reads back as it was stored, in order.
  assert.deepEqual(
    (await allSummaries()).map((summary) => summary.id),
    [...kept]
      .sort((a, b) => (a.published! < b.published! ? 1 : a.published! > b.published! ? -1 : a.id < b.id ? 1 : -1))
      .map((one) => one.id),
  );
  assert.deepEqual(await getArticle(kept[3]!.id), kept[3]);
});

test('a library sealed in the older form (revision and day in clear, exact sizes) is sealed again in the current one, and reads the same', async () => {
  await fillLibrary();
  await lockOn();
  const before = await everything();
  // As the first form left them: the revision and the day in clear, no form mark.
  const db = await openDB(DB_NAME, DB_VERSION);
  for (const record of await db.getAll('articles')) await db.put('articles', { id: record.id, revision: 1, sealed: record.sealed });
  for (const record of await db.getAll('summaries')) await db.put('summaries', { ...record, form: undefined, publishedAt: '2020-01-05' });
  db.close();
  await resealLibrary(await recordCodec());
  const after = await openDB(DB_NAME);
  for (const record of [...(await after.getAll('articles')), ...(await after.getAll('summaries'))]) {
    assert.equal(record.form, 2);
    assert.equal('revision' in record, false);
  }
  after.close();
  assert.deepEqual(await everything(), before);
});

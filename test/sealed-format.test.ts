import './setup-defines.ts';
import './setup-indexeddb.ts';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { openDB } from 'idb';
import type { Article } from '../src/shared/article.ts';
import { argon2idKey } from '../src/shared/crypto/argon2.ts';
import { padded, sealBytes, sealJson, unsealBytes, unsealJson } from '../src/shared/crypto/envelope.ts';
import { keysOf, newSecret, opaqueName, wrapSecret, type VaultKeys } from '../src/shared/crypto/vault-keys.ts';
import {
  DB_NAME,
  DB_VERSION,
  SEAL_FORM,
  summaryOf,
  type PamphletDB,
  type ReadingState,
  type SealedRecord,
} from '../src/shared/db-schema.ts';
import { getArticle, getImage, getSummaries, saveArticles } from '../src/browser/storage/articles.ts';
import { closeDatabase, database } from '../src/browser/storage/database.ts';
import { getReadingState, setStarred } from '../src/browser/storage/reading.ts';
import { putSetting, readSetting } from '../src/browser/storage/settings.ts';
import { forgetVaultRecord, putVaultRecord, useKeys } from '../src/browser/storage/vault.ts';

/**
 * The lock's stored format, written and read here by hand with the envelope's primitives, apart
 * from the storage layer: a library sealed by an earlier version must open in this one, and what
 * this one seals must be what an earlier one would read.
 */
const IMAGE_HASH = 'e'.repeat(64);
const IMAGE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const ARTICLE: Article = {
  id: 'a'.repeat(64),
  guid: 'urn:test:1',
  revision: 2,
  title: 'Journalists detained',
  publisher: { name: 'Banned Outlet' },
  lang: 'en',
  dir: 'ltr',
  published: '2020-01-05T10:00:00Z',
  content: `<p>Smuggled testimony.</p><img src="sha256:${IMAGE_HASH}" alt="Protest">`,
};
const READING: ReadingState = { articleId: ARTICLE.id, read: true, position: 0.5, updatedAt: 1, tags: ['Border watch'] };

async function lockOn(): Promise<VaultKeys> {
  const secret = newSecret();
  const wrapped = await wrapSecret(secret.slice(), 'correct horse battery', argon2idKey, {
    algorithm: 'argon2id',
    memory: 1024,
    iterations: 1,
    parallelism: 1,
  });
  const keys = await keysOf(secret);
  useKeys(keys);
  await putVaultRecord({ ...wrapped, state: 'on', form: SEAL_FORM, idleMinutes: 5, changedAt: 1 });
  return keys;
}

/** An image's sealed bytes: a 4-byte header length, the header, the image, zeros. */
function imagePlain(): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ hash: IMAGE_HASH, type: 'image/png', length: IMAGE.length }));
  const plain = new Uint8Array(4 + header.length + IMAGE.length);
  new DataView(plain.buffer).setUint32(0, header.length);
  plain.set(header, 4);
  plain.set(IMAGE, 4 + header.length);
  return padded(plain, 0);
}

function asSealed(record: unknown): SealedRecord & Record<string, unknown> {
  assert.ok(typeof record === 'object' && record !== null && 'sealed' in record, 'a sealed record');
  return record as SealedRecord & Record<string, unknown>;
}

beforeEach(async () => {
  await closeDatabase();
  indexedDB.deleteDatabase(DB_NAME);
  forgetVaultRecord();
  useKeys(undefined);
});

test('records sealed by hand, as earlier versions sealed them, open and change as before', async () => {
  const keys = await lockOn();
  await database();
  const article = await opaqueName(keys, 'article', ARTICLE.id);
  const image = await opaqueName(keys, 'image', IMAGE_HASH);
  const summary = summaryOf(ARTICLE, 1);
  const db = await openDB<PamphletDB>(DB_NAME, DB_VERSION);
  await db.put('articles', { id: article, form: 2, sealed: await sealJson(keys.data, ARTICLE, `articles\n${article}`) });
  await db.put('summaries', {
    id: article,
    form: 2,
    publishedAt: '',
    imageHashes: [image, 'f'.repeat(64), 'd'.repeat(64), 'c'.repeat(64)],
    sealed: await sealJson(keys.data, summary, `summaries\n${article}`),
  });
  await db.put('images', { hash: image, form: 2, sealed: await sealBytes(keys.data, imagePlain(), `images\n${image}`) });
  await db.put('reading', { articleId: article, form: 2, sealed: await sealJson(keys.data, READING, `reading\n${article}`) });
  await db.put(
    'settings',
    { form: 2, sealed: await sealJson(keys.data, 'https://proxy.example/?url={url}', 'settings\nfeedProxy') },
    'feedProxy',
  );
  db.close();

  assert.deepEqual(await getArticle(ARTICLE.id), ARTICLE);
  assert.deepEqual(await getSummaries([ARTICLE.id]), [summary]);
  const stored = await getImage(IMAGE_HASH);
  assert.ok(stored);
  assert.equal(stored.type, 'image/png');
  assert.deepEqual(new Uint8Array(await stored.blob.arrayBuffer()), IMAGE);
  assert.equal(await readSetting('feedProxy'), 'https://proxy.example/?url={url}');
  await setStarred([ARTICLE.id], true);
  const state = await getReadingState(ARTICLE.id);
  assert.deepEqual({ ...state, updatedAt: 0 }, { ...READING, starred: true, updatedAt: 0 });
});

test('what the lock seals now is in the same form, and opens by hand', async () => {
  const keys = await lockOn();
  await saveArticles([ARTICLE], [{ hash: IMAGE_HASH, type: 'image/png', blob: new Blob([IMAGE], { type: 'image/png' }) }]);
  await putSetting('feedProxy', 'https://proxy.example/?url={url}');
  const article = await opaqueName(keys, 'article', ARTICLE.id);
  const image = await opaqueName(keys, 'image', IMAGE_HASH);
  const db = await openDB<PamphletDB>(DB_NAME, DB_VERSION);
  const [sealedArticle, sealedSummary, sealedImage, sealedSetting] = (
    await Promise.all([db.get('articles', article), db.get('summaries', article), db.get('images', image), db.get('settings', 'feedProxy')])
  ).map(asSealed);
  db.close();
  // The names in clear, in the order they were always stored in.
  assert.deepEqual(Object.keys(sealedArticle!), ['id', 'form', 'sealed']);
  assert.deepEqual(Object.keys(sealedSummary!), ['id', 'form', 'publishedAt', 'imageHashes', 'sealed']);
  assert.deepEqual(Object.keys(sealedImage!), ['hash', 'form', 'sealed']);
  assert.deepEqual(Object.keys(sealedSetting!), ['form', 'sealed']);
  assert.equal(sealedArticle!.form, SEAL_FORM);
  assert.equal(sealedSummary!.publishedAt, '');
  const hashes = sealedSummary!.imageHashes as string[];
  assert.equal(hashes.length, 4);
  assert.equal(hashes[0], image);

  assert.deepEqual(await unsealJson(keys.data, sealedArticle!.sealed, `articles\n${article}`), ARTICLE);
  assert.equal((await unsealJson<{ title: string }>(keys.data, sealedSummary!.sealed, `summaries\n${article}`)).title, ARTICLE.title);
  assert.equal(await unsealJson(keys.data, sealedSetting!.sealed, 'settings\nfeedProxy'), 'https://proxy.example/?url={url}');
  assert.deepEqual(await unsealBytes(keys.data, sealedImage!.sealed, `images\n${image}`), imagePlain());
});

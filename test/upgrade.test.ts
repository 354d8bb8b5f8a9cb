import './setup-indexeddb.ts';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openDB, type StoreNames } from 'idb';
import { DB_NAME, DB_VERSION, upgradeDatabase, type PamphletDB } from '../src/shared/db-schema.ts';
import { imageHashesOf } from '../src/shared/article.ts';
import { getArticle, getImage, listSummaries } from '../src/browser/storage/articles.ts';
import { closeDatabase, database } from '../src/browser/storage/database.ts';
import { getReadingState } from '../src/browser/storage/reading.ts';
import { getSettings } from '../src/browser/storage/settings.ts';
import { listSources } from '../src/browser/storage/sources.ts';
import { listDeleted } from '../src/browser/storage/deleted.ts';

interface Fixture {
  version: number;
  stores: Record<string, Array<Record<string, unknown>>>;
}

/** Every schema version that has shipped has a fixture: a database as a reader of that version had it. */
const SHIPPED = [1, 2, 3, 4, 5];

async function fixture(version: number): Promise<Fixture> {
  return JSON.parse(await readFile(new URL(`./fixtures/database-v${version}.json`, import.meta.url), 'utf8')) as Fixture;
}

/** Builds the fixture's database with the schema steps up to its version, as that release did. */
async function buildDatabase(data: Fixture): Promise<void> {
  const db = await openDB<PamphletDB>(DB_NAME, data.version, {
    upgrade: (upgrading, oldVersion, _newVersion, transaction) => upgradeDatabase(upgrading, oldVersion, data.version, transaction),
  });
  const names = Object.keys(data.stores) as Array<StoreNames<PamphletDB>>;
  const tx = db.transaction(names, 'readwrite');
  for (const name of names) {
    for (const record of data.stores[name]!) {
      const store = tx.objectStore(name);
      if (name === 'settings') await store.put(record.value, record.key as never);
      else if (name === 'images')
        await store.put({
          hash: record.hash,
          type: record.type,
          blob: new Blob([Buffer.from(record.base64 as string, 'base64')], { type: record.type as string }),
        });
      else await store.put(record);
    }
  }
  await tx.done;
  db.close();
}

beforeEach(async () => {
  await closeDatabase();
  indexedDB.deleteDatabase(DB_NAME);
});

test('there is a fixture for every schema version up to the current one', () => {
  assert.deepEqual(
    SHIPPED,
    Array.from({ length: DB_VERSION }, (_, index) => index + 1),
  );
});

for (const version of SHIPPED) {
  test(`a version ${version} database upgrades to version ${DB_VERSION} with everything in it intact`, async () => {
    const data = await fixture(version);
    await buildDatabase(data);
    const db = await database();
    assert.equal(db.version, DB_VERSION);

    for (const article of data.stores.articles!) {
      assert.deepEqual(await getArticle(article.id as string), article);
    }
    const summaries = await listSummaries(100);
    assert.deepEqual(summaries.map((summary) => summary.id).sort(), data.stores.summaries!.map((summary) => summary.id as string).sort());
    // Version 3 knows which images each article shows, also for articles stored before it.
    for (const summary of summaries) {
      const article = data.stores.articles!.find((candidate) => candidate.id === summary.id)!;
      assert.deepEqual(summary.imageHashes, imageHashesOf(article.content as string));
    }
    for (const image of data.stores.images!) {
      const stored = await getImage(image.hash as string);
      assert.equal(stored?.type, image.type);
      assert.equal(Buffer.from(await stored!.blob.arrayBuffer()).toString('base64'), image.base64);
    }
    for (const state of data.stores.reading!) {
      assert.deepEqual(await getReadingState(state.articleId as string), state);
    }
    const settings = await getSettings();
    for (const { key, value } of data.stores.settings!) assert.equal(settings[key as keyof typeof settings], value, String(key));
    assert.deepEqual(await db.getAll('keys'), data.stores.keys);
    assert.deepEqual(
      await listSources(),
      [...(data.stores.sources ?? [])].sort((a, b) => String(a.name).localeCompare(String(b.name))),
    );
    // Version 5 remembers deleted articles; before it, nothing was remembered.
    assert.deepEqual(await listDeleted(), data.stores.deleted ?? []);
  });
}

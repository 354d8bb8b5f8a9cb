import type { Source } from '../../shared/db-schema.ts';
import { database, putDurably } from './database.ts';
import { readSource, readSummary, storeSource } from './sealed-records.ts';
import { recordCodec, storedName, storedNames } from './vault.ts';

export async function listSources(): Promise<Source[]> {
  const codec = await recordCodec();
  const sources = await Promise.all((await (await database()).getAll('sources')).map((source) => readSource(codec, source)));
  return sources.sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether the reader follows anything: cheap enough to ask on every start. */
export async function countSources(): Promise<number> {
  return (await database()).count('sources');
}

export async function getSource(id: string): Promise<Source | undefined> {
  const codec = await recordCodec();
  const stored = await (await database()).get('sources', await storedName(codec, 'source', id));
  return stored && readSource(codec, stored);
}

export async function putSource(source: Source): Promise<void> {
  const stored = await storeSource(await recordCodec(), source);
  await putDurably('sources', stored);
}

/** Stops following a source. Its articles stay in the library, and its key stays trusted. */
export async function removeSource(id: string): Promise<void> {
  const name = await storedName(await recordCodec(), 'source', id);
  await (await database()).delete('sources', name);
}

/** The stored revision of each article id asked about; absent ids are not stored. */
export async function storedRevisions(ids: readonly string[]): Promise<Map<string, number>> {
  const codec = await recordCodec();
  const names = await storedNames(codec, 'article', ids);
  const tx = (await database()).transaction('summaries');
  const records = await Promise.all(names.map((name) => tx.store.get(name)));
  await tx.done;
  // Sealed, with the lock on: opened once the transaction is done with.
  const revisions = new Map<string, number>();
  await Promise.all(
    records.map(async (record, at) => {
      if (record) revisions.set(ids[at]!, (await readSummary(codec, record)).revision);
    }),
  );
  return revisions;
}

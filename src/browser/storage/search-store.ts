import type { SearchIndexRecord } from '../../shared/db-schema.ts';
import { database } from './database.ts';
import { readValue, storeValue } from './sealed-records.ts';
import { recordCodec } from './vault.ts';

/**
 * The search index as the search worker keeps it. It holds every word of the library, so with the
 * lock on it is sealed whole, like any record.
 */
const KEY = 'index';

export async function loadSearchIndex(): Promise<SearchIndexRecord | undefined> {
  const codec = await recordCodec();
  const stored = await (await database()).get('search', KEY);
  return stored && readValue<SearchIndexRecord>(codec, 'search', KEY, stored);
}

export async function saveSearchIndex(index: SearchIndexRecord): Promise<void> {
  const stored = await storeValue(await recordCodec(), 'search', KEY, index);
  await (await database()).put('search', stored, KEY);
}

import type { SearchIndexRecord } from '../../shared/db-schema.ts';
import { getRecord, putRecord } from './sealed-records.ts';

/**
 * The search index as the search worker keeps it. It holds every word of the library, so with the
 * lock on it is sealed whole, like any record.
 */
const KEY = 'index';

export function loadSearchIndex(): Promise<SearchIndexRecord | undefined> {
  return getRecord('search', KEY);
}

/** Not waiting for the disk: an index lost to a crash is built again. */
export function saveSearchIndex(index: SearchIndexRecord): Promise<void> {
  return putRecord('search', index, { key: KEY, durable: false });
}

import type { Source } from '../../shared/db-schema.ts';
import { database } from './database.ts';
import { deleteRecord, getRecord, getRecords, listRecords, putRecord } from './sealed-records.ts';

export async function listSources(): Promise<Source[]> {
  return (await listRecords('sources')).sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether the reader follows anything: cheap enough to ask on every start. */
export async function countSources(): Promise<number> {
  return (await database()).count('sources');
}

export function getSource(id: string): Promise<Source | undefined> {
  return getRecord('sources', id);
}

export function putSource(source: Source): Promise<void> {
  return putRecord('sources', source);
}

/** Stops following a source. Its articles stay in the library, and its key stays trusted. */
export function removeSource(id: string): Promise<void> {
  return deleteRecord('sources', id);
}

/** The stored revision of each article id asked about; absent ids are not stored. */
export async function storedRevisions(ids: readonly string[]): Promise<Map<string, number>> {
  const summaries = await getRecords('summaries', ids);
  const revisions = new Map<string, number>();
  summaries.forEach((summary, at) => summary && revisions.set(ids[at]!, summary.revision));
  return revisions;
}

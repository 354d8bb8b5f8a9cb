import type { Source } from '../shared/db-schema.ts';
import { database } from './database.ts';

export async function listSources(): Promise<Source[]> {
  const sources = await (await database()).getAll('sources');
  return sources.sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether the reader follows anything: cheap enough to ask on every start. */
export async function countSources(): Promise<number> {
  return (await database()).count('sources');
}

export async function getSource(id: string): Promise<Source | undefined> {
  return (await database()).get('sources', id);
}

export async function putSource(source: Source): Promise<void> {
  await (await database()).put('sources', source);
}

/** Stops following a source. Its articles stay in the library, and its key stays trusted. */
export async function removeSource(id: string): Promise<void> {
  await (await database()).delete('sources', id);
}

/** The stored revision of each article id asked about; absent ids are not stored. */
export async function storedRevisions(ids: readonly string[]): Promise<Map<string, number>> {
  const tx = (await database()).transaction('articles');
  const revisions = new Map<string, number>();
  await Promise.all(
    ids.map(async (id) => {
      const article = await tx.store.get(id);
      if (article) revisions.set(id, article.revision);
    }),
  );
  await tx.done;
  return revisions;
}

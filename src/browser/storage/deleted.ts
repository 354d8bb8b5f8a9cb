import type { DeletedArticle } from '../../shared/db-schema.ts';
import { database } from './database.ts';
import { deleteRecord, listRecords, recordNames } from './sealed-records.ts';
import { recordCodec } from './vault.ts';

/** The articles the reader deleted, newest deletion first ("Recently deleted"). */
export async function listDeleted(): Promise<DeletedArticle[]> {
  return (await listRecords('deleted')).sort((a, b) => b.deletedAt - a.deletedAt);
}

export async function countDeleted(): Promise<number> {
  return (await database()).count('deleted');
}

/** Which of `ids` the reader deleted: a sync passes them over. */
export async function deletedAmong(ids: readonly string[]): Promise<Set<string>> {
  const names = await recordNames(await recordCodec(), 'deleted', ids);
  const tx = (await database()).transaction('deleted');
  const found = await Promise.all(names.map((name) => tx.store.getKey(name)));
  await tx.done;
  return new Set(ids.filter((_, at) => found[at] !== undefined));
}

/** Forgets that an article was deleted: the next sync may fetch it again, an import stores it. */
export function allowAgain(articleId: string): Promise<void> {
  return deleteRecord('deleted', articleId);
}

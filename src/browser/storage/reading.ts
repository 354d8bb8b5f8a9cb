import type { ReadingState } from '../../shared/db-schema.ts';
import { getRecord, getRecords, listRecords, putRecords, updateRecords } from './sealed-records.ts';

export function getReadingState(articleId: string): Promise<ReadingState | undefined> {
  return getRecord('reading', articleId);
}

/** Every article's reading state (small records, one per article the reader touched), by id. */
export async function allReadingStates(): Promise<Map<string, ReadingState>> {
  return new Map((await listRecords('reading')).map((state) => [state.articleId, state]));
}

/** The reading state of just these articles (the first screen's), by id. */
export async function readingStatesOf(ids: readonly string[]): Promise<Map<string, ReadingState>> {
  const states = (await getRecords('reading', ids)).filter((state) => state !== undefined);
  return new Map(states.map((state) => [state.articleId, state]));
}

/** Ids of the articles read. */
export async function readArticleIds(): Promise<Set<string>> {
  return new Set([...(await allReadingStates()).values()].filter((state) => state.read).map((state) => state.articleId));
}

/**
 * Puts reading states as they are (a restored backup's), replacing what is stored, in one
 * transaction (one write per state would wait on the disk thousands of times for a big library).
 */
export function putReadingStates(states: readonly ReadingState[]): Promise<void> {
  return putRecords('reading', states);
}

/** Changes some articles' reading state in one transaction, keeping what is not changed. */
function update(ids: readonly string[], change: (state: ReadingState) => ReadingState): Promise<void> {
  const now = Date.now();
  return updateRecords('reading', ids, (state, articleId) => ({
    ...change(state ?? { articleId, read: false, position: 0, updatedAt: now }),
    updatedAt: now,
  }));
}

/** Records where the reader is in an article; opening an article marks it read. */
export async function saveReadingPosition(articleId: string, position: number): Promise<void> {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(position) ? position : 0));
  await update([articleId], (state) => ({ ...state, read: true, position: clamped }));
}

export function setRead(ids: readonly string[], read: boolean): Promise<void> {
  return update(ids, (state) => ({ ...state, read }));
}

export function setStarred(ids: readonly string[], starred: boolean): Promise<void> {
  return update(ids, (state) => ({ ...state, starred }));
}

/** The longest a collection's name may be, where it is made and where a backup brings one back. */
export const MAX_COLLECTION_NAME = 200;

/** Adds articles to a collection (or, with `remove`, takes them out of it). */
export function setTag(ids: readonly string[], tag: string, remove = false): Promise<void> {
  const name = tag.trim().slice(0, MAX_COLLECTION_NAME).trim();
  return update(ids, (state) => {
    const tags = new Set(state.tags ?? []);
    if (remove) tags.delete(name);
    else if (name) tags.add(name);
    return { ...state, tags: [...tags].sort((a, b) => a.localeCompare(b)) };
  });
}

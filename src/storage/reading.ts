import type { ReadingState } from '../shared/db-schema.ts';
import { database } from './database.ts';

export async function getReadingState(articleId: string): Promise<ReadingState | undefined> {
  return (await database()).get('reading', articleId);
}

/** Every article's reading state (small records, one per article the reader touched), by id. */
export async function allReadingStates(): Promise<Map<string, ReadingState>> {
  const states = await (await database()).getAll('reading');
  return new Map(states.map((state) => [state.articleId, state]));
}

/** The reading state of just these articles (the first screen's), by id. */
export async function readingStatesOf(ids: readonly string[]): Promise<Map<string, ReadingState>> {
  const tx = (await database()).transaction('reading');
  const states = await Promise.all(ids.map((id) => tx.store.get(id)));
  return new Map(states.filter((state): state is ReadingState => state !== undefined).map((state) => [state.articleId, state]));
}

/** Ids of the articles read. */
export async function readArticleIds(): Promise<Set<string>> {
  return new Set([...(await allReadingStates()).values()].filter((state) => state.read).map((state) => state.articleId));
}

/** Changes some articles' reading state in one transaction, keeping what is not changed. */
async function update(ids: readonly string[], change: (state: ReadingState) => ReadingState): Promise<void> {
  const tx = (await database()).transaction('reading', 'readwrite');
  const now = Date.now();
  for (const articleId of ids) {
    const state = (await tx.store.get(articleId)) ?? { articleId, read: false, position: 0, updatedAt: now };
    await tx.store.put({ ...change(state), updatedAt: now });
  }
  await tx.done;
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

/** Adds articles to a collection (or, with `remove`, takes them out of it). */
export function setTag(ids: readonly string[], tag: string, remove = false): Promise<void> {
  const name = tag.trim();
  return update(ids, (state) => {
    const tags = new Set(state.tags ?? []);
    if (remove) tags.delete(name);
    else if (name) tags.add(name);
    return { ...state, tags: [...tags].sort((a, b) => a.localeCompare(b)) };
  });
}

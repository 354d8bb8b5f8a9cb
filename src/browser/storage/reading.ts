import type { ReadingState, SealedReadingState } from '../../shared/db-schema.ts';
import { database } from './database.ts';
import { readReading, storeReading } from './sealed-records.ts';
import { recordCodec, storedName, storedNames } from './vault.ts';

export async function getReadingState(articleId: string): Promise<ReadingState | undefined> {
  const codec = await recordCodec();
  const stored = await (await database()).get('reading', await storedName(codec, 'article', articleId));
  return stored && readReading(codec, stored);
}

/** Every article's reading state (small records, one per article the reader touched), by id. */
export async function allReadingStates(): Promise<Map<string, ReadingState>> {
  const codec = await recordCodec();
  const stored = await (await database()).getAll('reading');
  const states = await Promise.all(stored.map((state) => readReading(codec, state)));
  return new Map(states.map((state) => [state.articleId, state]));
}

/** The reading state of just these articles (the first screen's), by id. */
export async function readingStatesOf(ids: readonly string[]): Promise<Map<string, ReadingState>> {
  const codec = await recordCodec();
  const names = await storedNames(codec, 'article', ids);
  const tx = (await database()).transaction('reading');
  const stored = await Promise.all(names.map((name) => tx.store.get(name)));
  const states = await Promise.all(stored.filter((state) => state !== undefined).map((state) => readReading(codec, state)));
  return new Map(states.map((state) => [state.articleId, state]));
}

/** Ids of the articles read. */
export async function readArticleIds(): Promise<Set<string>> {
  return new Set([...(await allReadingStates()).values()].filter((state) => state.read).map((state) => state.articleId));
}

/**
 * Puts reading states as they are (a restored backup's), replacing what is stored: sealed first,
 * then written in one transaction, on disk before it reports done (one write per state would wait
 * on the disk thousands of times for a big library).
 */
export async function putReadingStates(states: readonly ReadingState[]): Promise<void> {
  if (states.length === 0) return;
  const codec = await recordCodec();
  const stored = await Promise.all(states.map((state) => storeReading(codec, state)));
  const tx = (await database()).transaction('reading', 'readwrite', { durability: 'strict' });
  await Promise.all([...stored.map((state) => tx.store.put(state)), tx.done]);
}

/** Changes some articles' reading state in one transaction, keeping what is not changed. */
async function update(ids: readonly string[], change: (state: ReadingState) => ReadingState): Promise<void> {
  const codec = await recordCodec();
  const now = Date.now();
  const fresh = (articleId: string): ReadingState => ({ articleId, read: false, position: 0, updatedAt: now });
  if (!codec.seal) {
    const tx = (await database()).transaction('reading', 'readwrite');
    for (const articleId of ids) {
      const state = ((await tx.store.get(articleId)) as ReadingState | undefined) ?? fresh(articleId);
      await tx.store.put({ ...change(state), updatedAt: now });
    }
    await tx.done;
    return;
  }
  // Sealed states are opened and sealed again outside a transaction (WebCrypto is no IndexedDB
  // request), so the write checks that nothing changed them meanwhile, and tries again if so.
  const names = await storedNames(codec, 'article', ids);
  for (let attempt = 0; ; attempt++) {
    const db = await database();
    const read = db.transaction('reading');
    const before = await Promise.all(names.map((name) => read.store.get(name)));
    const after = await Promise.all(
      before.map(async (stored, at) =>
        storeReading(codec, { ...change(stored ? await readReading(codec, stored) : fresh(ids[at]!)), updatedAt: now }),
      ),
    );
    const write = db.transaction('reading', 'readwrite');
    const current = await Promise.all(names.map((name) => write.store.get(name)));
    if (current.some((stored, at) => !sameRecord(stored, before[at])) && attempt < 3) {
      write.abort();
      await write.done.catch(() => undefined);
      continue;
    }
    await Promise.all(after.map((state) => write.store.put(state)));
    await write.done;
    return;
  }
}

/** Whether two reads found the same stored record: a sealed one's IV is new at every write. */
function sameRecord(a: ReadingState | SealedReadingState | undefined, b: ReadingState | SealedReadingState | undefined): boolean {
  if (!a || !b) return a === b;
  if ('sealed' in a && 'sealed' in b) return a.sealed.iv.every((byte, at) => byte === b.sealed.iv[at]);
  return JSON.stringify(a) === JSON.stringify(b);
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

import type { Article } from '../shared/article.ts';
import { unwrap, type IDBPTransaction } from 'idb';
import { summaryOf, type ArticleSummary, type PamphletDB, type ReadingState, type StoredImage } from '../shared/db-schema.ts';
import { database } from './database.ts';

export interface SaveOutcome {
  articleId: string;
  /** `added`: new; `replaced`: a newer revision took the older one's place; `kept`: already had it. */
  result: 'added' | 'replaced' | 'kept';
}

/**
 * Stores articles with their images in one transaction: all of them or, on any failure, none.
 * Callers check image hashes before calling; nothing but IndexedDB is awaited inside.
 * Reading state is keyed by article id, so a replaced revision keeps it.
 */
export async function saveArticles(
  articles: readonly Article[],
  images: readonly StoredImage[] = [],
): Promise<SaveOutcome[]> {
  const db = await database();
  // Strict durability: the browser reports the import done only once it is on disk, so that a
  // crash or a power cut right after "added to the library" cannot lose it.
  const tx = db.transaction(['articles', 'summaries', 'images'], 'readwrite', { durability: 'strict' });
  try {
    const outcomes = await putAll(tx, articles, images);
    await tx.done;
    return outcomes;
  } catch (error) {
    // A failed request aborts the transaction by itself, but an error thrown when making a
    // request (a value that cannot be cloned, say) does not: abort explicitly so nothing commits.
    try {
      tx.abort();
    } catch {
      // Already aborted.
    }
    await tx.done.catch(() => undefined);
    throw error;
  }
}

type SaveTransaction = IDBPTransaction<PamphletDB, ['articles', 'summaries', 'images'], 'readwrite'>;

async function putAll(
  tx: SaveTransaction,
  articles: readonly Article[],
  images: readonly StoredImage[],
): Promise<SaveOutcome[]> {
  const imageStore = tx.objectStore('images');
  for (const image of images) {
    if (!(await imageStore.getKey(image.hash))) await imageStore.put(image);
  }
  const articleStore = tx.objectStore('articles');
  const addedAt = Date.now();
  const outcomes: SaveOutcome[] = [];
  for (const article of articles) {
    const existing = await articleStore.get(article.id);
    if (existing && existing.revision >= article.revision) {
      outcomes.push({ articleId: article.id, result: 'kept' });
      continue;
    }
    await articleStore.put(article);
    await tx.objectStore('summaries').put(summaryOf(article, addedAt));
    outcomes.push({ articleId: article.id, result: existing ? 'replaced' : 'added' });
  }
  return outcomes;
}

/** Library entries, newest publication first, `limit` at a time after the `after` entry. */
export async function listSummaries(
  limit: number,
  after?: Pick<ArticleSummary, 'id' | 'publishedAt'>,
): Promise<ArticleSummary[]> {
  const db = await database();
  const index = db.transaction('summaries').store.index('by-published');
  if (!after) {
    const newest = await newestRecords(unwrap(index), limit);
    if (newest) return newest;
  }
  const range = after ? IDBKeyRange.upperBound(after.publishedAt) : undefined;
  const page: ArticleSummary[] = [];
  let passedAfter = !after;
  for await (const cursor of index.iterate(range, 'prev')) {
    if (!passedAfter) {
      // Entries published at the same moment as `after` come in key order; skip up to it.
      if (cursor.value.publishedAt === after!.publishedAt) {
        if (cursor.value.id === after!.id) passedAfter = true;
        continue;
      }
      passedAfter = true;
    }
    page.push(cursor.value);
    if (page.length >= limit) break;
  }
  return page;
}

/** IndexedDB's `getAllRecords` (Chromium 141 on): the newest `limit` in one request, not one per entry. */
type RecordsIndex = IDBIndex & { getAllRecords?: (options: { count: number; direction: IDBCursorDirection }) => IDBRequest<Array<{ value: ArticleSummary }>> };

function newestRecords(index: RecordsIndex, limit: number): Promise<ArticleSummary[]> | undefined {
  if (typeof index.getAllRecords !== 'function') return undefined;
  const request = index.getAllRecords({ count: limit, direction: 'prev' });
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result.map((record) => record.value));
    request.onerror = () => reject(request.error ?? new Error('The library could not be read.'));
  });
}

export async function getArticle(id: string): Promise<Article | undefined> {
  return (await database()).get('articles', id);
}

export async function countArticles(): Promise<number> {
  // Summaries, one per article, are small: counting them reads far less than counting articles.
  return (await database()).count('summaries');
}

export async function getImage(hash: string): Promise<StoredImage | undefined> {
  return (await database()).get('images', hash);
}

/** Every article's id, newest first. */
export async function allArticleIds(): Promise<string[]> {
  const ids = await (await database()).getAllKeysFromIndex('summaries', 'by-published');
  return ids.reverse();
}

/** Every library entry, newest first: for filtering and for the list, in memory (small records). */
export async function allSummaries(): Promise<ArticleSummary[]> {
  const summaries = await (await database()).getAllFromIndex('summaries', 'by-published');
  return summaries.reverse();
}

/** What a deletion took away, kept so that it can be undone. */
export interface Deletion {
  articles: Article[];
  summaries: ArticleSummary[];
  readings: ReadingState[];
  images: StoredImage[];
}

/**
 * Deletes articles, their reading state, and the images no remaining article shows, in one
 * transaction. Returns what it took, for Undo.
 */
export async function deleteArticles(ids: readonly string[]): Promise<Deletion> {
  const db = await database();
  const tx = db.transaction(['articles', 'summaries', 'reading', 'images'], 'readwrite', { durability: 'strict' });
  const deletion: Deletion = { articles: [], summaries: [], readings: [], images: [] };
  const maybeOrphaned = new Set<string>();
  for (const id of ids) {
    const [article, summary, reading] = await Promise.all([tx.objectStore('articles').get(id), tx.objectStore('summaries').get(id), tx.objectStore('reading').get(id)]);
    if (article) deletion.articles.push(article);
    if (summary) {
      deletion.summaries.push(summary);
      summary.imageHashes.forEach((hash) => maybeOrphaned.add(hash));
    }
    if (reading) deletion.readings.push(reading);
    await Promise.all([tx.objectStore('articles').delete(id), tx.objectStore('summaries').delete(id), tx.objectStore('reading').delete(id)]);
  }
  for (const hash of maybeOrphaned) {
    if ((await tx.objectStore('summaries').index('by-image').count(hash)) > 0) continue;
    const image = await tx.objectStore('images').get(hash);
    if (image) deletion.images.push(image);
    await tx.objectStore('images').delete(hash);
  }
  await tx.done;
  return deletion;
}

/** Puts back what `deleteArticles` took (Undo), unless something newer took its place meanwhile. */
export async function undoDeletion(deletion: Deletion): Promise<void> {
  const tx = (await database()).transaction(['articles', 'summaries', 'reading', 'images'], 'readwrite', { durability: 'strict' });
  for (const image of deletion.images) if (!(await tx.objectStore('images').getKey(image.hash))) await tx.objectStore('images').put(image);
  for (const article of deletion.articles) {
    if (await tx.objectStore('articles').getKey(article.id)) continue;
    await tx.objectStore('articles').put(article);
    const summary = deletion.summaries.find((candidate) => candidate.id === article.id);
    if (summary) await tx.objectStore('summaries').put(summary);
  }
  for (const reading of deletion.readings) if (!(await tx.objectStore('reading').getKey(reading.articleId))) await tx.objectStore('reading').put(reading);
  await tx.done;
}

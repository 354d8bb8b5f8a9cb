import type { Article } from '../shared/article.ts';
import { summaryOf, type ArticleSummary, type StoredImage } from '../shared/db-schema.ts';
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
  const tx = db.transaction(['articles', 'summaries', 'images'], 'readwrite');
  const articleStore = tx.objectStore('articles');
  const outcomes: SaveOutcome[] = [];
  const now = Date.now();
  try {
  for (const image of images) {
    if (!(await tx.objectStore('images').getKey(image.hash))) await tx.objectStore('images').put(image);
  }
  for (const article of articles) {
    const existing = await articleStore.get(article.id);
    if (existing && existing.revision >= article.revision) {
      outcomes.push({ articleId: article.id, result: 'kept' });
      continue;
    }
    await articleStore.put(article);
    await tx.objectStore('summaries').put(summaryOf(article, now));
    outcomes.push({ articleId: article.id, result: existing ? 'replaced' : 'added' });
  }
  } catch (error) {
    // The failed request already aborted the transaction; settle `done` so it is not reported
    // as an unhandled rejection, and let the caller see the first error.
    await tx.done.catch(() => undefined);
    throw error;
  }
  await tx.done;
  return outcomes;
}

/** Library entries, newest publication first, `limit` at a time after the `after` entry. */
export async function listSummaries(
  limit: number,
  after?: Pick<ArticleSummary, 'id' | 'publishedAt'>,
): Promise<ArticleSummary[]> {
  const db = await database();
  const index = db.transaction('summaries').store.index('by-published');
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

export async function getArticle(id: string): Promise<Article | undefined> {
  return (await database()).get('articles', id);
}

export async function countArticles(): Promise<number> {
  return (await database()).count('articles');
}

export async function getImage(hash: string): Promise<StoredImage | undefined> {
  return (await database()).get('images', hash);
}

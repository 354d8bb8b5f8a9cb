import type { Article } from '../../src/shared/article.ts';
import type { SyncStore } from '../../src/shared/sync/sync-edition.ts';

/** A library in memory, for the sync: what it stores, by id. */
export function memoryStore(): SyncStore & { stored: Map<string, Article> } {
  const stored = new Map<string, Article>();
  return {
    stored,
    storedRevisions: (ids) => Promise.resolve(new Map(ids.filter((id) => stored.has(id)).map((id) => [id, stored.get(id)!.revision]))),
    saveArticles: (list) => Promise.resolve(list.forEach((article) => stored.set(article.id, article))),
  };
}

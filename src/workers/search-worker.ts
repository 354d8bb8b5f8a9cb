/// <reference lib="webworker" />
import type { ReaderError } from '../shared/note.ts';
import { allSummaries, getArticles } from '../browser/storage/articles.ts';
import { loadSearchIndex, saveSearchIndex } from '../browser/storage/search-store.ts';
import { useKeys } from '../browser/storage/vault.ts';
import { documentOf, LibraryIndex, type SavedSearchIndex } from '../shared/search/search-index.ts';
import type { SearchReply, SearchRequest } from '../browser/messages/search-messages.ts';

/**
 * The search index lives here, off the page's thread: loaded from IndexedDB at start (never
 * rebuilt from scratch on start-up), brought up to date with the library on request, and saved
 * after each change.
 */
declare const self: DedicatedWorkerGlobalScope;

const BATCH = 200;
let index: LibraryIndex;
let ready: Promise<void> | undefined;
/** Requests are handled one at a time, in order: a search waits for a refresh before it. */
let queue: Promise<unknown> = Promise.resolve();

async function load(): Promise<void> {
  const record = await loadSearchIndex();
  if (record) {
    try {
      index = LibraryIndex.load(record as SavedSearchIndex);
      return;
    } catch {
      // A damaged or outdated index is rebuilt; the articles are the truth.
    }
  }
  index = new LibraryIndex();
}

async function refresh(): Promise<{ added: number; removed: number }> {
  const present = new Map<string, number>();
  for (const summary of await allSummaries()) present.set(summary.id, summary.revision);
  let removed = 0;
  for (const [id, revision] of [...index.indexed()]) {
    if (present.get(id) === revision) continue;
    index.remove(id);
    removed++;
  }
  const indexed = new Map(index.indexed());
  const missing = [...present].filter(([id, revision]) => indexed.get(id) !== revision).map(([id]) => id);
  for (let start = 0; start < missing.length; start += BATCH) {
    const articles = await getArticles(missing.slice(start, start + BATCH));
    for (const article of articles) if (article) index.add(documentOf(article), article.revision);
  }
  index.prepare();
  if (missing.length > 0 || removed > 0) await saveSearchIndex(index.save());
  return { added: missing.length, removed };
}

async function handle(request: SearchRequest): Promise<SearchReply> {
  if (request.type === 'unlock') {
    useKeys(request.keys);
    return { id: request.id, type: 'unlocked' };
  }
  ready ??= load();
  await ready;
  if (request.type === 'refresh') {
    const { added, removed } = await refresh();
    return { id: request.id, type: 'refreshed', documents: index.documentCount, added, removed };
  }
  const started = performance.now();
  const result = index.search(request.query);
  return { id: request.id, type: 'hits', result, ms: performance.now() - started };
}

self.addEventListener('message', (event: MessageEvent<SearchRequest>) => {
  const request = event.data;
  queue = queue.then(async () => {
    let reply: SearchReply;
    try {
      reply = await handle(request);
    } catch (error) {
      const note = (error as Partial<ReaderError> | null)?.note;
      reply = { id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error), ...(note ? { note } : {}) };
    }
    self.postMessage(reply);
  });
});

/// <reference lib="webworker" />
import type MiniSearch from 'minisearch';
import { database } from '../storage/database.ts';
import { createIndex, documentOf, hitsOf, loadIndex, type SearchDocument } from './search-index.ts';
import type { SearchReply, SearchRequest } from './search-messages.ts';

/**
 * The search index lives here, off the page's thread: loaded from IndexedDB at start (never
 * rebuilt from scratch on start-up), brought up to date with the library on request, and saved
 * after each change.
 */
declare const self: DedicatedWorkerGlobalScope;

const BATCH = 200;
let index: MiniSearch<SearchDocument>;
let indexed: Record<string, number> = {};
let ready: Promise<void> | undefined;
/** Requests are handled one at a time, in order: a search waits for a refresh before it. */
let queue: Promise<unknown> = Promise.resolve();

async function load(): Promise<void> {
  const record = await (await database()).get('search', 'index');
  if (record) {
    try {
      index = loadIndex(record.json);
      indexed = record.indexed;
      return;
    } catch {
      // A damaged or outdated index is rebuilt; the articles are the truth.
    }
  }
  index = createIndex();
  indexed = {};
}

async function refresh(): Promise<{ added: number; removed: number }> {
  const db = await database();
  const summaries = await db.getAll('summaries');
  const present = new Map(summaries.map((summary) => [summary.id, summary.revision]));
  let removed = 0;
  for (const [id, revision] of Object.entries(indexed)) {
    if (present.get(id) === revision) continue;
    if (index.has(id)) index.discard(id);
    delete indexed[id];
    removed++;
  }
  const missing = summaries.filter((summary) => indexed[summary.id] !== summary.revision);
  for (let start = 0; start < missing.length; start += BATCH) {
    const tx = db.transaction('articles');
    const articles = await Promise.all(missing.slice(start, start + BATCH).map((summary) => tx.store.get(summary.id)));
    for (const article of articles) {
      if (!article) continue;
      index.add(documentOf(article));
      indexed[article.id] = article.revision;
    }
  }
  if (missing.length > 0 || removed > 0) {
    await db.put('search', { json: JSON.stringify(index), indexed, savedAt: Date.now() }, 'index');
  }
  return { added: missing.length, removed };
}

async function handle(request: SearchRequest): Promise<SearchReply> {
  ready ??= load();
  await ready;
  if (request.type === 'refresh') {
    const { added, removed } = await refresh();
    return { id: request.id, type: 'refreshed', documents: index.documentCount, added, removed };
  }
  const started = performance.now();
  const hits = request.query.trim() ? hitsOf(index.search(request.query)) : [];
  return { id: request.id, type: 'hits', hits, ms: performance.now() - started };
}

self.addEventListener('message', (event: MessageEvent<SearchRequest>) => {
  const request = event.data;
  queue = queue.then(async () => {
    let reply: SearchReply;
    try {
      reply = await handle(request);
    } catch (error) {
      reply = { id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    self.postMessage(reply);
  });
});

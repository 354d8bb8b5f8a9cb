import { msg } from '@lit/localize';
import { ReaderError } from '../shared/note.ts';
import { currentKeys } from '../browser/storage/vault.ts';
import { searchWorkerUrl } from '../app/trusted-types.ts';
import type { SearchResult } from '../shared/search/search-index.ts';
import type { SearchReply, SearchRequest } from '../browser/messages/search-messages.ts';

type Ask = SearchRequest extends infer R ? (R extends SearchRequest ? Omit<R, 'id'> : never) : never;

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, (reply: SearchReply) => void>();

function ask(request: Ask): Promise<SearchReply> {
  worker ??= createWorker();
  const id = ++nextId;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker!.postMessage({ ...request, id });
  });
}

function createWorker(): Worker {
  const created = new Worker(searchWorkerUrl() as string);
  created.addEventListener('message', (event: MessageEvent<SearchReply>) => {
    waiting.get(event.data.id)?.(event.data);
    waiting.delete(event.data.id);
  });
  // The worker reads the library itself: with the lock on, it needs the keys before anything
  // else (it handles requests in order). A locked page has none, and the worker then refuses.
  const keys = currentKeys();
  if (keys) created.postMessage({ id: ++nextId, type: 'unlock', keys } satisfies SearchRequest);
  return created;
}

/**
 * Ends the worker and everything it holds (its database connection, the index in memory): for a
 * wipe. Questions still waiting are answered with an error.
 */
export function stopSearch(): void {
  worker?.terminate();
  worker = undefined;
  caughtUp = undefined;
  for (const [id, resolve] of waiting) resolve({ id, type: 'error', message: msg('Search was stopped.') });
  waiting.clear();
}

/** The first search of a page brings the index up to date (the worker may have missed changes). */
let caughtUp: Promise<number> | undefined;

/** The articles that match `query`, best first, with the words that matched. */
export async function search(query: string): Promise<{ result: SearchResult; ms: number }> {
  caughtUp ??= refreshIndex();
  await caughtUp;
  const reply = await ask({ type: 'search', query });
  if (reply.type === 'error') throw new ReaderError(reply.note ?? reply.message);
  return reply.type === 'hits' ? { result: reply.result, ms: reply.ms } : { result: { ids: [], terms: [] }, ms: 0 };
}

/** Brings the index up to date with the library (after an import, a sync, a deletion). */
export async function refreshIndex(): Promise<number> {
  const reply = await ask({ type: 'refresh' });
  if (reply.type === 'error') throw new ReaderError(reply.note ?? reply.message);
  return reply.type === 'refreshed' ? reply.documents : 0;
}

import type { Article } from '../article.ts';
import type { DecodedImage } from '../bundle/bundle-format.ts';
import { decodeBundle } from '../bundle/decode-bundle.ts';
import type { EditionSource, MirrorStatus } from '../db-schema.ts';
import { INDEX_FILE, type EditionEntry, type EditionIndex } from '../edition/edition-format.ts';
import { EditionError, parseEditionIndex } from '../edition/parse-edition.ts';
import { englishNote, type Note } from '../note.ts';
import { sha256Hex } from '../sha256.ts';
import { checkSignature } from '../signing.ts';
import { mapLimit } from './map-limit.ts';

/** What the sync needs from storage, given by the caller (the page, or the service worker). */
export interface SyncStore {
  storedRevisions(ids: readonly string[]): Promise<Map<string, number>>;
  saveArticles(articles: readonly Article[], images: readonly DecodedImage[]): Promise<unknown>;
}

export interface SyncProgress {
  source: string;
  articlesDone: number;
  articlesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface SyncOptions {
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Per request: a mirror that does not answer in time is skipped for the next. */
  timeoutMs?: number;
  /** Requests at once, across mirrors. */
  concurrency?: number;
  now?: () => number;
}

export interface SyncReport {
  sourceId: string;
  sourceName: string;
  /** The index was had and every article it lists is stored. */
  complete: boolean;
  added: number;
  sequence?: number;
  /** The mirror list to keep: the newest valid index's (a publisher rotates mirrors this way). */
  mirrors: string[];
  mirrorStatus: Record<string, MirrorStatus>;
  /** What the reader should know, one sentence each. */
  messages: Note[];
  /** Set when nothing could be synced, with the reason. */
  error?: Note;
  requests: number;
  bytes: number;
  /** The `publishers` of the bundles fetched, unchecked: the caller keeps the newest valid one. */
  publishers?: unknown[];
}

class MirrorProblem extends Error {
  constructor(readonly note: Note) {
    super(englishNote(note));
  }
}

function withSlash(mirror: string): string {
  return mirror.endsWith('/') ? mirror : `${mirror}/`;
}

function describe(error: unknown): Note {
  if (error instanceof MirrorProblem) return error.note;
  if (error instanceof EditionError && error.note) return error.note;
  if (error instanceof DOMException && error.name === 'TimeoutError') return { code: 'mirror-timeout' };
  if (error instanceof TypeError) return { code: 'mirror-unreachable' };
  return { code: 'mirror-failed', detail: error instanceof Error ? error.message : String(error) };
}

/**
 * Syncs one edition source through whichever mirrors answer, trusting none of them: the index must
 * be signed by the pinned key, newer than any seen, and not expired; each bundle must match the
 * index's hash and carry the article signed by that key. Each article is stored as it arrives, so an
 * interrupted sync keeps what it got and the next one fetches only the rest.
 */
export async function syncEdition(source: EditionSource, store: SyncStore, options: SyncOptions = {}): Promise<SyncReport> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const concurrency = options.concurrency ?? 3;
  const now = options.now ?? Date.now;
  const report: SyncReport = {
    sourceId: source.id,
    sourceName: source.name,
    complete: false,
    added: 0,
    mirrors: source.mirrors,
    mirrorStatus: {},
    messages: [],
    requests: 0,
    bytes: 0,
  };
  const mark = (mirror: string, ok: boolean, note: Note) => (report.mirrorStatus[mirror] = { ok, detail: englishNote(note), note, checkedAt: now() });

  /** Mirrors that answered at all (even with an error), as against those that could not be reached. */
  const answeredMirrors = new Set<string>();

  async function get(url: string, cache: RequestCache = 'default'): Promise<Uint8Array> {
    options.signal?.throwIfAborted();
    const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    report.requests++;
    const response = await fetch(url, { signal, cache, credentials: 'omit', referrerPolicy: 'no-referrer' });
    answeredMirrors.add(new URL(url).origin);
    if (!response.ok) throw new MirrorProblem({ code: 'mirror-http', status: response.status });
    const bytes = new Uint8Array(await response.arrayBuffer());
    report.bytes += bytes.length;
    return bytes;
  }

  const mirrors = [...new Set(source.mirrors.map(withSlash))];
  if (mirrors.length === 0) return { ...report, error: { code: 'no-mirrors', source: source.name } };

  // Every mirror is asked for the index, so that one serving an old copy cannot hide a newer one.
  let lastError: { host: string; last: Note } = { host: '', last: { code: 'mirror-unreachable' } };
  const indexes = await mapLimit(mirrors, concurrency, async (mirror): Promise<EditionIndex | undefined> => {
    try {
      const index = await parseEditionIndex(JSON.parse(new TextDecoder().decode(await get(`${mirror}${INDEX_FILE}`, 'no-store'))), source.id);
      if (Date.parse(index.expires) < now()) throw new MirrorProblem({ code: 'index-expired', date: index.expires.slice(0, 10) });
      if (source.lastSequence !== undefined && index.sequence < source.lastSequence) {
        throw new MirrorProblem({ code: 'index-replay', sequence: index.sequence, seen: source.lastSequence });
      }
      mark(mirror, true, { code: 'index-number', sequence: index.sequence });
      return index;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      lastError = { host: new URL(mirror).host, last: describe(error) };
      mark(mirror, false, describe(error));
      return undefined;
    }
  });
  const best = indexes.reduce<EditionIndex | undefined>((newest, index) => (index && (!newest || index.sequence > newest.sequence) ? index : newest), undefined);
  if (!best) {
    return { ...report, error: { code: answeredMirrors.size === 0 ? 'no-mirror-answered' : 'no-valid-index', tried: mirrors.length, ...lastError } };
  }
  for (const [position, index] of indexes.entries()) {
    if (index && index.sequence < best.sequence) {
      mark(mirrors[position]!, true, { code: 'index-older', sequence: index.sequence, newest: best.sequence });
    }
  }
  report.sequence = best.sequence;
  if (best.mirrors.length > 0) report.mirrors = best.mirrors;

  const stored = await store.storedRevisions(best.articles.map((entry) => entry.id));
  const needed = best.articles.filter((entry) => (stored.get(entry.id) ?? 0) < entry.revision);
  const progress: SyncProgress = {
    source: source.name,
    articlesDone: 0,
    articlesTotal: needed.length,
    bytesDone: 0,
    bytesTotal: needed.reduce((sum, entry) => sum + entry.size, 0),
  };
  options.onProgress?.({ ...progress });
  // Mirrors that served the newest index first; then the others that answered; then the rest.
  const order = [...mirrors].sort((a, b) => rank(a) - rank(b));
  function rank(mirror: string): number {
    const index = indexes[mirrors.indexOf(mirror)];
    return index?.sequence === best!.sequence ? 0 : report.mirrorStatus[mirror]?.ok ? 1 : 2;
  }

  let failed = 0;
  await mapLimit(needed, concurrency, async (entry) => {
    if (!(await fetchEntry(entry))) failed++;
    progress.articlesDone++;
    progress.bytesDone += entry.size;
    options.onProgress?.({ ...progress });
  });

  async function fetchEntry(entry: EditionEntry): Promise<boolean> {
    let last: Note = { code: 'mirror-unreachable' };
    for (const mirror of order) {
      try {
        // Not kept in the browser's HTTP cache either: the library, under its lock, is the one place
        // an article is kept.
        const bytes = await get(new URL(entry.path, mirror).href, 'no-store');
        if (bytes.length !== entry.size || (await sha256Hex(bytes)) !== entry.hash) {
          throw new MirrorProblem({ code: 'copy-hash-mismatch' });
        }
        const bundle = await decodeBundle(new TextDecoder().decode(bytes));
        const article = bundle.articles.find((candidate) => candidate.id === entry.id && candidate.revision === entry.revision);
        const check = article ? await checkSignature(article) : undefined;
        if (!article || check?.status !== 'signed' || check.key !== source.id) {
          throw new MirrorProblem({ code: 'copy-not-signed' });
        }
        await store.saveArticles([article], bundle.images);
        report.added++;
        (report.publishers ??= []).push(...bundle.publishers);
        return true;
      } catch (error) {
        if (options.signal?.aborted) throw error;
        last = describe(error);
        if (error instanceof MirrorProblem && (error.note.code === 'copy-hash-mismatch' || error.note.code === 'copy-not-signed')) {
          report.messages.push({ code: 'mirror-served-unverified', host: new URL(mirror).host, title: entry.title });
          mark(mirror, false, { code: 'served-unverified' });
        }
      }
    }
    report.messages.push({ code: 'article-unavailable', title: entry.title, last });
    return false;
  }

  report.complete = failed === 0;
  return report;
}

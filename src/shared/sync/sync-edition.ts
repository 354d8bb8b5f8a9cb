import type { Article } from '../article.ts';
import type { DecodedImage } from '../bundle/bundle-format.ts';
import { decodeBundle } from '../bundle/decode-bundle.ts';
import type { EditionSource, MirrorStatus } from '../db-schema.ts';
import { INDEX_FILE, type EditionEntry, type EditionIndex } from '../edition/edition-format.ts';
import { EditionError, parseEditionIndex } from '../edition/parse-edition.ts';
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
  messages: string[];
  /** Set when nothing could be synced, with the reason. */
  error?: string;
  requests: number;
  bytes: number;
}

class MirrorProblem extends Error {}

function withSlash(mirror: string): string {
  return mirror.endsWith('/') ? mirror : `${mirror}/`;
}

function describe(error: unknown): string {
  if (error instanceof MirrorProblem || error instanceof EditionError) return error.message;
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'it did not answer in time';
  if (error instanceof TypeError) return 'it could not be reached';
  return error instanceof Error ? error.message : String(error);
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
  const mark = (mirror: string, ok: boolean, detail: string) => (report.mirrorStatus[mirror] = { ok, detail, checkedAt: now() });

  /** Mirrors that answered at all (even with an error), as against those that could not be reached. */
  const answeredMirrors = new Set<string>();

  async function get(url: string, cache: RequestCache = 'default'): Promise<Uint8Array> {
    options.signal?.throwIfAborted();
    const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    report.requests++;
    const response = await fetch(url, { signal, cache, credentials: 'omit', referrerPolicy: 'no-referrer' });
    answeredMirrors.add(new URL(url).origin);
    if (!response.ok) throw new MirrorProblem(`it answered HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    report.bytes += bytes.length;
    return bytes;
  }

  const mirrors = [...new Set(source.mirrors.map(withSlash))];
  if (mirrors.length === 0) return { ...report, error: `${source.name} lists no mirror to sync from.` };

  // Every mirror is asked for the index, so that one serving an old copy cannot hide a newer one.
  let lastError = '';
  const indexes = await mapLimit(mirrors, concurrency, async (mirror): Promise<EditionIndex | undefined> => {
    try {
      const index = await parseEditionIndex(JSON.parse(new TextDecoder().decode(await get(`${mirror}${INDEX_FILE}`, 'no-store'))), source.id);
      if (Date.parse(index.expires) < now()) throw new MirrorProblem(`its index expired on ${index.expires.slice(0, 10)}`);
      if (source.lastSequence !== undefined && index.sequence < source.lastSequence) {
        throw new MirrorProblem(`it served an older index (number ${index.sequence}, after ${source.lastSequence} was seen): a replay, ignored`);
      }
      mark(mirror, true, `index number ${index.sequence}`);
      return index;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      lastError = `${new URL(mirror).host}: ${describe(error)}`;
      mark(mirror, false, describe(error));
      return undefined;
    }
  });
  const best = indexes.reduce<EditionIndex | undefined>((newest, index) => (index && (!newest || index.sequence > newest.sequence) ? index : newest), undefined);
  if (!best) {
    const what = answeredMirrors.size === 0 ? 'No mirror answered' : 'No mirror served a valid index';
    return { ...report, error: `${what} (tried ${mirrors.length}; last error: ${lastError}).` };
  }
  for (const [position, index] of indexes.entries()) {
    if (index && index.sequence < best.sequence) {
      mark(mirrors[position]!, true, `an older index (number ${index.sequence}; the newest is ${best.sequence})`);
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
    let last = '';
    for (const mirror of order) {
      try {
        // Not kept in the browser's HTTP cache either: the library, under its lock, is the one place
        // an article is kept.
        const bytes = await get(new URL(entry.path, mirror).href, 'no-store');
        if (bytes.length !== entry.size || (await sha256Hex(bytes)) !== entry.hash) {
          throw new MirrorProblem('its copy does not match the hash in the signed index');
        }
        const bundle = await decodeBundle(new TextDecoder().decode(bytes));
        const article = bundle.articles.find((candidate) => candidate.id === entry.id && candidate.revision === entry.revision);
        const check = article ? await checkSignature(article) : undefined;
        if (!article || check?.status !== 'signed' || check.key !== source.id) {
          throw new MirrorProblem('its copy does not carry the article signed by the publisher');
        }
        await store.saveArticles([article], bundle.images);
        report.added++;
        return true;
      } catch (error) {
        if (options.signal?.aborted) throw error;
        last = describe(error);
        if (error instanceof MirrorProblem && /hash|signed/.test(error.message)) {
          report.messages.push(`Mirror ${new URL(mirror).host} served a bundle that failed verification (“${entry.title}”); skipped.`);
          mark(mirror, false, 'served a bundle that failed verification');
        }
      }
    }
    report.messages.push(`“${entry.title}” could not be had from any mirror (last error: ${last}).`);
    return false;
  }

  report.complete = failed === 0;
  return report;
}

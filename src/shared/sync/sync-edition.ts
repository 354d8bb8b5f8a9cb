import type { Article } from '../article.ts';
import type { DecodedImage } from '../bundle/bundle-format.ts';
import { decodeBundle } from '../bundle/decode-bundle.ts';
import type { EditionSource, MirrorOutcome, MirrorStatus } from '../db-schema.ts';
import { INDEX_COPY_FILE, INDEX_FILE, MAX_INDEX_BYTES, type EditionEntry, type EditionIndex } from '../edition/edition-format.ts';
import { EditionError, parseEditionIndex } from '../edition/parse-edition.ts';
import { englishNote, type Note } from '../note.ts';
import { sha256Hex } from '../sha256.ts';
import { checkSignature } from '../signing.ts';
import { mapLimit } from './map-limit.ts';
import { isMoreSerious, mirrorOutcome } from './mirror-outcome.ts';
import { MirrorProblem, readMirror } from './read-mirror.ts';
import { blocksOf, blocksToRead, usablePack } from './pack-plan.ts';
import { readPackBlocks } from './sync-pack.ts';
import type { GatewayAnswer } from '../ipfs/gateway-read.ts';
import { isIpfsAddress } from '../ipfs/ipfs-scheme.ts';
import { indexJsonOfCopy } from './index-copy.ts';

/**
 * Mirrors found this session to have no usable copy of the index (built before copies, or by hand):
 * asked for the index itself straight away, so that the copy costs them one request, not one a sync.
 */
const mirrorsWithoutIndexCopy = new Set<string>();

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
  /** Article requests at once (to the mirror that served the index, or the next for an article it fails to give). */
  concurrency?: number;
  now?: () => number;
  /** The reader's IPFS gateways, for mirrors at ipfs:// and ipns:// addresses (src/shared/ipfs/). */
  gateways?: readonly string[];
}

export interface SyncReport {
  sourceId: string;
  sourceName: string;
  /** The index was had and every article it lists is stored. */
  complete: boolean;
  /** Articles new to the library. */
  added: number;
  /** Corrections: articles the library held at an older revision, replaced (edition sources only). */
  corrected?: number;
  sequence?: number;
  /** The mirror list to keep: the newest valid index's (a publisher rotates mirrors this way). */
  mirrors: string[];
  /** What each mirror asked did (its `outcome`), and the note that says how; mirrors not asked are absent. */
  mirrorStatus: Record<string, MirrorStatus>;
  /** What the reader should know, one sentence each, the most serious first. */
  messages: Note[];
  /** Set when nothing could be synced, with the reason: the most serious thing a mirror did. */
  error?: Note;
  requests: number;
  bytes: number;
  /** For mirrors on IPFS: what each gateway asked did, the most serious kept (one that answered says so). */
  gateways?: Record<string, GatewayAnswer>;
  /** The `publishers` of the bundles fetched, unchecked: the caller keeps the newest valid one. */
  publishers?: unknown[];
}

function withSlash(mirror: string): string {
  return mirror.endsWith('/') ? mirror : `${mirror}/`;
}

function describe(error: unknown): Note {
  if (error instanceof MirrorProblem) return error.note;
  if (error instanceof EditionError && error.note) return error.note;
  return { code: 'mirror-failed', detail: error instanceof Error ? error.message : String(error) };
}

/** How far up a sync's messages go: what a hostile mirror did first, then stale mirrors, then the rest. */
function messageRank(note: Note): number {
  if (note.code === 'mirror-index-unverified' || note.code === 'mirror-served-unverified' || note.code === 'gateway-served-altered')
    return 0;
  return note.code === 'mirror-index-older' ? 1 : 2;
}

/**
 * Syncs one edition source, trusting no mirror: the index must be signed by the pinned key, no
 * older than any seen, and not expired; each bundle must match the index's size and hash and carry
 * the article signed by that key. Mirrors are asked one at a time, in the publisher's order, and
 * only until one serves a valid index, since each mirror asked learns the reader's address; the
 * articles come from that mirror, and from the ones after it for an article it fails to give. Each
 * article is stored as it arrives, so an interrupted sync keeps what it got and the next one
 * fetches only the rest. The report says what each mirror asked did (mirror-outcome.ts), and
 * names the most serious, never merely the last mirror tried.
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
  // Within one sync a mirror keeps the most serious thing it did: a forged bundle is not
  // forgotten because the next article came through.
  const mark = (mirror: string, outcome: MirrorOutcome, note: Note) => {
    const before = report.mirrorStatus[mirror]?.outcome;
    if (before && isMoreSerious(before, outcome)) return;
    report.mirrorStatus[mirror] = { ok: outcome === 'answered', outcome, detail: englishNote(note), note, checkedAt: now() };
  };

  // A gateway that altered a block is told of once, as a mirror that forged a bundle is.
  function noteGateway(answer: GatewayAnswer, mirror: string): void {
    const gateways = (report.gateways ??= {});
    const before = gateways[answer.gateway];
    if (before && isMoreSerious(before.outcome, answer.outcome)) return;
    gateways[answer.gateway] = answer;
    if (answer.note.code === 'gateway-altered' && before?.note.code !== 'gateway-altered')
      report.messages.push({ code: 'gateway-served-altered', gateway: answer.note.gateway, host: mirror });
  }

  async function get(url: string, maxBytes: number): Promise<Uint8Array> {
    report.requests++;
    const bytes = await readMirror(url, {
      maxBytes,
      timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.gateways
        ? { gateways: options.gateways, onGateway: (answer: GatewayAnswer) => noteGateway(answer, url.split('/')[2] ?? url) }
        : {}),
    });
    report.bytes += bytes.length;
    return bytes;
  }

  /** The signed index in `bytes`, checked: its signature, its expiry, and that it is not older than one seen. */
  async function checkedIndex(bytes: Uint8Array): Promise<EditionIndex> {
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new EditionError({ code: 'edition-not-index', file: 'index' });
    }
    const index = await parseEditionIndex(value, source.id);
    if (Date.parse(index.expires) < now()) throw new MirrorProblem({ code: 'index-expired', date: index.expires.slice(0, 10) });
    if (source.lastSequence !== undefined && index.sequence < source.lastSequence) {
      throw new MirrorProblem({ code: 'index-replay', sequence: index.sequence, seen: source.lastSequence });
    }
    return index;
  }

  /**
   * The index from the mirror's gzipped copy, when it has one that holds a valid index: a quarter
   * of the bytes from a host that does not compress. Otherwise undefined, and the mirror is asked
   * for the index itself: a copy is a shortcut, not a file every mirror must have. A silent
   * mirror is not waited for twice; one whose copy does not verify has served a forgery.
   */
  async function indexFromCopy(mirror: string): Promise<EditionIndex | undefined> {
    if (isIpfsAddress(mirror) || mirrorsWithoutIndexCopy.has(mirror)) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = await get(`${mirror}${INDEX_COPY_FILE}`, MAX_INDEX_BYTES);
    } catch (error) {
      // Not there (404, a host that sends whatever it lacks to its home page, or one whose CORS rule
      // covers `.json` alone, which a browser tells as unreachable): ask for the index. Silence and
      // an endless answer the index would meet too: the reader does not wait twice.
      const absent =
        error instanceof MirrorProblem &&
        ['mirror-http', 'mirror-redirected', 'mirror-unreachable', 'mirror-failed'].includes(error.note.code);
      if (!absent || options.signal?.aborted) throw error;
      // Remembered only when the mirror answered: one that is down now may have the copy later.
      if (error.note.code === 'mirror-http' || error.note.code === 'mirror-redirected') mirrorsWithoutIndexCopy.add(mirror);
      return undefined;
    }
    const json = await indexJsonOfCopy(bytes, MAX_INDEX_BYTES);
    if (!json) {
      mirrorsWithoutIndexCopy.add(mirror);
      return undefined;
    }
    try {
      return await checkedIndex(json);
    } catch (error) {
      // A stale copy (expired, or older than one seen) beside a current index is a mirror caught
      // mid-upload: the index itself may be newer. A copy that does not verify is the mirror's doing.
      if (error instanceof MirrorProblem) return undefined;
      throw error;
    }
  }

  async function readIndex(mirror: string): Promise<EditionIndex> {
    return (await indexFromCopy(mirror)) ?? checkedIndex(await get(`${mirror}${INDEX_FILE}`, MAX_INDEX_BYTES));
  }

  const mirrors = [...new Set(source.mirrors.map(withSlash))];
  if (mirrors.length === 0) return { ...report, error: { code: 'no-mirrors', source: source.name } };

  // A mirror holding an older (still valid) index can delay new articles this way, until that index
  // expires or the mirror is down at a sync; it cannot bring back one older than any seen
  // (docs/threat-model.md, section 2).
  let served: { index: EditionIndex; position: number } | undefined;
  const refusals: { host: string; outcome: MirrorOutcome; note: Note }[] = [];
  for (const [position, mirror] of mirrors.entries()) {
    try {
      const index = await readIndex(mirror);
      mark(mirror, 'answered', { code: 'index-number', sequence: index.sequence });
      served = { index, position };
      break;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const note = describe(error);
      const outcome = mirrorOutcome(note);
      mark(mirror, outcome, note);
      refusals.push({ host: new URL(mirror).host, outcome, note });
    }
  }
  if (!served) {
    // A forged index says more than a replayed one, and either more than a mirror that was silent:
    // the reader hears of the most serious, from the first mirror that did it, not of the last one tried.
    const tried = mirrors.length;
    const worst = refusals.reduce((most, refusal) => (isMoreSerious(refusal.outcome, most.outcome) ? refusal : most), refusals[0]!);
    if (worst.outcome === 'failed-verification')
      return { ...report, error: { code: 'no-valid-index', tried, host: worst.host, reason: worst.note } };
    if (worst.outcome === 'older-index')
      return { ...report, error: { code: 'no-current-index', tried, host: worst.host, reason: worst.note } };
    const last = refusals.at(-1)!;
    return { ...report, error: { code: 'no-mirror-answered', tried, host: last.host, last: last.note } };
  }
  // The index came from another mirror; the reader still hears of each that served a forged or an
  // older one, since that mirror is not to be relied on.
  for (const { host, outcome, note } of refusals) {
    if (outcome === 'failed-verification') report.messages.push({ code: 'mirror-index-unverified', host, reason: note });
    if (outcome === 'older-index') report.messages.push({ code: 'mirror-index-older', host, reason: note });
  }
  const { index } = served;
  report.sequence = index.sequence;
  if (index.mirrors.length > 0) report.mirrors = index.mirrors;

  const stored = await store.storedRevisions(index.articles.map((entry) => entry.id));
  const needed = index.articles.filter((entry) => (stored.get(entry.id) ?? 0) < entry.revision);
  const progress: SyncProgress = {
    source: source.name,
    articlesDone: 0,
    articlesTotal: needed.length,
    bytesDone: 0,
    bytesTotal: needed.reduce((sum, entry) => sum + entry.size, 0),
  };
  options.onProgress?.({ ...progress });
  // The mirror that served the index, then, for an article it fails to give, the ones after it in
  // turn; the ones before it have already failed this sync.
  const order = mirrors.slice(served.position);

  const counted = (entry: EditionEntry) => {
    if (stored.has(entry.id)) report.corrected = (report.corrected ?? 0) + 1;
    else report.added++;
    progress.articlesDone++;
    progress.bytesDone += entry.size;
  };
  // What a mirror did wrong while serving articles: a forgery is told, and kept against it; a
  // mirror that merely fails keeps what it did for the index.
  const blame = (mirror: string, note: Note, title: string) => {
    const outcome = mirrorOutcome(note);
    if (outcome === 'failed-verification') {
      report.messages.push({ code: 'mirror-served-unverified', host: new URL(mirror).host, title });
      mark(mirror, outcome, note);
    } else if (note.code === 'mirror-redirected' || !report.mirrorStatus[mirror]) {
      mark(mirror, outcome, note);
    }
  };

  // A reader far behind reads one stretch of the pack, newest first, in a request or two; what it
  // does not cover (an old correction, or blocks no mirror delivered) comes article by article.
  const pack = usablePack(index);
  const fromPack = new Set<string>();
  if (pack && needed.length > 0) {
    const neededIds = new Set(needed.map((entry) => entry.id));
    const positions = index.articles.flatMap((entry, position) => (neededIds.has(entry.id) ? [position] : []));
    const all = blocksOf(pack);
    const blocks = all.slice(0, blocksToRead(all, index.articles, positions));
    if (blocks.length > 0) {
      await readPackBlocks({
        pack,
        blocks,
        entries: index.articles,
        key: source.id,
        // A pack is read from web mirrors; one on IPFS gives its articles file by file, each block checked.
        mirrors: order.filter((mirror) => /^https?:/.test(mirror)),
        wanted: (entry) => neededIds.has(entry.id),
        keep: async (mirror, block) => {
          await store.saveArticles(block.articles, block.images);
          for (const entry of block.entries) {
            fromPack.add(entry.id);
            counted(entry);
          }
          (report.publishers ??= []).push(...block.publishers);
          if (!report.mirrorStatus[mirror]) mark(mirror, 'answered', { code: 'asked-for-articles' });
          options.onProgress?.({ ...progress });
        },
        blame: (mirror, note, entry) => blame(mirror, note, entry?.title ?? index.publisher.name),
        idleTimeoutMs: timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
        onRequest: () => report.requests++,
        onBytes: (count) => (report.bytes += count),
      });
    }
  }

  let failed = 0;
  await mapLimit(
    needed.filter((entry) => !fromPack.has(entry.id)),
    concurrency,
    async (entry) => {
      if (await fetchEntry(entry)) {
        counted(entry);
      } else {
        failed++;
        progress.articlesDone++;
        progress.bytesDone += entry.size;
      }
      options.onProgress?.({ ...progress });
    },
  );

  async function fetchEntry(entry: EditionEntry): Promise<boolean> {
    let last: Note = { code: 'mirror-unreachable' };
    for (const mirror of order) {
      try {
        // Never more than the signed index says: a longer copy is cut off one byte past it.
        const bytes = await get(new URL(entry.path, mirror).href, entry.size).catch((error: unknown) => {
          throw error instanceof MirrorProblem && error.note.code === 'mirror-too-large'
            ? new MirrorProblem({ code: 'copy-hash-mismatch' })
            : error;
        });
        if (bytes.length !== entry.size || (await sha256Hex(bytes)) !== entry.hash) {
          throw new MirrorProblem({ code: 'copy-hash-mismatch' });
        }
        const bundle = await decodeBundle(bytes);
        const article = bundle.articles.find((candidate) => candidate.id === entry.id && candidate.revision === entry.revision);
        const check = article ? await checkSignature(article) : undefined;
        if (!article || check?.status !== 'signed' || check.key !== source.id) {
          throw new MirrorProblem({ code: 'copy-not-signed' });
        }
        await store.saveArticles([article], bundle.images);
        (report.publishers ??= []).push(...bundle.publishers);
        // A mirror after the one that served the index says how it answered when first asked.
        if (!report.mirrorStatus[mirror]) mark(mirror, 'answered', { code: 'asked-for-articles' });
        return true;
      } catch (error) {
        if (options.signal?.aborted) throw error;
        last = describe(error);
        blame(mirror, last, entry.title);
      }
    }
    report.messages.push({ code: 'article-unavailable', title: entry.title, last });
    return false;
  }

  report.complete = failed === 0;
  report.messages.sort((a, b) => messageRank(a) - messageRank(b));
  return report;
}

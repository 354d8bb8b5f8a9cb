import { imageHashesOf, type Article } from '../../shared/article.ts';
import { unwrap, type IDBPTransaction } from 'idb';
import {
  type ArticleSummary,
  type PamphletDB,
  type ReadingState,
  type SealedArticle,
  type SealedImage,
  type SealedReadingState,
  type SealedSummary,
  type StoredImage,
} from '../../shared/db-schema.ts';
import { database } from './database.ts';
import { getRecord, getRecords, isSealedRecord, openRecord, recordNames, sealRecord } from './sealed-records.ts';
import { Preparation, type PreparedArticle } from './save-preparation.ts';
import { IMPORT_DURABILITY } from './save-durability.ts';
import { recordCodec, type RecordCodec } from './vault.ts';
import type { WriterTurns } from './writer-turns.ts';

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
export async function saveArticles(articles: readonly Article[], images: readonly StoredImage[] = []): Promise<SaveOutcome[]> {
  return (await save(articles, images)) as SaveOutcome[];
}

/**
 * Whether each article of a save is to be stored, filled in as its checks end (true, false, or
 * undefined while not known), and a promise that resolves once every one is known, or rejects if
 * the checks fail or are cancelled.
 */
export interface Decisions {
  readonly accepted: ReadonlyArray<boolean | undefined>;
  readonly settled: Promise<void>;
  /** Told when the save waits (for a decision, a seal) with nothing left to write, and when it takes its turn. */
  readonly turns?: WriterTurns;
}

/**
 * `saveArticles` for articles whose checks are under way (an import): the one transaction opens at
 * once and writes each accepted article as soon as it and every article before it are decided (and,
 * with the lock on, sealed), so that the database writes while the page checks. Refused articles are never written; the images
 * the accepted articles show are written once all are decided. If the checks fail or are
 * cancelled, the transaction is aborted and nothing of it is stored. The outcomes are in
 * `articles`' order, undefined for those refused.
 */
export function saveArticlesAsChecked(
  articles: readonly Article[],
  decisions: Decisions,
  images: readonly StoredImage[],
): Promise<Array<SaveOutcome | undefined>> {
  return save(articles, images, decisions);
}

async function save(
  articles: readonly Article[],
  images: readonly StoredImage[],
  decisions?: Decisions,
): Promise<Array<SaveOutcome | undefined>> {
  const db = await database();
  const codec = await recordCodec();
  const sealStart = performance.now();
  // The keys first (with the lock on, opaque names, which sealing the records then reuses): the
  // transaction needs them all as it opens, and sealing alongside held them back.
  const names = await recordNames(
    codec,
    'articles',
    articles.map((article) => article.id),
  );
  const imageNames = await recordNames(
    codec,
    'images',
    images.map((image) => image.hash),
  );
  // Sealed (with the lock on) outside the transaction, which may await nothing but IndexedDB. With
  // `decisions`, alongside the checks and the transaction (see `Preparation`); that includes
  // articles the checks will refuse: sealed in memory, never written.
  const preparation = new Preparation(codec, articles, images, Date.now());
  preparation.done.then(
    () => performance.measure('pamphlet:phase:seal', { start: sealStart, end: performance.now() }),
    () => undefined,
  );
  let tx: SaveTransaction | undefined;
  try {
    // Without decisions every record is written at once, so all are sealed first.
    if (!decisions) await preparation.done;
    const txStart = performance.now();
    tx = db.transaction(['articles', 'summaries', 'images', 'deleted'], 'readwrite', { durability: IMPORT_DURABILITY });
    const outcomes = await putAll(tx, { codec, names, imageNames, preparation }, decisions);
    await tx.done;
    performance.measure('pamphlet:phase:transaction', { start: txStart, end: performance.now() });
    return outcomes;
  } catch (error) {
    preparation.stop();
    if (tx) {
      // A failed request aborts the transaction by itself, but an error thrown when making a
      // request (a value that cannot be cloned, say) does not: abort explicitly so nothing commits.
      try {
        tx.abort();
      } catch {
        // Already aborted.
      }
      await tx.done.catch(() => undefined);
    }
    throw error;
  }
}

type SaveTransaction = IDBPTransaction<PamphletDB, ['articles', 'summaries', 'images', 'deleted'], 'readwrite'>;

/** What a save writes: the keys its records go under, known at once, and the records, as they are prepared. */
interface SaveRecords {
  codec: RecordCodec;
  /** Each article's key (its id, or with the lock on its opaque name), in the articles' order. */
  names: readonly string[];
  /** Each image's key, in the images' order. */
  imageNames: readonly string[];
  preparation: Preparation;
}

/**
 * How many of the library's keys a save reads per article it saves, at most, to learn which are
 * stored: reading a key costs the database far less than a read of its own (a request, its
 * answer), so up to a library many times the save's size one read of keys costs less.
 */
const KEYS_READ_PER_ARTICLE = 16;

/**
 * Whether a name may be stored, given the library's first `scanned` keys, in order (`keys`): it is
 * among them, or past the last of them when they were not all there is.
 */
function storedAmong(keys: readonly string[], scanned: number): (name: string) => boolean {
  const found = new Set(keys);
  const last = keys.length === scanned ? keys[keys.length - 1] : undefined;
  return (name) => found.has(name) || (last !== undefined && name > last);
}

/** A key no article has: the request that keeps a save's transaction alive while it waits reads it. */
const NO_ARTICLE = '';

/**
 * Makes every request of the save before awaiting any: the requests of one transaction run in the
 * order they were made whatever is awaited, and awaiting each in turn cost a round trip to the
 * database per request, which was most of a big import's time. The decisions a request used to
 * read back (is this article stored, at which revision) are kept in memory instead, so that an
 * article twice in one bundle is decided as it was when each put was read back.
 *
 * Plain requests, not idb's promises: a promise per request (two listeners added and taken off,
 * the result wrapped) cost a big import as much page time as a tenth of its raw writes. Every
 * write is made in a request's success callback, where the transaction is active; a failed
 * request aborts the transaction, which rejects here.
 *
 * With `decisions`, articles are written in order as they are decided and prepared. While the
 * next one is not, a read of a key that is not there keeps the transaction alive (one with no
 * request pending commits), and its callback looks again: so the transaction cannot commit before
 * the last decision, and no write is made on one that has ended. When the checks fail, it is
 * aborted, with whatever it wrote. The same wait lets the revisions of sealed entries be opened
 * (with the lock on) inside the transaction: read and decided in one, with nothing another tab or
 * the worker could change in between.
 */
function putAll(
  tx: SaveTransaction,
  { codec, names, imageNames, preparation }: SaveRecords,
  decisions?: Decisions,
): Promise<Array<SaveOutcome | undefined>> {
  const raw: IDBTransaction = unwrap(tx);
  const imageStore = raw.objectStore('images');
  const articleStore = raw.objectStore('articles');
  const summaryStore = raw.objectStore('summaries');
  const deletedStore = raw.objectStore('deleted');
  return new Promise((resolve, reject) => {
    let failed = false;
    /** Every write made: what happens to the transaction is `tx.done`'s to say, not `fail`'s. */
    let finished = false;
    const fail = (error: unknown) => {
      if (failed || finished) return;
      failed = true;
      preparation.stop();
      decisions?.turns?.took();
      reject(error instanceof Error ? error : new Error(String(error)));
      try {
        raw.abort();
      } catch {
        // Already ended.
      }
    };
    raw.addEventListener('abort', () => fail(raw.error ?? new DOMException('The save was aborted.', 'AbortError')));
    // Settled with an article still undecided would leave the transaction waiting for it for ever.
    let settled = false;
    decisions?.settled.then(() => (settled = true), fail);
    preparation.done.catch(fail);
    /** `work` for a request's callback: a value that cannot be cloned throws as its request is made, and aborts nothing itself. */
    const guarded = (work: () => void) => () => {
      if (failed) return;
      try {
        work();
      } catch (error) {
        fail(error);
      }
    };

    const imageKeys: unknown[] = [];
    const current: Array<ArticleSummary | SealedSummary | undefined> = [];
    let deleted = new Set<string>();
    let pending = 0;
    const read = <T>(request: IDBRequest<T>, keep: (result: T) => void) => {
      pending++;
      request.onsuccess = guarded(() => {
        keep(request.result);
        if (--pending === 0) {
          openRevisions();
          writeInTurn();
        }
      });
    };
    imageNames.forEach((name, at) => read(imageStore.getKey(name), (key) => (imageKeys[at] = key)));
    const readSummary = (at: number) =>
      read(summaryStore.get(names[at]!) as IDBRequest<ArticleSummary | SealedSummary | undefined>, (summary) => {
        current[at] = summary;
      });
    // Which articles are stored, from one read of the library's first keys rather than one read
    // per article: for a big import each read cost the database about as much as a put. The
    // summaries of those stored (their revisions) are read after it, and so is every article past
    // the last key read, for a library much bigger than the import.
    const scanned = KEYS_READ_PER_ARTICLE * names.length;
    // (A count of 0 would read every key.)
    if (scanned > 0)
      read(summaryStore.getAllKeys(null, scanned) as IDBRequest<string[]>, (keys) => {
        const mayBeStored = storedAmong(keys, scanned);
        names.forEach((name, at) => {
          if (mayBeStored(name)) readSummary(at);
        });
      });
    // Deleting a key that is not there costs as much as a put: ask once which are there.
    read(deletedStore.getAllKeys() as IDBRequest<string[]>, (keys) => (deleted = new Set(keys)));

    // With the lock on, the summaries read are sealed: their revisions are opened (WebCrypto, which
    // a transaction cannot await) while requests keep it alive, and nothing is written until they are.
    const openedRevisions: Array<number | undefined> = [];
    let revisionsKnown = false;
    const openRevisions = () => {
      const sealed = current.flatMap((record, at) => (record && isSealedRecord(record) ? [at] : []));
      // Nothing to open (the lock off, or nothing stored): the writes need not wait a round trip.
      if (sealed.length === 0) {
        revisionsKnown = true;
        return;
      }
      Promise.all(
        sealed.map(async (at) => {
          openedRevisions[at] = (await openRecord(codec, 'summaries', names[at]!, current[at]!)).revision;
        }),
      ).then(() => (revisionsKnown = true), fail);
    };
    const storedRevision = (at: number): number | undefined => {
      const record = current[at];
      if (!record) return undefined;
      return isSealedRecord(record) ? openedRevisions[at] : record.revision;
    };

    const putImages = new Set<string>();
    /** Called once the images are prepared. */
    const putImage = (at: number) => {
      const { record } = preparation.images![at]!;
      if (imageKeys[at] || putImages.has(record.hash)) return;
      putImages.add(record.hash);
      imageStore.put(record);
    };
    const revisions = new Map<string, number>();
    const count = names.length;
    const outcomes = new Array<SaveOutcome | undefined>(count).fill(undefined);
    const putArticle = ({ article, stored, summary }: PreparedArticle, at: number) => {
      const existing = revisions.get(stored.id) ?? storedRevision(at);
      if (existing !== undefined && existing >= article.revision) {
        outcomes[at] = { articleId: article.id, result: 'kept' };
        return;
      }
      articleStore.put(stored);
      summaryStore.put(summary);
      written++;
      // Stored again (an import the reader chose; sync passes deleted articles over): no longer deleted.
      if (deleted.has(stored.id)) deletedStore.delete(stored.id);
      revisions.set(stored.id, article.revision);
      outcomes[at] = { articleId: article.id, result: existing !== undefined ? 'replaced' : 'added' };
    };

    let next = 0;
    /** Articles put so far: a turn that put none leaves nothing queued before its read, which is then answered at once. */
    let written = 0;
    /**
     * Every write is made. Refused articles past the last accepted one may still be in
     * preparation: it stops, and its end is no failure of the save.
     */
    const finish = () => {
      finished = true;
      preparation.stop();
      decisions?.turns?.took();
      resolve(outcomes);
    };
    /** Has a request out, whose answer calls `writeInTurn` again: the transaction stays alive while the save waits. */
    const waitInTurn = (writtenBefore: number) => {
      articleStore.getKey(NO_ARTICLE).onsuccess = guarded(() => {
        decisions?.turns?.took();
        writeInTurn();
      });
      if (written === writtenBefore) decisions?.turns?.waiting();
    };
    const writeInTurn = () => {
      const writtenBefore = written;
      if (!revisionsKnown) {
        waitInTurn(writtenBefore);
        return;
      }
      if (!decisions) {
        // Every record was prepared before the transaction opened.
        imageNames.forEach((_, at) => putImage(at));
        preparation.articles.forEach((prepared, at) => putArticle(prepared!, at));
        finish();
        return;
      }
      for (; next < count; next++) {
        const accepted = decisions.accepted[next];
        if (accepted === undefined && settled) throw new Error(`The checks ended without a decision on article ${next + 1}.`);
        if (accepted === undefined) break;
        if (accepted) {
          const prepared = preparation.articles[next];
          if (!prepared) break;
          putArticle(prepared, next);
        }
      }
      if (next < count || (imageNames.length > 0 && !preparation.images)) {
        waitInTurn(writtenBefore);
        return;
      }
      // Read from the articles' content only when the bundle brings images: on the page's thread, at
      // the end of the import, a pass over every accepted article.
      if (imageNames.length > 0) {
        const shown = new Set(preparation.source.flatMap((article, at) => (decisions.accepted[at] ? imageHashesOf(article.content) : [])));
        preparation.images!.forEach(({ hash }, at) => {
          if (shown.has(hash)) putImage(at);
        });
      }
      finish();
    };
  });
}

/** Library entries, newest publication first, `limit` at a time after the `after` entry. */
export async function listSummaries(limit: number, after?: Pick<ArticleSummary, 'id' | 'publishedAt'>): Promise<ArticleSummary[]> {
  const db = await database();
  const codec = await recordCodec();
  if (codec.seal) return sealedPage(limit, after);
  // From here on the lock is off, and records are in clear.
  const index = db.transaction('summaries').store.index('by-published');
  if (!after) {
    const newest = await newestRecords(unwrap(index), limit);
    if (newest) return newest as ArticleSummary[];
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
    page.push(cursor.value as ArticleSummary);
    if (page.length >= limit) break;
  }
  return page;
}

/** Newest first, then by id: the order of the by-published index read backwards, with exact times. */
function newestFirst(a: ArticleSummary, b: ArticleSummary): number {
  if (a.publishedAt !== b.publishedAt) return a.publishedAt < b.publishedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * A page of a sealed library. Nothing in clear says when an entry was published (its day was, in
 * the first sealed form), so the whole library is opened and put in order: the list, its filters
 * and the search need every entry soon after anyway.
 */
async function sealedPage(limit: number, after?: Pick<ArticleSummary, 'id' | 'publishedAt'>): Promise<ArticleSummary[]> {
  const all = await allSummaries();
  const at = after ? all.findIndex((summary) => summary.id === after.id) + 1 : 0;
  return all.slice(at, at + limit);
}

/** IndexedDB's `getAllRecords` (Chromium 141 on): the newest `limit` in one request, not one per entry. */
type RecordsIndex = IDBIndex & {
  getAllRecords?: (options: {
    count: number;
    direction: IDBCursorDirection;
  }) => IDBRequest<Array<{ value: ArticleSummary | SealedSummary }>>;
};

function newestRecords(index: RecordsIndex, limit: number): Promise<Array<ArticleSummary | SealedSummary>> | undefined {
  if (typeof index.getAllRecords !== 'function') return undefined;
  const request = index.getAllRecords({ count: limit, direction: 'prev' });
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result.map((record) => record.value));
    request.onerror = () => reject(request.error ?? new Error('The library could not be read.'));
  });
}

export function getArticle(id: string): Promise<Article | undefined> {
  return getRecord('articles', id);
}

/** Several articles at once, in one transaction (undefined where one is not stored). */
export function getArticles(ids: readonly string[]): Promise<Array<Article | undefined>> {
  return getRecords('articles', ids);
}

/** Several articles' library entries at once (undefined where one is not stored). */
export function getSummaries(ids: readonly string[]): Promise<Array<ArticleSummary | undefined>> {
  return getRecords('summaries', ids);
}

export async function countArticles(): Promise<number> {
  // Summaries, one per article, are small: counting them reads far less than counting articles.
  return (await database()).count('summaries');
}

export function getImage(hash: string): Promise<StoredImage | undefined> {
  return getRecord('images', hash);
}

/** Every article's id, newest first. */
export async function allArticleIds(): Promise<string[]> {
  if ((await recordCodec()).seal) return (await allSummaries()).map((summary) => summary.id);
  const ids = await (await database()).getAllKeysFromIndex('summaries', 'by-published');
  return ids.reverse();
}

/** Every library entry, newest first: for filtering and for the list, in memory (small records). */
export async function allSummaries(): Promise<ArticleSummary[]> {
  const codec = await recordCodec();
  const stored = await (await database()).getAllFromIndex('summaries', 'by-published');
  if (!codec.seal && !codec.keys) return (stored as ArticleSummary[]).reverse();
  const summaries = await Promise.all(stored.map((summary) => openRecord(codec, 'summaries', summary.id, summary)));
  return summaries.sort(newestFirst);
}

/**
 * What a deletion took away, kept so that it can be undone: the records as they were stored
 * (sealed, with the lock on), put back as they were.
 */
export interface Deletion {
  articles: Array<Article | SealedArticle>;
  summaries: Array<ArticleSummary | SealedSummary>;
  readings: Array<ReadingState | SealedReadingState>;
  images: Array<StoredImage | SealedImage>;
  /** The stored names of the articles remembered as deleted, forgotten again by Undo. */
  remembered: string[];
}

/**
 * Deletes articles, their reading state, and the images no remaining article shows, in one
 * transaction. Returns what it took, for Undo.
 */
export async function deleteArticles(articleIds: readonly string[]): Promise<Deletion> {
  const db = await database();
  const codec = await recordCodec();
  const ids = await recordNames(codec, 'articles', articleIds);
  // What names each article, remembered (sealed, with the lock on) before the transaction begins.
  const summaries = await getSummaries(articleIds);
  const deletedAt = Date.now();
  const remembered = await Promise.all(
    summaries.flatMap((summary) =>
      summary
        ? [sealRecord(codec, 'deleted', { articleId: summary.id, title: summary.title, publisherName: summary.publisherName, deletedAt })]
        : [],
    ),
  );
  const tx = db.transaction(['articles', 'summaries', 'reading', 'images', 'deleted'], 'readwrite', { durability: 'strict' });
  const deletion: Deletion = {
    articles: [],
    summaries: [],
    readings: [],
    images: [],
    remembered: remembered.map((entry) => entry.articleId),
  };
  for (const entry of remembered) await tx.objectStore('deleted').put(entry);
  const maybeOrphaned = new Set<string>();
  for (const id of ids) {
    const [article, summary, reading] = await Promise.all([
      tx.objectStore('articles').get(id),
      tx.objectStore('summaries').get(id),
      tx.objectStore('reading').get(id),
    ]);
    if (article) deletion.articles.push(article);
    if (summary) {
      deletion.summaries.push(summary);
      summary.imageHashes.forEach((hash) => maybeOrphaned.add(hash));
    }
    if (reading) deletion.readings.push(reading);
    await Promise.all([
      tx.objectStore('articles').delete(id),
      tx.objectStore('summaries').delete(id),
      tx.objectStore('reading').delete(id),
    ]);
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
  const tx = (await database()).transaction(['articles', 'summaries', 'reading', 'images', 'deleted'], 'readwrite', {
    durability: 'strict',
  });
  for (const name of deletion.remembered) await tx.objectStore('deleted').delete(name);
  for (const image of deletion.images) if (!(await tx.objectStore('images').getKey(image.hash))) await tx.objectStore('images').put(image);
  for (const article of deletion.articles) {
    if (await tx.objectStore('articles').getKey(article.id)) continue;
    await tx.objectStore('articles').put(article);
    const summary = deletion.summaries.find((candidate) => candidate.id === article.id);
    if (summary) await tx.objectStore('summaries').put(summary);
  }
  for (const reading of deletion.readings)
    if (!(await tx.objectStore('reading').getKey(reading.articleId))) await tx.objectStore('reading').put(reading);
  await tx.done;
}

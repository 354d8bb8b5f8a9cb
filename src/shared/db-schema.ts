import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { imageHashesOf, summaryTextOf, type Article, type TextDirection } from './article.ts';
import { correctionOf } from './correction.ts';
import type { TextQuote } from './text/text-quote.ts';
import { webAddressesOf } from './article-link.ts';
import type { Sealed } from './crypto/envelope.ts';
import type { KdfParams } from './crypto/vault-keys.ts';
import type { TrustedKey } from './verdict.ts';
import type { Note } from './note.ts';

/**
 * The one IndexedDB schema of the app. Page and service worker open the same database through
 * this module. Raise DB_VERSION for every change and add a step to `upgradeDatabase`; never edit
 * a step that has shipped, because a reader's database may still be at that version.
 */
export const DB_NAME = 'pamphlet';
export const DB_VERSION = 5;

/** What the library list shows, kept apart from the body so a long list never loads bodies. */
export interface ArticleSummary {
  id: string;
  revision: number;
  title: string;
  publisherName: string;
  /** As the article gives it: a date or a date-time; absent when the publisher did not say. */
  published?: string;
  /**
   * `published` as a UTC ISO string, so that the library sorts by it; for an article without a
   * date, when it was stored (a record without the field would be missing from the index).
   */
  publishedAt: string;
  /** When a corrected article was corrected (`correctionOf`), for the list to say so. */
  modified?: string;
  lang: string;
  dir: TextDirection;
  summary: string;
  addedAt: number;
  /** The key whose valid signature the article carried when stored; absent when unsigned. */
  signerKey?: string;
  /** The images the article shows (version 3): an image no article shows any more is deleted. */
  imageHashes: string[];
  /**
   * The web addresses the article was published at (src/shared/article-link.ts), so that a link to
   * one from another article opens it; sealed with the rest of the summary. Absent from summaries
   * stored before it was kept: the article itself then says (src/library/article-links.ts).
   */
  urls?: string[];
}

export interface StoredImage {
  /** Lower-case hex SHA-256 of the bytes. */
  hash: string;
  type: string;
  blob: Blob;
}

/** What the reader did with an article; kept by article id, so that a correction keeps it. */
export interface ReadingState {
  articleId: string;
  read: boolean;
  /** Share of the article scrolled past, 0 to 1, so it survives a change of text size. */
  position: number;
  updatedAt: number;
  starred?: boolean;
  /** The reader's own collections the article is in. */
  tags?: string[];
  /** Passages the reader marked, with their notes (the reader's own, never the publisher's). */
  highlights?: Highlight[];
}

/** A passage the reader marked in an article, found again by its quote (shared/text/text-quote.ts). */
export interface Highlight extends TextQuote {
  /** Random, so that an address naming it says nothing of the article. */
  id: string;
  /** The reader's note on it, plain text; '' for none. */
  note: string;
  createdAt: number;
}

/**
 * The search index, kept so that start-up never re-indexes the library (version 3). Its shape is
 * the search engine's (`SavedSearchIndex`); a record the engine does not recognize is rebuilt.
 */
export interface SearchIndexRecord {
  format: string;
  savedAt: number;
}

/**
 * What a mirror did when a sync last asked it, from the least serious to the most: it served what
 * was asked (a valid, current index, or the articles); it did not answer (no connection, no answer
 * in time, an HTTP error, a redirect); it served a validly signed index older than one already
 * seen, or expired (a stale mirror, or a replay); it served something that failed verification
 * (a forged or tampered index or article, or malformed or oversized data): an attack, or a mirror
 * that is not to be trusted.
 */
export type MirrorOutcome = 'answered' | 'did-not-answer' | 'older-index' | 'failed-verification';

/** How a mirror answered the last time it was asked. */
export interface MirrorStatus {
  /** The outcome was `answered`: what versions before `outcome` read, and still write. */
  ok: boolean;
  /** Absent in statuses stored before it: `storedMirrorOutcome` reads those from `ok` and `note`. */
  outcome?: MirrorOutcome;
  checkedAt: number;
  /** What went wrong, or what it served, in English. */
  detail: string;
  /** The same as a note, for the page to say in the reader's language (absent in statuses stored before it). */
  note?: Note;
}

/** A publisher's edition the reader subscribed to; `id` is the publisher's key. */
export interface EditionSource {
  kind: 'edition';
  id: string;
  name: string;
  /** From the newest valid index, so that a publisher can rotate mirrors. */
  mirrors: string[];
  addedAt: number;
  lastSync?: number;
  /** The highest index sequence seen: an index below it is a replay and is refused. */
  lastSequence?: number;
  /**
   * The number of the publisher's descriptor whose mirrors the source took (from a bundle, a
   * source file or link): an index or descriptor numbered below it does not take them back. Kept
   * apart from `lastSequence`, so that a descriptor never makes a sync refuse an index.
   */
  descriptorSequence?: number;
  mirrorStatus: Record<string, MirrorStatus>;
}

/** A plain RSS, Atom or JSON feed; `id` is its address. Its articles are unsigned. */
export interface FeedSource {
  kind: 'feed';
  id: string;
  name: string;
  addedAt: number;
  lastSync?: number;
  mirrorStatus: Record<string, MirrorStatus>;
}

export type Source = EditionSource | FeedSource;

/**
 * With the library lock on (version 4), a record keeps in clear only what IndexedDB needs to find
 * and order it; the rest is sealed (src/shared/crypto/envelope.ts). Ids that name content (an
 * article's, an image's hash, a feed's address, a publisher's key) are replaced by opaque names
 * (`opaqueName`), so that someone with a publisher's list of article ids cannot tell which of
 * them are here. See docs/threat-model.md for what stays in clear and why.
 */
export interface SealedRecord {
  sealed: Sealed;
  /**
   * `SEAL_FORM` (2): padded to a size bucket, nothing in clear but the names the stores need. Absent
   * on records sealed before it (revision and publication day in clear, exact sizes), which the
   * next unlock seals again.
   */
  form?: number;
}

/** The form records are sealed in now (see `SealedRecord.form`). */
export const SEAL_FORM = 2;

export interface SealedArticle extends SealedRecord {
  /** The opaque name of the article's id. */
  id: string;
  /** In clear in records of the first form only. */
  revision?: number;
}

export interface SealedSummary extends SealedRecord {
  id: string;
  /**
   * Empty: the publication date is sealed (the first form kept the day here, for the index), so
   * a sealed library is put in order once its entries are opened.
   */
  publishedAt: string;
  /**
   * Opaque names of the image hashes, for the by-image index, with random names added up to a power
   * of two (at least four), so that how many images an article shows is not in clear either.
   */
  imageHashes: string[];
}

export interface SealedImage extends SealedRecord {
  hash: string;
}

export interface SealedReadingState extends SealedRecord {
  articleId: string;
}

export interface SealedSource extends SealedRecord {
  id: string;
}

export interface SealedTrustedKey extends SealedRecord {
  key: string;
}

/**
 * An article the reader deleted (version 5): remembered so that no sync fetches it again, and
 * listed under "Recently deleted", where the reader may let it come back. Only what names it is
 * kept; its text and images are gone with it.
 */
export interface DeletedArticle {
  articleId: string;
  title: string;
  publisherName: string;
  deletedAt: number;
}

export interface SealedDeletedArticle extends SealedRecord {
  articleId: string;
}

/**
 * The library lock (version 4), under the key `lock` of the `vault` store; absent when the lock is
 * off. Never a key: the salt and parameters for Argon2id, and the secret wrapped under the key
 * they give.
 */
export interface VaultRecord {
  salt: Uint8Array;
  kdf: KdfParams;
  wrapped: Sealed;
  /**
   * `sealing`: being turned on, records being sealed and the library moved to a fresh home (after
   * a change of passphrase too: only the move then), resumed at the next unlock if interrupted;
   * `on`: every record sealed; `opening`: being turned off, records being opened.
   */
  /** The form records are sealed in (`SEAL_FORM`); absent on a vault from before forms, whose records the next unlock seals again. */
  form?: number;
  state: 'sealing' | 'on' | 'opening';
  /** Locks after this many minutes without input. */
  idleMinutes: number;
  changedAt: number;
}

export interface PamphletDB extends DBSchema {
  articles: { key: string; value: Article | SealedArticle };
  summaries: { key: string; value: ArticleSummary | SealedSummary; indexes: { 'by-published': string; 'by-image': string } };
  images: { key: string; value: StoredImage | SealedImage };
  reading: { key: string; value: ReadingState | SealedReadingState };
  settings: { key: string; value: unknown };
  /** Publisher keys the reader chose to trust (the built-in ones live in the code). */
  keys: { key: string; value: TrustedKey | SealedTrustedKey };
  /** Editions and feeds the reader subscribed to (version 2). */
  sources: { key: string; value: Source | SealedSource };
  /** The search index (version 3). */
  search: { key: string; value: SearchIndexRecord | SealedRecord };
  /** The library lock (version 4). */
  vault: { key: string; value: VaultRecord };
  /** Articles the reader deleted (version 5). */
  deleted: { key: string; value: DeletedArticle | SealedDeletedArticle };
}

export type PamphletDatabase = IDBPDatabase<PamphletDB>;

type UpgradeTransaction = IDBPTransaction<PamphletDB, StoreNames<PamphletDB>[], 'versionchange'>;

/**
 * One step per schema version: step N takes a database at version N − 1 to version N. Steps run
 * in turn from the version a reader has to the current one. A shipped step is never edited: a
 * new version adds a step.
 */
const STEPS: ReadonlyArray<(db: PamphletDatabase, transaction: UpgradeTransaction) => void> = [
  // 1: the first release.
  (db) => {
    db.createObjectStore('articles', { keyPath: 'id' });
    const summaries = db.createObjectStore('summaries', { keyPath: 'id' });
    summaries.createIndex('by-published', 'publishedAt');
    db.createObjectStore('images', { keyPath: 'hash' });
    db.createObjectStore('reading', { keyPath: 'articleId' });
    db.createObjectStore('settings');
    db.createObjectStore('keys', { keyPath: 'key' });
  },
  // 2: sources the reader follows.
  (db) => {
    db.createObjectStore('sources', { keyPath: 'id' });
  },
  // 3: the search index, and which images each article shows (so that deleting articles can
  // delete the images no article shows any more).
  (db, transaction) => {
    db.createObjectStore('search');
    const summaries = transaction.objectStore('summaries');
    summaries.createIndex('by-image', 'imageHashes', { multiEntry: true });
    // Requests on the upgrade transaction keep it open until they finish; nothing else is awaited.
    void (async () => {
      for await (const cursor of transaction.objectStore('articles').iterate()) {
        // Nothing was sealed before version 4; the check is for the compiler.
        if ('sealed' in cursor.value) continue;
        const summary = await summaries.get(cursor.value.id);
        if (summary && !('sealed' in summary)) await summaries.put({ ...summary, imageHashes: imageHashesOf(cursor.value.content) });
      }
    })();
  },
  // 4: the library lock. Records may be sealed from now on, which is why older versions of the
  // app must not open this database any more.
  (db) => {
    db.createObjectStore('vault');
  },
  // 5: the articles the reader deleted, so that a sync does not bring them back.
  (db) => {
    db.createObjectStore('deleted', { keyPath: 'articleId' });
  },
];

export function upgradeDatabase(
  db: PamphletDatabase,
  oldVersion: number,
  newVersion: number | null,
  transaction: UpgradeTransaction,
): void {
  for (let version = oldVersion + 1; version <= (newVersion ?? DB_VERSION); version++) STEPS[version - 1]!(db, transaction);
}

export function summaryOf(article: Article, addedAt: number): ArticleSummary {
  const corrected = correctionOf(article)?.date;
  return {
    id: article.id,
    revision: article.revision,
    title: article.title,
    publisherName: article.publisher.name,
    ...(article.published ? { published: article.published } : {}),
    publishedAt: new Date(article.published ?? addedAt).toISOString(),
    ...(corrected ? { modified: corrected } : {}),
    lang: article.lang,
    dir: article.dir,
    summary: summaryTextOf(article),
    addedAt,
    ...(article.signature ? { signerKey: article.signature.key } : {}),
    imageHashes: imageHashesOf(article.content),
    urls: webAddressesOf(article),
  };
}

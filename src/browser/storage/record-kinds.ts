import type { StoreKey, StoreValue } from 'idb';
import type { Article } from '../../shared/article.ts';
import type {
  ArticleSummary,
  DeletedArticle,
  PamphletDB,
  ReadingState,
  SearchIndexRecord,
  Source,
  StoredImage,
} from '../../shared/db-schema.ts';
import type { TrustedKey } from '../../shared/verdict.ts';
import { storedNames, type NameKind, type RecordCodec } from './vault.ts';

/**
 * Every kind of record the library lock seals, one per store: how it is named, what stays in clear
 * beside its seal, how its body becomes bytes. sealed-records.ts seals and opens by this table, and
 * reseal.ts seals or opens the whole library by it. What the lock leaves in clear, and why, is in
 * src/shared/db-schema.ts (SealedRecord) and docs/threat-model.md.
 */

/** The secret that turns article ids into the reader's addresses (src/library/article-address.ts). */
export const ADDRESS_SECRET = 'addressSecret';
/** The library's first screen as last shown (src/library/first-screen.ts). */
export const FIRST_SCREEN = 'firstScreen';
/** The publishers' descriptors the reader has seen (storage/publishers.ts). */
export const PUBLISHERS_SETTING = 'publishers';

/**
 * Settings sealed with the lock on: the feed proxy's address, the IPFS gateways and the publishers seen say what the
 * reader reads. The reading look (font, line width, line spacing) is sealed too, as issue 22 asks:
 * a face chosen for dyslexia says something about the reader, and nothing before an unlock shows
 * an article, so the lock screen needs none of it. So are the voices chosen for reading aloud (one
 * per language listened to), and the speed kept with them, a reader's habit that is nobody else's
 * business. The rest (theme and text size, which the lock screen itself is drawn with, and when
 * the last backup was made) are needed, or harmless, before an unlock.
 */
export const SEALED_SETTINGS: ReadonlySet<string> = new Set<string>([
  'feedProxy',
  'ipfsGateways',
  PUBLISHERS_SETTING,
  ADDRESS_SECRET,
  FIRST_SCREEN,
  'readingFont',
  'lineWidth',
  'lineSpacing',
  'readAloudRate',
  'readAloudVoices',
]);

/** What each store holds with the lock off, or once opened. */
export interface PlainRecords {
  articles: Article;
  summaries: ArticleSummary;
  images: StoredImage;
  reading: ReadingState;
  keys: TrustedKey;
  sources: Source;
  deleted: DeletedArticle;
  search: SearchIndexRecord;
  settings: unknown;
}

export type SealedStore = keyof PlainRecords;
/** A record as the store keeps it: plain, or sealed. */
export type StoredRecord<S extends SealedStore> = StoreValue<PamphletDB, S>;
export type RecordKey<S extends SealedStore> = StoreKey<PamphletDB, S>;

/** The fields of `T` that hold a string: the ones that can be a record's id. */
type IdField<T> = { [F in keyof T]-?: T[F] extends string ? F : never }[keyof T];

/** A record's body as the bytes that are sealed (padded with zeros), and back. */
export interface BodyCodec<T> {
  encode(plain: T): Promise<Uint8Array>;
  decode(bytes: Uint8Array): T;
}

export interface RecordKind<T> {
  /**
   * The in-line key: which field holds the id, and the kind of opaque name it is replaced by while
   * records are sealed. Absent for stores with out-of-line keys, whose records are sealed under
   * their key as it is.
   */
  id?: { field: IdField<T>; names: NameKind };
  /** What stays in clear beside the seal, for the store's indexes. */
  clear?: (codec: RecordCodec, plain: T) => Promise<object>;
  /** Absent: JSON padded with spaces (envelope.ts `sealJson`). */
  body?: BodyCodec<T>;
  /** For out-of-line keys: the keys whose records the lock seals (all when absent). */
  only?: ReadonlySet<string>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * An image: a 4-byte length, then a JSON header with its hash, type and byte length, then its
 * bytes, then zeros up to the padded size (an image's exact size is in the publisher's bundle).
 */
const imageBody: BodyCodec<StoredImage> = {
  async encode(image) {
    const bytes = new Uint8Array(await image.blob.arrayBuffer());
    const header = encoder.encode(JSON.stringify({ hash: image.hash, type: image.type, length: bytes.length }));
    const plain = new Uint8Array(4 + header.length + bytes.length);
    new DataView(plain.buffer).setUint32(0, header.length);
    plain.set(header, 4);
    plain.set(bytes, 4 + header.length);
    return plain;
  },
  decode(plain) {
    const headerLength = new DataView(plain.buffer, plain.byteOffset).getUint32(0);
    const header = JSON.parse(decoder.decode(plain.subarray(4, 4 + headerLength))) as { hash: string; type: string; length?: number };
    // Images sealed before padding have no length: their bytes run to the end.
    const end = header.length === undefined ? plain.length : 4 + headerLength + header.length;
    return {
      hash: header.hash,
      type: header.type,
      blob: new Blob([plain.subarray(4 + headerLength, end) as Uint8Array<ArrayBuffer>], { type: header.type }),
    };
  },
};

/**
 * Image names padded with random ones (names no image has) up to a power of two, four at least:
 * the by-image index still finds every article that shows an image, and the count says little.
 */
function withDecoys(names: string[]): string[] {
  const size = Math.max(4, 2 ** Math.ceil(Math.log2(Math.max(1, names.length))));
  const decoys = Array.from({ length: size - names.length }, () =>
    Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join(''),
  );
  return [...names, ...decoys];
}

/** In the order the lock seals and opens a library (reseal.ts). */
export const RECORD_KINDS: { [S in SealedStore]: RecordKind<PlainRecords[S]> } = {
  articles: { id: { field: 'id', names: 'article' } },
  summaries: {
    id: { field: 'id', names: 'article' },
    // The publication date is sealed (a sealed library is put in order once opened); the images'
    // names stay for the by-image index, which finds the images no article shows any more.
    clear: async (codec, summary) => ({
      publishedAt: '',
      imageHashes: withDecoys(await storedNames(codec, 'image', summary.imageHashes)),
    }),
  },
  images: { id: { field: 'hash', names: 'image' }, body: imageBody },
  reading: { id: { field: 'articleId', names: 'article' } },
  keys: { id: { field: 'key', names: 'key' } },
  sources: { id: { field: 'id', names: 'source' } },
  deleted: { id: { field: 'articleId', names: 'article' } },
  search: {},
  settings: { only: SEALED_SETTINGS },
};

export function isSealedStore(store: string): store is SealedStore {
  return Object.hasOwn(RECORD_KINDS, store);
}

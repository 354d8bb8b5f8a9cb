import type { Article } from '../../shared/article.ts';
import type { VaultKeys } from '../../shared/crypto/vault-keys.ts';
import {
  SEAL_FORM,
  type ArticleSummary,
  type DeletedArticle,
  type SealedDeletedArticle,
  type ReadingState,
  type SealedArticle,
  type SealedImage,
  type SealedReadingState,
  type SealedRecord,
  type SealedSource,
  type SealedSummary,
  type SealedTrustedKey,
  type Source,
  type StoredImage,
} from '../../shared/db-schema.ts';
import type { TrustedKey } from '../../shared/verdict.ts';
import { LibraryLockedError, storedName, storedNames, type RecordCodec } from './vault.ts';

/**
 * Each store's records as they are kept: as they are with the lock off, sealed with it on. Sealing
 * and opening are async (WebCrypto), so they happen before a transaction begins or after it ends,
 * never inside one.
 */
export function isSealedRecord(value: unknown): value is SealedRecord {
  return typeof value === 'object' && value !== null && 'sealed' in value;
}

/** The cipher, loaded where records are sealed: a library without the lock never needs it. */
let cipher: Promise<typeof import('../../shared/crypto/envelope.ts')> | undefined;
function envelope(): Promise<typeof import('../../shared/crypto/envelope.ts')> {
  cipher ??= import('../../shared/crypto/envelope.ts').catch((error: unknown) => {
    cipher = undefined;
    throw error;
  });
  return cipher;
}

function keysFor(codec: RecordCodec): VaultKeys {
  if (!codec.keys) throw new LibraryLockedError();
  return codec.keys;
}

/** Where a record is stored, bound into its seal: a record copied under another key does not open. */
function place(store: string, name: string): string {
  return `${store}\n${name}`;
}

export async function storeArticle(codec: RecordCodec, article: Article): Promise<Article | SealedArticle> {
  if (!codec.seal) return article;
  const id = await storedName(codec, 'article', article.id);
  return { id, form: SEAL_FORM, sealed: await (await envelope()).sealJson(keysFor(codec).data, article, place('articles', id)) };
}

export async function readArticle(codec: RecordCodec, stored: Article | SealedArticle): Promise<Article> {
  return isSealedRecord(stored)
    ? (await envelope()).unsealJson<Article>(keysFor(codec).data, stored.sealed, place('articles', stored.id))
    : stored;
}

export async function storeSummary(codec: RecordCodec, summary: ArticleSummary): Promise<ArticleSummary | SealedSummary> {
  if (!codec.seal) return summary;
  const id = await storedName(codec, 'article', summary.id);
  return {
    id,
    form: SEAL_FORM,
    publishedAt: '',
    imageHashes: withDecoys(await storedNames(codec, 'image', summary.imageHashes)),
    sealed: await (await envelope()).sealJson(keysFor(codec).data, summary, place('summaries', id)),
  };
}

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

export async function readSummary(codec: RecordCodec, stored: ArticleSummary | SealedSummary): Promise<ArticleSummary> {
  return isSealedRecord(stored)
    ? (await envelope()).unsealJson<ArticleSummary>(keysFor(codec).data, stored.sealed, place('summaries', stored.id))
    : stored;
}

/**
 * An image sealed: a 4-byte length, then a JSON header with its hash, type and byte length, then
 * its bytes, then zeros up to the padded size (an image's exact size is in the publisher's bundle).
 */
export async function storeImage(codec: RecordCodec, image: StoredImage): Promise<StoredImage | SealedImage> {
  if (!codec.seal) return image;
  const cipher = await envelope();
  const hash = await storedName(codec, 'image', image.hash);
  const bytes = new Uint8Array(await image.blob.arrayBuffer());
  const header = new TextEncoder().encode(JSON.stringify({ hash: image.hash, type: image.type, length: bytes.length }));
  const plain = new Uint8Array(4 + header.length + bytes.length);
  new DataView(plain.buffer).setUint32(0, header.length);
  plain.set(header, 4);
  plain.set(bytes, 4 + header.length);
  return { hash, form: SEAL_FORM, sealed: await cipher.sealBytes(keysFor(codec).data, cipher.padded(plain, 0), place('images', hash)) };
}

export async function readImage(codec: RecordCodec, stored: StoredImage | SealedImage): Promise<StoredImage> {
  if (!isSealedRecord(stored)) return stored;
  const plain = await (await envelope()).unsealBytes(keysFor(codec).data, stored.sealed, place('images', stored.hash));
  const headerLength = new DataView(plain.buffer, plain.byteOffset).getUint32(0);
  const header = JSON.parse(new TextDecoder().decode(plain.subarray(4, 4 + headerLength))) as {
    hash: string;
    type: string;
    length?: number;
  };
  // Images sealed before padding have no length: their bytes run to the end.
  const end = header.length === undefined ? plain.length : 4 + headerLength + header.length;
  return {
    hash: header.hash,
    type: header.type,
    blob: new Blob([plain.subarray(4 + headerLength, end) as Uint8Array<ArrayBuffer>], { type: header.type }),
  };
}

export async function storeReading(codec: RecordCodec, state: ReadingState): Promise<ReadingState | SealedReadingState> {
  if (!codec.seal) return state;
  const articleId = await storedName(codec, 'article', state.articleId);
  return { articleId, form: SEAL_FORM, sealed: await (await envelope()).sealJson(keysFor(codec).data, state, place('reading', articleId)) };
}

export async function readReading(codec: RecordCodec, stored: ReadingState | SealedReadingState): Promise<ReadingState> {
  return isSealedRecord(stored)
    ? (await envelope()).unsealJson<ReadingState>(keysFor(codec).data, stored.sealed, place('reading', stored.articleId))
    : stored;
}

export async function storeSource(codec: RecordCodec, source: Source): Promise<Source | SealedSource> {
  if (!codec.seal) return source;
  const id = await storedName(codec, 'source', source.id);
  return { id, form: SEAL_FORM, sealed: await (await envelope()).sealJson(keysFor(codec).data, source, place('sources', id)) };
}

export async function readSource(codec: RecordCodec, stored: Source | SealedSource): Promise<Source> {
  return isSealedRecord(stored)
    ? (await envelope()).unsealJson<Source>(keysFor(codec).data, stored.sealed, place('sources', stored.id))
    : stored;
}

export async function storeTrustedKey(codec: RecordCodec, entry: TrustedKey): Promise<TrustedKey | SealedTrustedKey> {
  if (!codec.seal) return entry;
  const key = await storedName(codec, 'key', entry.key);
  return { key, form: SEAL_FORM, sealed: await (await envelope()).sealJson(keysFor(codec).data, entry, place('keys', key)) };
}

export async function readTrustedKey(codec: RecordCodec, stored: TrustedKey | SealedTrustedKey): Promise<TrustedKey> {
  return isSealedRecord(stored)
    ? (await envelope()).unsealJson<TrustedKey>(keysFor(codec).data, stored.sealed, place('keys', stored.key))
    : stored;
}

export async function storeDeleted(codec: RecordCodec, entry: DeletedArticle): Promise<DeletedArticle | SealedDeletedArticle> {
  if (!codec.seal) return entry;
  const articleId = await storedName(codec, 'article', entry.articleId);
  return { articleId, form: SEAL_FORM, sealed: await (await envelope()).sealJson(keysFor(codec).data, entry, place('deleted', articleId)) };
}

export async function readDeleted(codec: RecordCodec, stored: DeletedArticle | SealedDeletedArticle): Promise<DeletedArticle> {
  return isSealedRecord(stored)
    ? (await envelope()).unsealJson<DeletedArticle>(keysFor(codec).data, stored.sealed, place('deleted', stored.articleId))
    : stored;
}

/** A record of a store with out-of-line keys (the search index, a setting). */
export async function storeValue<T>(codec: RecordCodec, store: 'search' | 'settings', key: string, value: T): Promise<T | SealedRecord> {
  if (!codec.seal) return value;
  return { form: SEAL_FORM, sealed: await (await envelope()).sealJson(keysFor(codec).data, value, place(store, key)) };
}

export async function readValue<T>(codec: RecordCodec, store: 'search' | 'settings', key: string, stored: T | SealedRecord): Promise<T> {
  return isSealedRecord(stored) ? (await envelope()).unsealJson<T>(keysFor(codec).data, stored.sealed, place(store, key)) : (stored as T);
}

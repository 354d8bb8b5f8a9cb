import type { ArticleSignature } from '../article.ts';

/**
 * A publisher's edition: a static folder any mirror can carry (docs/publishing.md). The signed
 * index says what is in it; readers trust the index, and each article, only through the signature.
 *
 *   pamphlet-index.json    the signed index (EditionIndex)
 *   pamphlet-index.json.gz the same bytes gzipped, for hosts that do not compress
 *   pamphlet-source.json   the source descriptor a reader opens to subscribe (SourceDescriptor)
 *   edition.html           a bundle of the newest articles
 *   articles/<id>.html     one bundle per article
 *   packs/<hash>.pack      every article in one file, newest first, for a catch-up in one request
 *   app/                   the reader app, when the publisher hosts it on every mirror
 */
export const EDITION_FORMAT = 'pamphlet-edition';
export const SOURCE_FORMAT = 'pamphlet-source';
export const EDITION_VERSION = 1;

export const INDEX_FILE = 'pamphlet-index.json';
/**
 * The index gzipped: every reader fetches the index at every sync, and a host that does not
 * compress (object storage, a plain server, a phone sharing a folder) sends it at four times the
 * bytes. Readers ask for it first; the signature inside is the same, so it needs no trust of its own.
 */
export const INDEX_COPY_FILE = `${INDEX_FILE}.gz`;
export const SOURCE_FILE = 'pamphlet-source.json';
export const EDITION_BUNDLE_FILE = 'edition.html';
export const ARTICLES_FOLDER = 'articles';
export const PACKS_FOLDER = 'packs';
/**
 * How a pack's blocks are compressed: Brotli (RFC 7932), some 15% smaller than the best deflate on
 * news text, which on the links readers have is 15% less waiting. Browsers have no Brotli stream of
 * their own, so the reader decodes it in script (src/shared/sync/pack-block.ts).
 */
export const PACK_ENCODING = 'br';
/** Where `pamphlet edition --with-app` puts the reader app, so that every mirror serves it too. */
export const READER_FOLDER = 'app';

/** One article of an edition, as its index lists it. */
export interface EditionEntry {
  id: string;
  revision: number;
  title: string;
  /**
   * The article's `published`; for an article without a date, when the edition first listed it.
   * Readers made before articles could be without a date refuse an index with an entry without
   * one, so `pamphlet edition` always writes it; readers now take an entry without it too.
   */
  published?: string;
  /** Relative to the folder: `articles/<id>.html`. */
  path: string;
  /** Lower-case hex SHA-256 of the bundle file's bytes, checked by readers after download. */
  hash: string;
  size: number;
}

export interface EditionIndex {
  format: typeof EDITION_FORMAT;
  version: typeof EDITION_VERSION;
  publisher: { name: string; key: string };
  /** Base URLs of the folder's copies; readers take the list from the newest valid index. */
  mirrors: string[];
  /** Grows with every index the publisher signs; a reader refuses one lower than it has seen. */
  sequence: number;
  created: string;
  /** After this a reader refuses the index, so an old one cannot be replayed forever. */
  expires: string;
  articles: EditionEntry[];
  edition: { path: string; hash: string; size: number; articles: number };
  /** Every listed article in one file, so that a reader far behind catches up in one request (EditionPack). */
  pack?: EditionPack;
  signature: ArticleSignature;
}

/**
 * The pack: the index's articles in the index's order (newest first), in blocks, each block the
 * JSON payload (docs/bundle-format.md, section 2) of the next `count` articles with their images,
 * compressed on its own with `encoding`. A reader that lacks the newest N reads the pack from its start
 * only as far as the block that holds the Nth (one request, which it can cut short on any server),
 * and a cut transfer resumes at the first block not yet whole (an HTTP range request). The blocks
 * grow from one article, so a small catch-up reads little more than it needs.
 */
export interface EditionPack {
  /** `packs/<hash>.pack`: named by its contents, so a cache never pairs an old pack with a new index. */
  path: string;
  /** Lower-case hex SHA-256 of the whole file. */
  hash: string;
  size: number;
  /** How each block is compressed; a reader that does not know it reads the article files. */
  encoding: typeof PACK_ENCODING;
  /** One [articles, bytes] pair per block, in order: the blocks' articles are the index's, in turn. */
  blocks: [number, number][];
}

/**
 * What a reader opens to subscribe: who publishes, with which key, and where to look. The same
 * signed object travels inside bundles (a payload's `publishers`), so that an article passed hand
 * to hand still leads back to its publisher after the mirrors a reader knew were blocked.
 */
export interface SourceDescriptor {
  format: typeof SOURCE_FORMAT;
  version: typeof EDITION_VERSION;
  name: string;
  key: string;
  mirrors: string[];
  /**
   * Grows with every descriptor the publisher signs (`pamphlet edition` uses the index's number):
   * of two descriptors of one key, the higher wins. Absent in descriptors made before it existed,
   * which count as 0 and never supersede one that has it.
   */
  sequence?: number;
  /**
   * Where the reader app is hosted (an http(s) address), for people who do not have it yet: the
   * first of `apps` when both are given, so that a reader that knows only `app` finds one of them.
   */
  app?: string;
  /**
   * Every address where the reader app is hosted, in the publisher's order (each mirror that
   * carries it in its `app/` folder, say). A reader takes `app` and these together (readerApps).
   */
  apps?: string[];
  signature: ArticleSignature;
}

/** Limits on a descriptor's fields: far above any real one, far below what would hurt a phone. */
export const MAX_PUBLISHER_NAME = 300;
export const MAX_MIRRORS = 32;
export const MAX_ADDRESS_LENGTH = 2048;
/** Addresses of the reader app a descriptor may list: one per mirror of a publisher's usual few. */
export const MAX_APPS = 16;
/** More than a bundle of articles from many publishers needs; the rest are ignored. */
export const MAX_BUNDLE_PUBLISHERS = 32;
/**
 * The most a reader takes of a mirror's answer for the index: an index of 10,000 articles with
 * titles of 100 Cyrillic characters, as `pamphlet edition` writes it, is 5.2 MB, and parsing 16 MB
 * of JSON is well within a cheap phone's means. A mirror that sends more is cut off there.
 */
export const MAX_INDEX_BYTES = 16 * 1024 * 1024;
/** The same for a source descriptor: one at the limits above is under 70 KB. */
export const MAX_SOURCE_BYTES = 1024 * 1024;
/**
 * The largest article file an index may list, as large as a bundle a reader may import: a mirror
 * is read up to the size the signed index states, so an index claiming more is refused, lest a
 * followed publisher's index (or a stolen key's) make a phone hold gigabytes.
 */
export const MAX_ARTICLE_FILE_BYTES = 32 * 1024 * 1024;

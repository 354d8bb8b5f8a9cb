import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { imageHashesOf, type Article } from '../../shared/article.ts';
import type { DecodedImage } from '../../shared/bundle/bundle-format.ts';
import { decodeBundle } from '../../shared/bundle/decode-bundle.ts';
import { encodeBundle } from '../../shared/bundle/encode-bundle.ts';
import {
  ARTICLES_FOLDER,
  EDITION_BUNDLE_FILE,
  EDITION_FORMAT,
  EDITION_VERSION,
  INDEX_COPY_FILE,
  INDEX_FILE,
  SOURCE_FILE,
  type EditionEntry,
  type SourceDescriptor,
  type EditionIndex,
} from '../../shared/edition/edition-format.ts';
import { EditionError, parseEditionIndex } from '../../shared/edition/parse-edition.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { signJson, type SigningKey } from '../../shared/signing.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { clockSequence, signDescriptor } from './sign-descriptor.ts';
import { CliError } from '../cli-error.ts';
import type { ReaderBuild } from './check-reader-build.ts';
import { editionApps } from './edition-apps.ts';
import { installReader } from './install-reader.ts';
import { reviseArticle } from './revise-article.ts';
import { writePack, type PackedArticle } from './write-pack.ts';

export interface EditionOptions {
  dir: string;
  key: SigningKey;
  name?: string;
  /** Replaces the previous list when given; otherwise the previous list is kept. */
  mirrors: string[];
  /** Where the reader app is hosted (--app); when none is given, the previous descriptor's are kept. */
  apps?: string[];
  /** A checked build of the reader app to put into the folder's `app/` (--with-app). */
  reader?: ReaderBuild;
  /** How many of the newest articles the edition bundle holds. */
  newest: number;
  expiresInDays: number;
  now?: Date;
  /** By article id, when its page or feed item says it last changed, to date a correction. */
  modified?: ReadonlyMap<string, string>;
  /** Whether to write the pack (default yes); without one, readers fetch article by article, as from editions made before packs. */
  pack?: boolean;
  warn: (message: string) => void;
}

export interface EditionResult {
  index: EditionIndex;
  descriptor: SourceDescriptor;
  added: number;
  /** Corrected: articles already there whose text changed, issued at their next revision. */
  replaced: number;
  /** Articles already there that say the same, kept as they were. */
  kept: number;
}

async function previousIndex(dir: string, key: string): Promise<EditionIndex | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, INDEX_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    return await parseEditionIndex(JSON.parse(text), key);
  } catch (error) {
    const reason = error instanceof EditionError ? error.message : `its ${INDEX_FILE} is not valid JSON`;
    throw new CliError(`${dir} already holds an edition this key cannot continue: ${reason} Use a new folder, or the key that made it.`);
  }
}

async function fileMatches(dir: string, entry: { path: string; hash: string }): Promise<boolean> {
  try {
    return (await sha256Hex(new Uint8Array(await readFile(join(dir, entry.path))))) === entry.hash;
  } catch {
    return false;
  }
}

/** The signed article an index entry names, as its file holds it (the file was checked against the index). */
async function storedArticle(dir: string, entry: EditionEntry): Promise<Article | undefined> {
  try {
    const stored = await decodeBundle(await readFile(join(dir, entry.path)));
    return stored.articles.find((article) => article.id === entry.id && article.revision === entry.revision);
  } catch {
    return undefined;
  }
}

/** An entry's place in time, newest first: entries of older indexes all have a date, but readers may meet one without. */
function listedTime(entry: EditionEntry): number {
  return Date.parse(entry.published ?? '') || 0;
}

/** Writes `text` as `path` in the folder and returns the index's description of it. */
async function writeBundleFile(dir: string, path: string, text: string): Promise<{ hash: string; size: number }> {
  const bytes = new TextEncoder().encode(text);
  await writeFileAtomic(join(dir, path), bytes);
  return { hash: await sha256Hex(bytes), size: bytes.length };
}

function usedImages(articles: Article[], images: ReadonlyMap<string, DecodedImage>): DecodedImage[] {
  const hashes = new Set(articles.flatMap((article) => imageHashesOf(article.content)));
  return [...hashes].flatMap((hash) => (images.has(hash) ? [images.get(hash)!] : []));
}

/**
 * Adds signed articles to a mirror-ready folder, keeping what it already holds: the reader app
 * when given, one bundle per article, the edition bundle of the newest, the source descriptor,
 * and last the signed index, so that a reader never sees an index that names a file not yet written.
 */
export async function buildEdition(articles: Article[], images: DecodedImage[], options: EditionOptions): Promise<EditionResult> {
  const { dir, key } = options;
  const now = options.now ?? new Date();
  const previous = await previousIndex(dir, key.publicKey);
  const name = options.name ?? previous?.publisher.name;
  if (!name) throw new CliError('A new edition needs --name NAME: the publisher name readers will see.');
  const mirrors = options.mirrors.length > 0 ? options.mirrors : (previous?.mirrors ?? []);
  if (options.reader) await installReader(options.reader, dir);
  const apps = await editionApps({
    dir,
    key: key.publicKey,
    given: options.apps ?? [],
    mirrors,
    previousMirrors: previous?.mirrors ?? [],
    warn: options.warn,
  });
  // Grows by one per run, and never falls behind the clock: a folder rebuilt from scratch in CI
  // still gets a higher number than any index readers have seen. The descriptor every bundle of
  // this run carries takes the same number, so readers can tell which of two is newer.
  const sequence = Math.max((previous?.sequence ?? 0) + 1, clockSequence(now));
  const descriptor = await signDescriptor(key, { name, mirrors, sequence, apps });
  const publishers = [descriptor];

  const entries = new Map<string, EditionEntry>();
  // Every article the edition listed, even one whose file went missing: a text made again is
  // issued after the revision readers may hold, or they would keep theirs.
  const listedBefore = new Map((previous?.articles ?? []).map((entry) => [entry.id, entry]));
  for (const entry of previous?.articles ?? []) {
    if (await fileMatches(dir, entry)) entries.set(entry.id, entry);
    else options.warn(`${entry.path} is missing or changed; it is dropped from the index.`);
  }
  const imagesByHash = new Map(images.map((image) => [image.hash, image]));
  const fresh = new Map<string, Article>();
  let added = 0;
  let replaced = 0;
  let kept = 0;
  for (const made of articles) {
    const before = listedBefore.get(made.id);
    let article = made;
    if (before) {
      const existing = entries.get(made.id);
      const copy = { revision: before.revision, ...(existing ? { article: await storedArticle(dir, existing) } : {}) };
      const said = options.modified?.get(made.id);
      const correction = await reviseArticle(made, copy, {
        key,
        now,
        ...(previous ? { lastRun: previous.created } : {}),
        ...(said ? { said } : {}),
      });
      if (!correction) {
        kept++;
        continue;
      }
      article = correction;
    }
    const path = `${ARTICLES_FOLDER}/${article.id}.html`;
    const file = await writeBundleFile(dir, path, encodeBundle([article], usedImages([article], imagesByHash), { publishers }));
    entries.set(article.id, {
      id: article.id,
      revision: article.revision,
      title: article.title,
      // Readers made before articles could be without a date refuse an entry without one: an
      // article without a date is listed at when the edition first listed it.
      published: article.published ?? before?.published ?? now.toISOString(),
      path,
      ...file,
    });
    fresh.set(article.id, article);
    if (before) replaced++;
    else added++;
  }

  const listed = [...entries.values()].sort((a, b) => listedTime(b) - listedTime(a) || a.id.localeCompare(b.id));
  /** Each listed article with its images: this run's from memory, the others from their files. */
  const packed = async (entry: EditionEntry): Promise<PackedArticle> => {
    const article = fresh.get(entry.id);
    if (article) return { article, images: usedImages([article], imagesByHash) };
    const stored = await decodeBundle(await readFile(join(dir, entry.path)));
    return { article: stored.articles.find((candidate) => candidate.id === entry.id) ?? stored.articles[0]!, images: stored.images };
  };
  // The pack needs every article; the edition bundle only the newest.
  const everything: PackedArticle[] = [];
  for (const entry of options.pack === false ? listed.slice(0, options.newest) : listed) everything.push(await packed(entry));
  const newest = everything.slice(0, options.newest);
  const newestArticles = newest.map(({ article }) => article);
  const edition = await writeBundleFile(
    dir,
    EDITION_BUNDLE_FILE,
    encodeBundle(
      newestArticles,
      usedImages(newestArticles, new Map(newest.flatMap(({ images }) => images).map((image) => [image.hash, image]))),
      {
        publishers,
      },
    ),
  );
  const pack = options.pack === false ? undefined : await writePack(dir, everything, publishers, previous?.pack?.path);

  await writeFileAtomic(join(dir, SOURCE_FILE), `${JSON.stringify(descriptor, null, 2)}\n`);

  const index = await signJson(
    {
      format: EDITION_FORMAT,
      version: EDITION_VERSION,
      publisher: { name, key: key.publicKey },
      mirrors,
      sequence,
      created: now.toISOString(),
      expires: new Date(now.getTime() + options.expiresInDays * 86_400_000).toISOString(),
      articles: listed,
      edition: { path: EDITION_BUNDLE_FILE, ...edition, articles: newest.length },
      ...(pack ? { pack } : {}),
    },
    key,
  );
  // On one line: every reader fetches the index at every sync, and on a host that does not
  // compress, indentation is a sixth of its bytes. The gzipped copy first, so that a mirror never
  // has an index older than its copy.
  const indexText = `${JSON.stringify(index)}\n`;
  await writeFileAtomic(join(dir, INDEX_COPY_FILE), gzipSync(indexText, { level: constants.Z_BEST_COMPRESSION }));
  await writeFileAtomic(join(dir, INDEX_FILE), indexText);
  return { index: index as EditionIndex, descriptor, added, replaced, kept };
}

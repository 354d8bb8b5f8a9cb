import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { imageHashesOf, type Article } from '../../shared/article.ts';
import type { DecodedImage } from '../../shared/bundle/bundle-format.ts';
import { compactPayloadBytes } from '../../shared/bundle/compact-payload.ts';
import { PACK_ENCODING, PACKS_FOLDER, type EditionPack, type SourceDescriptor } from '../../shared/edition/edition-format.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { writeFileAtomic } from '../atomic-write.ts';

/**
 * Articles per block, newest first: the first blocks are small, so a reader a few articles behind
 * reads little more than those; from there blocks of 64, within which Brotli's window finds what
 * articles of one publisher repeat (7% smaller than blocks of 32 on the bench's articles), and a
 * transfer cut midway loses at most one block, some 60 KB of text.
 */
const FIRST_BLOCKS = [1, 1, 2, 4, 8, 16, 32];
const BLOCK_ARTICLES = 64;
/**
 * A block's JSON (images in base64) stays under this before compression, a quarter of the 8 MiB a
 * reader inflates at most: an article with many photos gets a block of its own, well within it.
 */
const BLOCK_INFLATED_BYTES = 2 * 1024 * 1024;

export interface PackedArticle {
  article: Article;
  images: readonly DecodedImage[];
}

function inflatedSize({ article, images }: PackedArticle): number {
  return JSON.stringify(article).length + images.reduce((sum, image) => sum + Math.ceil(image.bytes.length / 3) * 4 + 100, 0);
}

/** The articles cut into blocks: FIRST_BLOCKS, then BLOCK_ARTICLES each, and none past BLOCK_INFLATED_BYTES. */
export function packBlocks(articles: readonly PackedArticle[]): PackedArticle[][] {
  const blocks: PackedArticle[][] = [];
  let current: PackedArticle[] = [];
  let bytes = 0;
  for (const item of articles) {
    const target = FIRST_BLOCKS[blocks.length] ?? BLOCK_ARTICLES;
    const size = inflatedSize(item);
    if (current.length > 0 && (current.length >= target || bytes + size > BLOCK_INFLATED_BYTES)) {
      blocks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

function imagesOf(block: readonly PackedArticle[]): DecodedImage[] {
  const used = new Set(block.flatMap(({ article }) => imageHashesOf(article.content)));
  const images = new Map<string, DecodedImage>();
  for (const image of block.flatMap((item) => item.images)) if (used.has(image.hash)) images.set(image.hash, image);
  return [...images.values()];
}

/**
 * Writes the edition's pack (EditionPack in edition-format.ts): `articles` in the index's order,
 * with the publisher's descriptor in the first block. Packs of earlier runs are removed, except
 * `keep` (the previous index's): a mirror that has the new pack but not yet the new index, or the
 * other way round, still serves a pair that agrees.
 */
export async function writePack(
  dir: string,
  articles: readonly PackedArticle[],
  publishers: readonly SourceDescriptor[],
  keep?: string,
): Promise<EditionPack> {
  const parts: Uint8Array[] = [];
  const blocks: [number, number][] = [];
  for (const [position, block] of packBlocks(articles).entries()) {
    const json = compactPayloadBytes(
      block.map(({ article }) => article),
      imagesOf(block),
      position === 0 ? publishers : [],
    );
    const bytes = brotliCompressSync(json, {
      params: {
        // Compressed once by the publisher and read by every reader: worth Brotli's hardest effort.
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        // A window as large as the block (up to 4 MiB), so that an article repeating an earlier one's words is a reference.
        [constants.BROTLI_PARAM_LGWIN]: Math.min(22, Math.max(constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(json.length)))),
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
      },
    });
    parts.push(bytes);
    blocks.push([block.length, bytes.length]);
  }
  const size = parts.reduce((sum, part) => sum + part.length, 0);
  const file = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    file.set(part, offset);
    offset += part.length;
  }
  const hash = await sha256Hex(file);
  const path = `${PACKS_FOLDER}/${hash}.pack`;
  await writeFileAtomic(join(dir, path), file);
  const keepNames = new Set(
    [path, keep].filter((name): name is string => name !== undefined).map((name) => name.slice(PACKS_FOLDER.length + 1)),
  );
  for (const name of await readdir(join(dir, PACKS_FOLDER))) {
    if (name.endsWith('.pack') && !keepNames.has(name)) await rm(join(dir, PACKS_FOLDER, name), { force: true });
  }
  return { path, hash, size, encoding: PACK_ENCODING, blocks };
}

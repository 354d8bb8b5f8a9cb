import {
  MAX_ARTICLE_FILE_BYTES,
  PACK_ENCODING,
  PACKS_FOLDER,
  type EditionEntry,
  type EditionIndex,
  type EditionPack,
} from '../edition/edition-format.ts';

const HEX64 = /^[0-9a-f]{64}$/;
const PACK_PATH = new RegExp(`^${PACKS_FOLDER}/[0-9a-f]{64}\\.pack$`);

/**
 * What one more request costs, in bytes of transfer, on the links readers have: 300 ms of round
 * trip at 1 Mbit/s is 37 KB. A reader weighs a longer read of the pack against more requests.
 */
export const REQUEST_COST_BYTES = 32 * 1024;

/**
 * The index's pack when its description holds together and this reader decodes its blocks; else
 * none, and the reader fetches article by article.
 */
export function usablePack(index: EditionIndex): EditionPack | undefined {
  const pack: unknown = index.pack;
  if (typeof pack !== 'object' || pack === null) return undefined;
  const { path, hash, size, blocks, encoding } = pack as Record<string, unknown>;
  // A pack compressed some way this reader does not know (a later version's) is left for the article files.
  if (encoding !== PACK_ENCODING) return undefined;
  if (typeof path !== 'string' || !PACK_PATH.test(path) || typeof hash !== 'string' || !HEX64.test(hash)) return undefined;
  if (!Number.isSafeInteger(size) || !Array.isArray(blocks) || blocks.length === 0) return undefined;
  let articles = 0;
  let bytes = 0;
  for (const block of blocks) {
    if (!Array.isArray(block) || block.length !== 2 || !block.every((n) => Number.isSafeInteger(n) && (n as number) > 0)) return undefined;
    // A block is held whole before it is checked: none may be larger than an article file may be.
    if ((block[1] as number) > MAX_ARTICLE_FILE_BYTES) return undefined;
    articles += block[0] as number;
    bytes += block[1] as number;
  }
  if (articles !== index.articles.length || bytes !== size) return undefined;
  return pack as EditionPack;
}

/** Where each block starts in the file and in the index's list of articles. */
export interface PackBlock {
  offset: number;
  bytes: number;
  /** Position of its first article in the index's `articles`. */
  first: number;
  count: number;
}

export function blocksOf(pack: EditionPack): PackBlock[] {
  let offset = 0;
  let first = 0;
  return pack.blocks.map(([count, bytes]) => {
    const block = { offset, bytes, first, count };
    offset += bytes;
    first += count;
    return block;
  });
}

/**
 * How many of the pack's first blocks to read (0 for none): the cheapest way to get `needed`
 * (positions in the index's `articles`, which the pack holds in order), where what the blocks read
 * do not hold is fetched article by article. A reader far behind reads one stretch of the pack; a
 * reader that lacks one old article (a correction, say) fetches that article's own file.
 */
export function blocksToRead(blocks: readonly PackBlock[], entries: readonly EditionEntry[], needed: readonly number[]): number {
  const sorted = [...needed].sort((a, b) => a - b);
  // What fetching one by one costs for the needed articles from position `from` on.
  const oneByOne = new Array<number>(sorted.length + 1).fill(0);
  for (let at = sorted.length - 1; at >= 0; at--) oneByOne[at] = oneByOne[at + 1]! + entries[sorted[at]!]!.size + REQUEST_COST_BYTES;
  let best = 0;
  let bestCost = oneByOne[0]!;
  let covered = 0;
  for (const [position, block] of blocks.entries()) {
    while (covered < sorted.length && sorted[covered]! < block.first + block.count) covered++;
    const cost = block.offset + block.bytes + REQUEST_COST_BYTES + oneByOne[covered]!;
    if (cost < bestCost) {
      best = position + 1;
      bestCost = cost;
    }
    if (covered === sorted.length) break;
  }
  return best;
}

import type { Article } from '../article.ts';
import type { DecodedImage } from '../bundle/bundle-format.ts';
import type { EditionEntry, EditionPack } from '../edition/edition-format.ts';
import type { Note } from '../note.ts';
import { checkSignature } from '../signing.ts';
import { decodePackBlock } from './pack-block.ts';
import type { PackBlock } from './pack-plan.ts';
import { readPackStretch } from './read-pack.ts';
import { MirrorProblem } from './read-mirror.ts';

/** Attempts at one mirror, each resuming where the last stopped, while each brings at least one block. */
const ATTEMPTS_PER_MIRROR = 5;

export interface PackRead {
  pack: EditionPack;
  /** The blocks to read, from the first. */
  blocks: readonly PackBlock[];
  /** The index's articles, which the blocks hold in order. */
  entries: readonly EditionEntry[];
  /** The publisher's key: every article must be signed by it. */
  key: string;
  /** Mirrors to try, in turn, each from the first block the ones before did not deliver. */
  mirrors: readonly string[];
  /** Whether the reader needs this entry (it lacks it, or holds an older revision). */
  wanted: (entry: EditionEntry) => boolean;
  /** Stores a block's wanted articles; called in order, one block at a time. */
  keep: (
    mirror: string,
    block: { articles: Article[]; images: DecodedImage[]; entries: EditionEntry[]; publishers: unknown[] },
  ) => Promise<void>;
  /** What a mirror did wrong; `entry` is the first wanted article of a block it served altered. */
  blame: (mirror: string, note: Note, entry?: EditionEntry) => void;
  idleTimeoutMs: number;
  signal?: AbortSignal;
  onRequest: () => void;
  onBytes: (count: number) => void;
}

/** A block's articles, checked against the index: the same articles, in order, signed by the publisher. */
async function openBlock(bytes: Uint8Array, block: PackBlock, read: PackRead) {
  let decoded;
  try {
    decoded = await decodePackBlock(bytes);
  } catch {
    throw new MirrorProblem({ code: 'copy-hash-mismatch' });
  }
  const expected = read.entries.slice(block.first, block.first + block.count);
  // Images left out would leave the articles without them: a pack always carries them.
  if (decoded.imagesOmitted || decoded.articles.length !== expected.length) throw new MirrorProblem({ code: 'copy-not-signed' });
  const articles: Article[] = [];
  const entries: EditionEntry[] = [];
  for (const [at, entry] of expected.entries()) {
    const article = decoded.articles[at]!;
    if (article.id !== entry.id || article.revision !== entry.revision) throw new MirrorProblem({ code: 'copy-not-signed' });
    if (!read.wanted(entry)) continue;
    const check = await checkSignature(article);
    if (check.status !== 'signed' || check.key !== read.key) throw new MirrorProblem({ code: 'copy-not-signed' });
    articles.push(article);
    entries.push(entry);
  }
  return { articles, entries, images: decoded.images, publishers: decoded.publishers };
}

/**
 * Reads the pack's first `blocks` from the mirrors in turn, storing each block as it comes whole:
 * a dropped connection resumes at the next block (a range request), at the same mirror while it
 * keeps bringing blocks, then at the next. A block that fails its checks ends that mirror's turn
 * (and is blamed on it). Returns how many blocks were stored; the caller fetches the articles of
 * the rest one by one.
 */
export async function readPackBlocks(read: PackRead): Promise<number> {
  const { blocks } = read;
  const end = blocks.at(-1)!.offset + blocks.at(-1)!.bytes;
  let next = 0;
  for (const mirror of read.mirrors) {
    const url = new URL(read.pack.path, mirror).href;
    let lastProblem: Note | undefined;
    let stalled = 0;
    for (let attempt = 0; attempt < ATTEMPTS_PER_MIRROR && next < blocks.length; attempt++) {
      const before = next;
      let pending: Uint8Array = new Uint8Array(0);
      try {
        await readPackStretch(
          url,
          {
            from: blocks[next]!.offset,
            to: end,
            idleTimeoutMs: read.idleTimeoutMs,
            onRequest: read.onRequest,
            onBytes: read.onBytes,
            ...(read.signal ? { signal: read.signal } : {}),
          },
          async (bytes) => {
            pending = joined(pending, bytes);
            while (next < blocks.length && pending.length >= blocks[next]!.bytes) {
              const block = blocks[next]!;
              const opened = await openBlock(pending.subarray(0, block.bytes), block, read).catch((error: unknown) => {
                throw new BlockRefused(error, block);
              });
              await read.keep(mirror, opened);
              pending = pending.slice(block.bytes);
              next++;
            }
          },
        );
      } catch (error) {
        if (read.signal?.aborted) throw error;
        if (error instanceof BlockRefused) {
          const entry = read.entries.slice(error.block.first, error.block.first + error.block.count).find(read.wanted);
          read.blame(mirror, (error.cause as MirrorProblem).note, entry);
          break;
        }
        if (!(error instanceof MirrorProblem)) throw error;
        // A drop it recovers from is no fault of the mirror's; one it does not is what it did.
        lastProblem = error.note;
        // A dropped connection is worth asking again even when nothing whole came (a browser may
        // discard what it held when the connection failed), once; any other answer is the mirror's.
        stalled = next === before ? stalled + 1 : 0;
        if (stalled > 0 && (error.note.code !== 'mirror-unreachable' || stalled > 1)) break;
      }
    }
    if (next === blocks.length) break;
    if (lastProblem) read.blame(mirror, lastProblem);
  }
  return next;
}

class BlockRefused extends Error {
  constructor(
    override readonly cause: unknown,
    readonly block: PackBlock,
  ) {
    super('a pack block failed its checks');
  }
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

import { crc32 } from './crc32.ts';

/**
 * A fountain code for animated QR codes (framing in docs/bundle-format.md, section 8): the
 * payload is cut into k blocks; frames 0 … k−1 carry the blocks themselves, and every later frame
 * carries the XOR of a pseudo-random set of blocks chosen by its seed (a systematic random linear
 * fountain code over GF(2)). Any k or a few more frames, in any order, rebuild the payload: a
 * receiver that misses frames just waits for later ones. Decoding is Gaussian elimination over
 * GF(2), so that every independent frame counts.
 */

export const FRAME_MAGIC = 0x50; // 'P'
export const FRAME_VERSION = 1;
export const HEADER_BYTES = 16;
export const CHECKSUM_BYTES = 4;

/** A deterministic pseudo-random sequence from a seed (mulberry32): sender and receiver agree. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The block indices a frame with this seed combines: seeds below k carry block `seed` alone (a
 * receiver that misses nothing needs exactly k frames); every later seed picks each block with
 * probability one half. Such dense combinations are independent of what a receiver already holds
 * with probability close to 1 whatever it missed, so a receiver needs hardly more than k frames
 * however many were lost (sparse, Luby-style combinations waste many: a frame over blocks the
 * receiver already has brings nothing). Solving them is Gaussian elimination over GF(2), cheap at
 * the few hundred blocks an article takes.
 */
export function blocksOf(seed: number, k: number): number[] {
  if (seed < k) return [seed];
  const next = random(seed);
  const chosen: number[] = [];
  for (let index = 0; index < k; index++) if (next() < 0.5) chosen.push(index);
  if (chosen.length === 0) chosen.push(Math.floor(next() * k));
  return chosen;
}

export interface FrameHeader {
  length: number;
  blockSize: number;
  payloadCrc: number;
  seed: number;
}

/** Cuts a payload into frames; `frame(seed)` makes any frame, as many as the sender wants. */
export class FountainEncoder {
  readonly k: number;
  private readonly blocks: Uint8Array[];
  private readonly payloadCrc: number;

  constructor(
    private readonly payload: Uint8Array,
    readonly blockSize: number,
  ) {
    if (blockSize < 16 || blockSize > 4096) throw new RangeError('block size must be 16 to 4096 bytes');
    this.k = Math.max(1, Math.ceil(payload.length / blockSize));
    this.payloadCrc = crc32(payload);
    this.blocks = Array.from({ length: this.k }, (_, index) => {
      const block = new Uint8Array(blockSize);
      block.set(payload.subarray(index * blockSize, (index + 1) * blockSize));
      return block;
    });
  }

  frame(seed: number): Uint8Array {
    const frame = new Uint8Array(HEADER_BYTES + this.blockSize + CHECKSUM_BYTES);
    const view = new DataView(frame.buffer);
    view.setUint8(0, FRAME_MAGIC);
    view.setUint8(1, FRAME_VERSION);
    view.setUint32(2, this.payload.length);
    view.setUint16(6, this.blockSize);
    view.setUint32(8, this.payloadCrc);
    view.setUint32(12, seed >>> 0);
    const data = frame.subarray(HEADER_BYTES, HEADER_BYTES + this.blockSize);
    for (const index of blocksOf(seed, this.k)) {
      const block = this.blocks[index]!;
      for (let i = 0; i < this.blockSize; i++) data[i]! ^= block[i]!;
    }
    view.setUint32(HEADER_BYTES + this.blockSize, crc32(frame.subarray(0, HEADER_BYTES + this.blockSize)));
    return frame;
  }
}

/** The header of a well-formed frame, or undefined when `bytes` are not one (or are damaged). */
export function readFrame(bytes: Uint8Array): { header: FrameHeader; data: Uint8Array } | undefined {
  if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES + 1 || bytes[0] !== FRAME_MAGIC || bytes[1] !== FRAME_VERSION) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blockSize = view.getUint16(6);
  if (bytes.length !== HEADER_BYTES + blockSize + CHECKSUM_BYTES) return undefined;
  if (view.getUint32(HEADER_BYTES + blockSize) !== crc32(bytes.subarray(0, HEADER_BYTES + blockSize))) return undefined;
  return {
    header: { length: view.getUint32(2), blockSize, payloadCrc: view.getUint32(8), seed: view.getUint32(12) },
    data: bytes.subarray(HEADER_BYTES, HEADER_BYTES + blockSize),
  };
}

/** Runs of frames a receiver follows at once; a camera may catch another phone's codes too. */
const MAX_RUNS = 4;
/**
 * The most blocks a run may have: 10,000 blocks of 1,000 bytes is hours of animation at any speed,
 * and a forged header must not make the receiver allocate and solve a system of any size it names.
 */
export const MAX_BLOCKS = 10_000;

/**
 * Rebuilds a payload from frames in any order; damaged frames and repeats are ignored. A stray
 * frame of another payload (a second phone in view, the tail of an earlier run) must not decide
 * what the receiver rebuilds, so frames are sorted into runs by the payload they name, and the
 * first run that completes is the payload. Only a few runs are kept: when a new one arrives beyond
 * that, the one with the least progress is dropped. `progress` is the share recovered (the rank
 * over k) of the run furthest along.
 */
export class FountainDecoder {
  private readonly runs = new Map<string, FountainRun>();
  private finished?: FountainRun;

  /** The share of the payload recovered, of the run furthest along. */
  get progress(): number {
    return this.leading()?.progress ?? 0;
  }

  /** The frames the run furthest along has used. */
  get framesUsed(): number {
    return this.leading()?.framesUsed ?? 0;
  }

  get payload(): Uint8Array | undefined {
    return this.finished?.payload;
  }

  /** Takes one frame; true when it brought something new. */
  add(bytes: Uint8Array): boolean {
    if (this.finished) return false;
    const frame = readFrame(bytes);
    if (!frame || frame.header.length === 0) return false;
    const { length, blockSize, payloadCrc } = frame.header;
    if (Math.ceil(length / blockSize) > MAX_BLOCKS) return false;
    const id = `${length}/${blockSize}/${payloadCrc}`;
    let run = this.runs.get(id);
    if (!run) {
      if (this.runs.size >= MAX_RUNS) this.runs.delete(this.trailing()!);
      run = new FountainRun(frame.header);
      this.runs.set(id, run);
    }
    const added = run.add(frame.header.seed, frame.data);
    if (run.payload) {
      this.finished = run;
      this.runs.clear();
    }
    return added;
  }

  private leading(): FountainRun | undefined {
    let best = this.finished;
    for (const run of this.runs.values()) if (!best || run.progress > best.progress) best = run;
    return best;
  }

  private trailing(): string | undefined {
    let worst: [string, FountainRun] | undefined;
    for (const entry of this.runs) if (!worst || entry[1].progress < worst[1].progress) worst = entry;
    return worst?.[0];
  }
}

/** The frames of one payload, solved as they come. */
class FountainRun {
  private readonly k: number;
  private readonly words: number;
  /** Rows of the reduced system, by pivot block: which blocks the row combines, and their XOR. */
  private readonly rows = new Map<number, { mask: Uint32Array; data: Uint8Array }>();
  private readonly seen = new Set<number>();
  payload?: Uint8Array;
  framesUsed = 0;

  constructor(private readonly header: FrameHeader) {
    this.k = Math.ceil(header.length / header.blockSize);
    this.words = Math.ceil(this.k / 32);
  }

  get progress(): number {
    return this.rows.size / this.k;
  }

  add(seed: number, data: Uint8Array): boolean {
    if (this.payload || this.seen.has(seed)) return false;
    this.seen.add(seed);
    this.framesUsed++;
    const mask = new Uint32Array(this.words);
    for (const index of blocksOf(seed, this.k)) mask[index >>> 5]! ^= 1 << (index & 31);
    const row = { mask, data: Uint8Array.from(data) };
    // Eliminate every known pivot from the new row, then make it a pivot row of its own.
    for (const [pivot, known] of this.rows) {
      if (row.mask[pivot >>> 5]! & (1 << (pivot & 31))) xorRow(row, known);
    }
    const pivot = lowestBit(row.mask);
    if (pivot < 0) return false;
    for (const known of this.rows.values()) {
      if (known.mask[pivot >>> 5]! & (1 << (pivot & 31))) xorRow(known, row);
    }
    this.rows.set(pivot, row);
    if (this.rows.size === this.k) this.finish();
    return true;
  }

  private finish(): void {
    const { length, blockSize, payloadCrc } = this.header;
    const payload = new Uint8Array(this.k * blockSize);
    for (const [pivot, row] of this.rows) payload.set(row.data, pivot * blockSize);
    const result = payload.subarray(0, length);
    // A payload that does not check out (it should not happen) is not handed on.
    if (crc32(result) === payloadCrc) this.payload = result;
  }
}

function xorRow(target: { mask: Uint32Array; data: Uint8Array }, source: { mask: Uint32Array; data: Uint8Array }): void {
  for (let i = 0; i < target.mask.length; i++) target.mask[i]! ^= source.mask[i]!;
  for (let i = 0; i < target.data.length; i++) target.data[i]! ^= source.data[i]!;
}

function lowestBit(mask: Uint32Array): number {
  for (let word = 0; word < mask.length; word++) {
    const value = mask[word]!;
    if (value !== 0) return word * 32 + (31 - Math.clz32(value & -value));
  }
  return -1;
}

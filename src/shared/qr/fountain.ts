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

/**
 * Rebuilds a payload from frames in any order. Frames of another payload, damaged frames and
 * repeats are ignored. `progress` is the share of the payload recovered (the rank over k).
 */
export class FountainDecoder {
  private header?: FrameHeader;
  private k = 0;
  private words = 0;
  /** Rows of the reduced system, by pivot block: which blocks the row combines, and their XOR. */
  private readonly rows = new Map<number, { mask: Uint32Array; data: Uint8Array }>();
  private readonly seen = new Set<number>();
  private result?: Uint8Array;
  framesUsed = 0;

  get progress(): number {
    return this.k === 0 ? 0 : this.rows.size / this.k;
  }

  get payload(): Uint8Array | undefined {
    return this.result;
  }

  /** Takes one frame; true when it brought something new. */
  add(bytes: Uint8Array): boolean {
    if (this.result) return false;
    const frame = readFrame(bytes);
    if (!frame) return false;
    const { header, data } = frame;
    if (!this.header) {
      if (header.length === 0) return false;
      this.header = header;
      this.k = Math.ceil(header.length / header.blockSize);
      this.words = Math.ceil(this.k / 32);
    } else if (header.payloadCrc !== this.header.payloadCrc || header.length !== this.header.length || header.blockSize !== this.header.blockSize) {
      return false;
    }
    if (this.seen.has(header.seed)) return false;
    this.seen.add(header.seed);
    this.framesUsed++;
    const mask = new Uint32Array(this.words);
    for (const index of blocksOf(header.seed, this.k)) mask[index >>> 5]! ^= 1 << (index & 31);
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
    const { length, blockSize, payloadCrc } = this.header!;
    const payload = new Uint8Array(this.k * blockSize);
    for (const [pivot, row] of this.rows) payload.set(row.data, pivot * blockSize);
    const result = payload.subarray(0, length);
    // A payload that does not check out (it should not happen) is not handed on.
    if (crc32(result) === payloadCrc) this.result = result;
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

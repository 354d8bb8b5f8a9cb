import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32 } from '../src/shared/qr/crc32.ts';
import { FountainDecoder, FountainEncoder, blocksOf, readFrame } from '../src/shared/qr/fountain.ts';

/** A deterministic stand-in for frame loss. */
function lossy(seed: number, share: number): () => boolean {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32 < share;
  };
}

/** Frames a receiver needs, sent in order from seed 0, when `share` of them are lost. */
function framesNeeded(
  payload: Uint8Array,
  blockSize: number,
  share: number,
  seed: number,
): { sent: number; used: number; k: number; ok: boolean } {
  const encoder = new FountainEncoder(payload, blockSize);
  const decoder = new FountainDecoder();
  const lost = lossy(seed, share);
  let sent = 0;
  while (!decoder.payload && sent < encoder.k * 10) {
    const frame = encoder.frame(sent++);
    if (!lost()) decoder.add(frame);
  }
  return { sent, used: decoder.framesUsed, k: encoder.k, ok: Buffer.from(decoder.payload ?? []).equals(Buffer.from(payload)) };
}

test('CRC-32 matches the standard check value', () => {
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
});

test('with no loss, exactly k frames rebuild the payload', () => {
  const payload = new Uint8Array(randomBytes(100_000));
  const result = framesNeeded(payload, 600, 0, 1);
  assert.equal(result.ok, true);
  assert.equal(result.k, 167);
  assert.equal(result.used, result.k);
});

test('with a quarter of the frames lost, in any order, a few more than k frames rebuild it', () => {
  const payload = new Uint8Array(randomBytes(100_000));
  let extra = 0;
  const trials = 20;
  for (let trial = 0; trial < trials; trial++) {
    const result = framesNeeded(payload, 600, 0.25, trial + 7);
    assert.equal(result.ok, true, `trial ${trial}`);
    extra += (result.used - result.k) / result.k;
  }
  assert.ok(extra / trials < 0.1, `on average ${((extra / trials) * 100).toFixed(1)}% more frames than k`);
});

test('frames arriving in any order, repeated, damaged or from another payload are handled', () => {
  const payload = new Uint8Array(randomBytes(5_000));
  const encoder = new FountainEncoder(payload, 300);
  const other = new FountainEncoder(new Uint8Array(randomBytes(5_000)), 300);
  const decoder = new FountainDecoder();
  const seeds = Array.from({ length: encoder.k * 3 }, (_, seed) => seed).reverse();
  // A stray frame of another payload seen first does not decide what is rebuilt.
  assert.equal(decoder.add(other.frame(0)), true);
  for (const seed of seeds) {
    const frame = encoder.frame(seed);
    const damaged = Uint8Array.from(frame);
    damaged[30]! ^= 0xff;
    assert.equal(decoder.add(damaged), false);
    decoder.add(frame);
    assert.equal(decoder.add(frame), false);
    if (decoder.payload) break;
  }
  assert.deepEqual(decoder.payload, payload);
  assert.equal(decoder.progress, 1);
  assert.equal(decoder.add(other.frame(1)), false, 'nothing is taken once a payload is rebuilt');
});

test('two senders in view: the run that completes first is the payload, and progress follows the leader', () => {
  const first = new Uint8Array(randomBytes(3_000));
  const second = new Uint8Array(randomBytes(9_000));
  const a = new FountainEncoder(first, 300);
  const b = new FountainEncoder(second, 300);
  const decoder = new FountainDecoder();
  for (let seed = 0; seed < 5; seed++) decoder.add(b.frame(seed));
  assert.equal(decoder.progress, 5 / b.k);
  for (let seed = 0; seed < a.k && !decoder.payload; seed++) decoder.add(a.frame(seed));
  assert.deepEqual(decoder.payload, first);
});

test('a forged header naming a huge payload, or frames of many payloads, are ignored or bounded', () => {
  const decoder = new FountainDecoder();
  const huge = new FountainEncoder(new Uint8Array(100), 16).frame(0);
  const view = new DataView(huge.buffer);
  view.setUint32(2, 0xffffffff);
  view.setUint32(huge.length - 4, crc32(huge.subarray(0, huge.length - 4)));
  assert.ok(readFrame(huge), 'the forged frame is well formed');
  assert.equal(decoder.add(huge), false);
  // Frames of twenty payloads, then the whole run of one more: it is still rebuilt.
  for (let n = 0; n < 20; n++) decoder.add(new FountainEncoder(new Uint8Array(randomBytes(2_000)), 100).frame(n));
  const payload = new Uint8Array(randomBytes(2_000));
  const encoder = new FountainEncoder(payload, 100);
  for (let seed = 0; seed < encoder.k; seed++) decoder.add(encoder.frame(seed));
  assert.deepEqual(decoder.payload, payload);
});

test('a frame names its payload: length, block size and checksum, and is checked whole', () => {
  const payload = new TextEncoder().encode('x'.repeat(1000));
  const frame = new FountainEncoder(payload, 100).frame(12);
  const read = readFrame(frame)!;
  assert.deepEqual(read.header, { length: 1000, blockSize: 100, payloadCrc: crc32(payload), seed: 12 });
  assert.equal(readFrame(frame.subarray(0, frame.length - 1)), undefined);
  assert.equal(readFrame(new TextEncoder().encode('not a frame at all, just text')), undefined);
  assert.deepEqual(blocksOf(3, 10), [3]);
  assert.ok(blocksOf(25, 10).every((index) => index >= 0 && index < 10));
});

/**
 * Golden vectors for docs/bundle-format.md, section 8, written from the doc's table rather than
 * from the encoder's output, so that a change to the wire format fails here even when encoder and
 * decoder change together. Payload: the 40 bytes 1, 2, … 40 in blocks of 16, so k = 3 and the
 * last block is 8 bytes of payload and 8 of zero padding. CRCs are zlib's (node:zlib), not ours.
 */
test('frames match the byte layout and block selection documented in bundle-format.md section 8', () => {
  const payload = Uint8Array.from({ length: 40 }, (_, index) => index + 1);
  const block = [
    Array.from({ length: 16 }, (_, index) => index + 1),
    Array.from({ length: 16 }, (_, index) => index + 17),
    [33, 34, 35, 36, 37, 38, 39, 40, 0, 0, 0, 0, 0, 0, 0, 0],
  ];
  const bigEndian32 = (value: number) => [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
  assert.equal(zlibCrc32(payload), 0x4fb420c5);
  const expectedFrame = (seed: number, data: number[]) => {
    const body = [
      0x50, // magic 'P'
      0x01, // frame format version
      ...[0x00, 0x00, 0x00, 0x28], // L = 40
      ...[0x00, 0x10], // B = 16
      ...[0x4f, 0xb4, 0x20, 0xc5], // CRC-32 of the payload
      ...bigEndian32(seed),
      ...data,
    ];
    return Uint8Array.from([...body, ...bigEndian32(zlibCrc32(Uint8Array.from(body)))]);
  };
  const xor = (...blocks: number[][]) => blocks[0]!.map((_, i) => blocks.reduce((sum, b) => sum ^ b[i]!, 0));

  // Seeds below k carry their block alone. From seed k on, mulberry32 started at the seed draws
  // one number per block (block i is in when it is below 0.5): seed 7 draws 0.0117, 0.0620,
  // 0.9769; seed 9 draws 0.1987, 0.8512, 0.1418; seed 10 draws 0.5020, 0.9175, 0.6913, none below
  // one half, so a fourth draw, 0.8021, picks block floor(0.8021 × 3) = 2.
  const expected: Array<[number, number[]]> = [
    [0, block[0]!],
    [1, block[1]!],
    [2, block[2]!],
    [7, xor(block[0]!, block[1]!)],
    [9, xor(block[0]!, block[2]!)],
    [10, block[2]!],
  ];
  const encoder = new FountainEncoder(payload, 16);
  assert.equal(encoder.k, 3);
  for (const [seed, data] of expected) {
    assert.deepEqual(encoder.frame(seed), expectedFrame(seed, data), `frame ${seed}`);
  }
  assert.deepEqual(
    Array.from({ length: 9 }, (_, n) => blocksOf(n + 3, 3)),
    [[1, 2], [1, 2], [2], [1], [0, 1], [0, 2], [0, 2], [2], [1]],
    'blocks selected by seeds 3 to 11',
  );

  // Frames built by hand from the doc are enough for the decoder: blocks 0 ⊕ 1, 2, then 1.
  const decoder = new FountainDecoder();
  for (const [seed, data] of [expected[3]!, expected[5]!, expected[1]!]) decoder.add(expectedFrame(seed, data));
  assert.deepEqual(decoder.payload, payload);
});

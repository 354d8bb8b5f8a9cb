import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
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
function framesNeeded(payload: Uint8Array, blockSize: number, share: number, seed: number): { sent: number; used: number; k: number; ok: boolean } {
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

import jsQR from 'jsqr';
import sharp from 'sharp';
import { symbolJpeg } from '../e2e/helpers/qr-video.ts';
import { FountainDecoder } from '../src/shared/qr/fountain.ts';
import { AnimatedCodes, DEFAULT_DENSITY, DEFAULT_SPEED, DENSITIES } from '../src/shared/qr/qr-symbol.ts';

export interface QrFigures {
  payloadBytes: number;
  blockBytes: number;
  framesPerSecond: number;
  /** k: the fewest frames that can carry the payload. */
  theoreticalMinimumFrames: number;
  noLoss: { framesNeeded: number; overheadPercent: number; bytesPerSecond: number };
  quarterLost: { framesSent: number; framesNeeded: number; overheadPercent: number; bytesPerSecond: number };
  /** jsQR (the worker's decoder) on one rendered frame, as a camera would see it. */
  decodeMsPerFrame: number;
}

function lossy(seed: number, share: number): () => boolean {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32 < share;
  };
}

/**
 * Animated QR at the default speed and density: frames needed against k with no loss and with a
 * quarter of the frames lost (over several runs), the payload rate that gives at the default frame
 * rate, and the decoder's time per frame on rendered codes.
 */
export async function measureQr(payloadBytes = 100_000, runs = 10): Promise<QrFigures> {
  const payload = new Uint8Array(payloadBytes).map((_, index) => (index * 2654435761) >>> 24);
  const codes = new AnimatedCodes(payload, DEFAULT_DENSITY);
  const k = codes.encoder.k;
  const fps = DEFAULT_SPEED;

  const transfer = (loss: number, seed: number) => {
    const decoder = new FountainDecoder();
    const lost = lossy(seed, loss);
    let sent = 0;
    while (!decoder.payload) {
      const frame = codes.encoder.frame(sent++);
      if (!lost()) decoder.add(frame);
    }
    return { sent, used: decoder.framesUsed };
  };
  const clean = transfer(0, 1);
  let sent = 0;
  let used = 0;
  for (let run = 0; run < runs; run++) {
    const result = transfer(0.25, run + 11);
    sent += result.sent;
    used += result.used;
  }
  sent /= runs;
  used /= runs;

  const samples = 12;
  let decodeMs = 0;
  for (let seed = 0; seed < samples; seed++) {
    const { data, info } = await sharp(await symbolJpeg(codes.symbol(seed * 17)))
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const started = performance.now();
    const found = jsQR(new Uint8ClampedArray(data), info.width, info.height, { inversionAttempts: 'dontInvert' });
    decodeMs += performance.now() - started;
    if (!found) throw new Error(`frame ${seed * 17} did not decode`);
  }
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    payloadBytes,
    blockBytes: DENSITIES[DEFAULT_DENSITY],
    framesPerSecond: fps,
    theoreticalMinimumFrames: k,
    noLoss: {
      framesNeeded: clean.used,
      overheadPercent: round(((clean.used - k) / k) * 100),
      bytesPerSecond: Math.round(payloadBytes / (clean.sent / fps)),
    },
    quarterLost: {
      framesSent: round(sent),
      framesNeeded: round(used),
      overheadPercent: round(((used - k) / k) * 100),
      bytesPerSecond: Math.round(payloadBytes / (sent / fps)),
    },
    decodeMsPerFrame: round(decodeMs / samples),
  };
}

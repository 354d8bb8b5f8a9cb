import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { AnimatedCodes, singleCode, type QrSymbol } from '../../src/shared/qr/qr-symbol.ts';

const QUIET_ZONE = 4;
/** Camera frames a lead code is held for: about a second, long enough to be read. */
const LEAD_FRAMES = 30;

/** A QR symbol as a JPEG, dark on light, `scale` pixels per module, centred in a camera-sized frame. */
export async function symbolJpeg(symbol: QrSymbol, scale = 6, frame = 720): Promise<Buffer> {
  const side = (symbol.size + QUIET_ZONE * 2) * scale;
  const pixels = Buffer.alloc(side * side, 255);
  for (let y = 0; y < symbol.size; y++) {
    for (let x = 0; x < symbol.size; x++) {
      if (!symbol.dark(x, y)) continue;
      for (let dy = 0; dy < scale; dy++)
        pixels.fill(
          0,
          ((y + QUIET_ZONE) * scale + dy) * side + (x + QUIET_ZONE) * scale,
          ((y + QUIET_ZONE) * scale + dy) * side + (x + QUIET_ZONE + 1) * scale,
        );
    }
  }
  const offset = Math.max(0, Math.floor((frame - side) / 2));
  return sharp(pixels, { raw: { width: side, height: side, channels: 1 } })
    .extend({
      top: offset,
      bottom: Math.max(0, frame - side - offset),
      left: offset,
      right: Math.max(0, frame - side - offset),
      background: '#ffffff',
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/**
 * A video Chromium's fake camera plays (MJPEG: JPEG frames one after another), showing the
 * sender's codes: one code, or the animated run with the frames `keep` lets through, each held
 * for `hold` camera frames, as a phone screen held up to a camera would show them.
 */
export interface VideoOptions {
  /** How many frames of the animated run; 0 for one code. */
  frames?: number;
  /** Which seeds reach the camera. */
  keep?: (seed: number) => boolean;
  /** Codes shown before the run, each for a second (damaged, or of another payload). */
  lead?: QrSymbol[];
  /** Camera frames each code is held for. */
  hold?: number;
}

export async function writeQrVideo(
  path: string,
  payload: Uint8Array,
  { frames = 0, keep = () => true, lead = [], hold = 3 }: VideoOptions = {},
): Promise<number> {
  const symbols: QrSymbol[] = [];
  const single = singleCode(payload);
  if (single && frames === 0) symbols.push(single);
  else {
    const codes = new AnimatedCodes(payload);
    for (let seed = 0; seed < frames; seed++) if (keep(seed)) symbols.push(codes.symbol(seed));
  }
  const jpegs: Buffer[] = [];
  for (const symbol of lead) {
    const jpeg = await symbolJpeg(symbol);
    for (let copy = 0; copy < LEAD_FRAMES; copy++) jpegs.push(jpeg);
  }
  for (const symbol of symbols) {
    const jpeg = await symbolJpeg(symbol);
    for (let copy = 0; copy < hold; copy++) jpegs.push(jpeg);
  }
  await writeFile(path, Buffer.concat(jpegs));
  return symbols.length;
}

import { create } from 'qrcode';
import { FountainEncoder } from './fountain.ts';
import { SINGLE_CODE_CAPACITY } from './qr-capacity.ts';

/**
 * QR symbols for Pamphlet's payloads, in binary (byte) mode, through node-qrcode (the same code in
 * the page and in Node). A symbol is a square of dark and light modules; drawing it is the caller's.
 */
export interface QrSymbol {
  size: number;
  version: number;
  dark(x: number, y: number): boolean;
}

export type ErrorCorrection = 'L' | 'M';

export { SINGLE_CODE_CAPACITY };
/** Version 40 at level M, which cameras read more reliably, holds this much. */
const LEVEL_M_CAPACITY = 2331;

export function qrSymbol(bytes: Uint8Array, errorCorrection: ErrorCorrection): QrSymbol {
  const code = create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: errorCorrection });
  const { size, data } = code.modules;
  return { size, version: code.version, dark: (x, y) => data[y * size + x] === 1 };
}

/** One code for a payload that fits (level M when it can, L when only that fits); else none. */
export function singleCode(payload: Uint8Array): QrSymbol | undefined {
  if (payload.length > SINGLE_CODE_CAPACITY) return undefined;
  return qrSymbol(payload, payload.length <= LEVEL_M_CAPACITY ? 'M' : 'L');
}

/** Density settings for animated codes: bytes per frame; larger is faster and harder to read. */
export const DENSITIES = { low: 300, medium: 600, high: 1000 } as const;
export type Density = keyof typeof DENSITIES;
/** Frames per second the animation can run at. */
export const SPEEDS = [4, 6, 8, 10, 12, 15] as const;
/**
 * Defaults that phone cameras read reliably: about 600 bytes per frame (a version-18 code at
 * level M, 89 modules across) at 10 frames a second, some 6 KB/s before losses.
 */
export const DEFAULT_DENSITY: Density = 'medium';
export const DEFAULT_SPEED = 10;

/** The frames of an animated sequence, made on demand: seed after seed, as long as it plays. */
export class AnimatedCodes {
  readonly encoder: FountainEncoder;

  constructor(payload: Uint8Array, density: Density = DEFAULT_DENSITY) {
    this.encoder = new FountainEncoder(payload, DENSITIES[density]);
  }

  symbol(seed: number): QrSymbol {
    return qrSymbol(this.encoder.frame(seed), 'M');
  }
}

import type { Locator } from '@playwright/test';
import jsQR from 'jsqr';
import sharp from 'sharp';

/**
 * The bytes of the QR code an element shows, read from a pixel-exact screenshot of it with jsQR,
 * as the Scan screen's worker reads a camera frame; undefined when no code is found in it. Exact
 * pixels are the hard case: a code stretched by CSS has modules of uneven width, which jsQR's
 * sampling grid misreads (as the app drew codes until it sized them to whole device pixels).
 */
export async function readShownCode(code: Locator): Promise<{ bytes: Uint8Array; version: number } | undefined> {
  const { data, info } = await sharp(await code.screenshot())
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height, {
    inversionAttempts: 'dontInvert',
  });
  return found ? { bytes: Uint8Array.from(found.binaryData), version: found.version } : undefined;
}

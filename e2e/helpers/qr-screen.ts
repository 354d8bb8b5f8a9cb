import type { Locator } from '@playwright/test';
import jsQR from 'jsqr';
import sharp from 'sharp';

/**
 * The bytes of the QR code an element shows, read from a screenshot of it as a camera would read
 * the screen (jsQR, as the Scan screen's worker does); undefined when no code is found in it.
 *
 * The screenshot is resampled smoothly at twice its size first, as a camera's optics soften what
 * they see: the code's canvas is drawn at a whole number of pixels per module, then stretched to
 * its CSS width, so in a pixel-exact screenshot modules are alternately 3 and 4 pixels wide, and
 * jsQR's sampling grid misreads them.
 */
export async function readShownCode(code: Locator): Promise<{ bytes: Uint8Array; version: number } | undefined> {
  const shot = sharp(await code.screenshot());
  const { width, height } = await shot.metadata();
  const { data, info } = await shot
    .resize(width * 2, height * 2, { kernel: 'lanczos3' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height, { inversionAttempts: 'dontInvert' });
  return found ? { bytes: Uint8Array.from(found.binaryData), version: found.version } : undefined;
}

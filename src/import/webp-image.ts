import type { DecodedImage } from '../shared/bundle/bundle-format.ts';
import { READING_WIDTH, WEBP_QUALITY } from '../shared/bundle/bundle-image-size.ts';
import { sha256Hex } from '../shared/sha256.ts';

/** A picture that the browser cannot decode, said in the page's words by the caller. */
export class UndecodableImage extends Error {
  override name = 'UndecodableImage';
}

/**
 * A saved page's picture made ready for the library as the publisher's command makes one
 * (src/cli/extract/images.ts): decoded, turned upright, no wider than the reading width, WebP,
 * named by its hash. A browser that cannot write WebP gives PNG instead (Safari), which a bundle
 * carries as well. Throws `UndecodableImage` for bytes that are no picture the browser can read.
 */
export async function webpImage(bytes: Uint8Array, type: string): Promise<DecodedImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), { imageOrientation: 'from-image' });
  } catch {
    throw new UndecodableImage(`not a picture (${type})`);
  }
  const scale = Math.min(1, READING_WIDTH / bitmap.width);
  const [width, height] = [Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale))];
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await canvas.convertToBlob({ type: 'image/webp', quality: WEBP_QUALITY / 100 });
  const encoded = new Uint8Array(await blob.arrayBuffer());
  return { hash: await sha256Hex(encoded), type: blob.type, bytes: encoded };
}

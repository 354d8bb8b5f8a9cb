import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { DecodedImage } from '../../shared/bundle/bundle-format.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { fetchResource } from './fetch-resource.ts';

/** Wide enough for a phone held sideways or a laptop's reading column, and no wider. */
export const READING_WIDTH = 1280;
const WEBP_QUALITY = 78;

/** The bytes behind an image's address: inline (data:), beside the page on disk (file:), or on the web. */
async function imageBytes(url: URL): Promise<Uint8Array> {
  if (url.protocol === 'data:') {
    const match = /^data:[^,;]*(;base64)?,(.*)$/s.exec(url.href);
    if (!match) throw new Error('a malformed data: address');
    const payload = decodeURIComponent(match[2]!);
    return match[1] ? new Uint8Array(Buffer.from(payload, 'base64')) : new TextEncoder().encode(payload);
  }
  if (url.protocol === 'file:') return new Uint8Array(await readFile(fileURLToPath(url)));
  return (await fetchResource(url.href, 'image/*')).bytes;
}

/**
 * An image made ready for a bundle: downscaled to the reading width, re-encoded as WebP (small,
 * and shown by every browser Pamphlet supports), named by its hash. SVG and anything sharp cannot
 * read are refused: a bundle carries raster images only.
 */
export async function bundleImage(source: string, base: string): Promise<DecodedImage> {
  const url = new URL(source, base);
  const bytes = await imageBytes(url);
  const image = sharp(bytes, { animated: false, limitInputPixels: 100_000_000 });
  const { format } = await image.metadata();
  if (!format || format === 'svg') throw new Error(format === 'svg' ? 'SVG images are not carried in bundles' : 'not an image');
  const webp = new Uint8Array(await image.rotate().resize({ width: READING_WIDTH, withoutEnlargement: true }).webp({ quality: WEBP_QUALITY }).toBuffer());
  return { hash: await sha256Hex(webp), type: 'image/webp', bytes: webp };
}

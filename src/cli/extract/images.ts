import { readFile, realpath } from 'node:fs/promises';
import { basename, dirname, extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { DecodedImage } from '../../shared/bundle/bundle-format.ts';
import { READING_WIDTH, WEBP_QUALITY } from '../../shared/bundle/bundle-image-size.ts';
import { sha256Hex } from '../../shared/sha256.ts';
import { fetchResource, type FetchPolicy } from './fetch-resource.ts';
import type { ArchivedFile } from '../../node-dom/read-archive.ts';

/** Where an image may come from: the web by the policy, or only the archive the page was saved in. */
export interface ImageSources extends FetchPolicy {
  archived?: (address: string) => ArchivedFile | undefined;
}

/**
 * A file a saved page names, read only from the page's own folder of files (NAME_files/ beside
 * NAME.html, where a browser's "Webpage, complete" puts them), after links are followed: a page may
 * come from anyone, and could otherwise name any file this computer's user can read, say a
 * passport scan in the Downloads folder the page was saved to. A page from the web names no file.
 */
async function readBesidePage(url: URL, base: string): Promise<Uint8Array> {
  if (!base.startsWith('file:')) throw new Error('a page from the web may not name a file on this computer');
  const page = fileURLToPath(base);
  // The folder a browser's "Webpage, complete" writes beside the page: report.html, report_files/.
  const own = join(dirname(page), `${basename(page, extname(page))}_files`);
  const [folder, path] = await Promise.all([realpath(own).catch(() => own), realpath(fileURLToPath(url))]);
  if (!path.startsWith(`${folder}${sep}`))
    throw new Error(`not in the page’s own folder of files (${folder}); a page may name no other file on this computer`);
  return new Uint8Array(await readFile(path));
}

/**
 * The bytes behind an image's address: inline (data:), in the page's archive, beside the page on
 * disk (file:), or on the web.
 */
async function imageBytes(url: URL, base: string, policy: ImageSources): Promise<Uint8Array> {
  if (policy.archived && url.protocol !== 'data:') {
    const file = policy.archived(url.href);
    if (!file) throw new Error('not saved in the page’s archive (a saved page’s images are never fetched)');
    return file.bytes;
  }
  if (url.protocol === 'data:') {
    const match = /^data:[^,;]*(;base64)?,(.*)$/s.exec(url.href);
    if (!match) throw new Error('a malformed data: address');
    const payload = decodeURIComponent(match[2]!);
    return match[1] ? new Uint8Array(Buffer.from(payload, 'base64')) : new TextEncoder().encode(payload);
  }
  if (url.protocol === 'file:') return readBesidePage(url, base);
  return (await fetchResource(url.href, 'image/*', policy)).bytes;
}

/**
 * An image made ready for a bundle: downscaled to the reading width, re-encoded as WebP (small,
 * and shown by every browser Pamphlet supports), named by its hash. SVG and anything sharp cannot
 * read are refused: a bundle carries raster images only.
 */
export async function bundleImage(source: string, base: string, policy: ImageSources): Promise<DecodedImage> {
  const bytes = await imageBytes(new URL(source, base), base, policy);
  const image = sharp(bytes, { animated: false, limitInputPixels: 100_000_000 });
  const { format } = await image.metadata();
  if (!format || format === 'svg') throw new Error(format === 'svg' ? 'SVG images are not carried in bundles' : 'not an image');
  const webp = new Uint8Array(
    await image.rotate().resize({ width: READING_WIDTH, withoutEnlargement: true }).webp({ quality: WEBP_QUALITY }).toBuffer(),
  );
  return { hash: await sha256Hex(webp), type: 'image/webp', bytes: webp };
}

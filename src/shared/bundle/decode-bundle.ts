import { imageHashesOf, type Article } from '../article.ts';
import { base64ToBytes } from '../base64.ts';
import { sha256Hex } from '../sha256.ts';
import {
  BUNDLE_FORMAT,
  BUNDLE_IMAGE_TYPES,
  BUNDLE_VERSION,
  PAYLOAD_ELEMENT_ID,
  BundleError,
  type DecodedBundle,
  type DecodedImage,
} from './bundle-format.ts';
import { parseArticle } from './parse-article.ts';

const PAYLOAD_START = new RegExp(
  `<script\\b[^>]*\\bid=["']?${PAYLOAD_ELEMENT_ID}["']?[^>]*>`,
  'i',
);

/** What every bundle says of itself near its start (see bundle-view.ts). */
const GENERATOR = /<meta\s+name=["']?generator["']?\s+content=["']?Pamphlet\b/i;

/**
 * Whether `text` is a Pamphlet bundle, as opposed to some other HTML page. A file that names
 * Pamphlet as its generator is one even if its payload was cut off, so that a truncated bundle is
 * refused as such rather than read as an ordinary page.
 */
export function isBundle(text: string): boolean {
  return PAYLOAD_START.test(text) || GENERATOR.test(text.slice(0, 4096));
}

/** The payload element's text: it ends where an HTML parser would end it, at the first `</script`. */
function payloadText(text: string): string {
  const start = PAYLOAD_START.exec(text);
  if (!start) {
    throw new BundleError(
      GENERATOR.test(text.slice(0, 4096))
        ? 'This bundle is cut short: its data is missing. The file may be truncated.'
        : 'This file is not a Pamphlet bundle: it holds no bundle data.',
    );
  }
  const from = start.index + start[0].length;
  const end = text.slice(from).search(/<\/script/i);
  if (end < 0) throw new BundleError('This bundle is cut short: its data does not end. The file may be truncated.');
  return text.slice(from, from + end);
}

function parsePayloadJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    throw new BundleError('This bundle is damaged: its data is not valid JSON.');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function decodeImages(entries: unknown): Promise<DecodedImage[]> {
  if (entries === undefined) return [];
  if (!Array.isArray(entries)) throw new BundleError('This bundle is damaged: its images are not a list.');
  const images: DecodedImage[] = [];
  for (const entry of entries) {
    if (!isRecord(entry) || typeof entry.hash !== 'string' || typeof entry.type !== 'string' || typeof entry.data !== 'string') {
      throw new BundleError('This bundle is damaged: an image entry lacks its hash, type or data.');
    }
    if (!/^[0-9a-fA-F]{64}$/.test(entry.hash)) {
      throw new BundleError('This bundle is damaged: an image is not named by a SHA-256 hash.');
    }
    if (!BUNDLE_IMAGE_TYPES.has(entry.type)) {
      throw new BundleError(`This bundle holds an image of a type Pamphlet does not show (${entry.type.slice(0, 40)}): only PNG, JPEG, GIF, WebP and AVIF.`);
    }
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(entry.data);
    } catch {
      throw new BundleError(`This bundle is damaged: image ${entry.hash.slice(0, 12)} is not valid base64.`);
    }
    const actual = await sha256Hex(bytes);
    if (actual !== entry.hash.toLowerCase()) {
      throw new BundleError(
        `Image ${entry.hash.slice(0, 12)}… does not match its hash: its bytes were changed or damaged.`,
      );
    }
    images.push({ hash: actual, type: entry.type, bytes });
  }
  return images;
}

/**
 * Reads a bundle file's payload: format and version checked, images checked against their
 * hashes, every article's shape checked, every image an article refers to present.
 * Signatures are checked by the caller, which knows which keys it trusts.
 * Throws `BundleError` with a reason for the reader.
 */
export async function decodeBundle(text: string): Promise<DecodedBundle> {
  return decodePayload(parsePayloadJson(payloadText(text)));
}

/** The checks of `decodeBundle` on a payload already parsed (from a file, a link or a QR code). */
export async function decodePayload(payload: unknown): Promise<DecodedBundle> {
  if (!isRecord(payload) || payload.format !== BUNDLE_FORMAT) {
    throw new BundleError('This file is not a Pamphlet bundle: its data names another format.');
  }
  if (payload.version !== BUNDLE_VERSION) {
    throw new BundleError(
      `This bundle uses format version ${String(payload.version)}, which this version of Pamphlet cannot read (it reads version ${BUNDLE_VERSION}). Update Pamphlet to open it.`,
    );
  }
  if (!Array.isArray(payload.articles) || payload.articles.length === 0) {
    throw new BundleError('This bundle holds no articles.');
  }
  const articles: Article[] = payload.articles.map((entry, index) => parseArticle(entry, index));
  const images = await decodeImages(payload.images);
  // A link or a QR code carries text only; its articles' images are left out on purpose.
  const imagesOmitted = payload.imagesOmitted === true;
  const present = new Set(images.map((image) => image.hash));
  for (const article of articles) {
    const missing = imageHashesOf(article.content).find((hash) => !present.has(hash));
    if (missing && !imagesOmitted) {
      throw new BundleError(`“${article.title}” refers to an image the bundle does not hold (${missing.slice(0, 12)}…).`);
    }
  }
  const { format: _format, version: _version, articles: _articles, images: _images, imagesOmitted: _omitted, ...extensions } = payload;
  return { articles, images, imagesOmitted, extensions };
}

export { parsePayloadJson };

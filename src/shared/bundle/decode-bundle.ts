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
import { MAX_BUNDLE_PUBLISHERS } from '../edition/edition-format.ts';
import { parseArticle } from './parse-article.ts';

/** What every bundle says of itself near its start (see bundle-view.ts). */
const GENERATOR = /<meta\s+name=["']?generator["']?\s+content=["']?Pamphlet\b/i;

/**
 * Whether `text` is a Pamphlet bundle, as opposed to some other HTML page. A file that names
 * Pamphlet as its generator is one even if its payload was cut off, so that a truncated bundle is
 * refused as such rather than read as an ordinary page.
 */
export function isBundle(text: string): boolean {
  return GENERATOR.test(text.slice(0, 4096)) || scriptStartTags(text).some((tag) => tag.payload);
}

const SCRIPT_TAG_START = /<script(?=[\s/>])/gi;
/** The payload's id, as a browser matches ids: the attribute's name in any case, its value exactly. */
const PAYLOAD_ID = new RegExp(`(?:^|\\s)[iI][dD]\\s*=\\s*(["']?)${PAYLOAD_ELEMENT_ID}\\1(?=[\\s/>]|$)`);
/** How the file ends after the payload: its end tag, then at most the end tags of body and html. */
const PAYLOAD_END = /^<\/script\s*>\s*(?:<\/body\s*>\s*)?(?:<\/html\s*>\s*)?$/i;
/** More than this after the payload's end tag is more than those end tags and their line breaks. */
const MAX_AFTER_PAYLOAD = 1024;

/**
 * Every `<script` start tag, where it begins and ends and whether it is the payload's, in one pass:
 * each is read to its first `>`, as a tokenizer would, and the search goes on after it, so that a
 * file of a million unclosed `<script` costs one scan, not a million.
 */
function scriptStartTags(text: string): Array<{ start: number; end: number; payload: boolean }> {
  const tags: Array<{ start: number; end: number; payload: boolean }> = [];
  SCRIPT_TAG_START.lastIndex = 0;
  for (let match = SCRIPT_TAG_START.exec(text); match; match = SCRIPT_TAG_START.exec(text)) {
    const close = text.indexOf('>', match.index);
    if (close < 0) break;
    tags.push({ start: match.index, end: close + 1, payload: PAYLOAD_ID.test(text.slice(match.index + 7, close)) });
    SCRIPT_TAG_START.lastIndex = close + 1;
  }
  return tags;
}

/**
 * The payload element's text. A bundle holds one script element, its payload, last in <body>:
 * what follows its end tag is at most `</body>` and `</html>`. A file with any other script
 * element (an article that smuggled a payload of its own into a file an older version wrote, or
 * an edit) or with its payload elsewhere is refused, so that no reader, this one or one built on
 * a DOM (which would take the first element with the id), can be led to another payload than the
 * one its writer put there.
 */
function payloadText(text: string): string {
  const tags = scriptStartTags(text);
  const payload = tags.find((tag) => tag.payload);
  if (!payload) {
    throw new BundleError({ code: GENERATOR.test(text.slice(0, 4096)) ? 'bundle-truncated' : 'not-a-bundle' });
  }
  if (tags.length > 1) throw new BundleError({ code: 'bundle-extra-scripts', count: tags.length });
  const length = text.slice(payload.end).search(/<\/script/i);
  if (length < 0) throw new BundleError({ code: 'bundle-unterminated' });
  const after = text.slice(payload.end + length);
  if (after.length > MAX_AFTER_PAYLOAD || !PAYLOAD_END.test(after)) throw new BundleError({ code: 'bundle-payload-misplaced' });
  return text.slice(payload.end, payload.end + length);
}

function parsePayloadJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    throw new BundleError({ code: 'bundle-not-json' });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function decodeImages(entries: unknown): Promise<DecodedImage[]> {
  if (entries === undefined) return [];
  if (!Array.isArray(entries)) throw new BundleError({ code: 'images-not-list' });
  const images: DecodedImage[] = [];
  for (const entry of entries) {
    if (!isRecord(entry) || typeof entry.hash !== 'string' || typeof entry.type !== 'string' || typeof entry.data !== 'string') {
      throw new BundleError({ code: 'image-incomplete' });
    }
    if (!/^[0-9a-fA-F]{64}$/.test(entry.hash)) {
      throw new BundleError({ code: 'image-not-hashed' });
    }
    if (!BUNDLE_IMAGE_TYPES.has(entry.type)) {
      throw new BundleError({ code: 'image-type', type: entry.type.slice(0, 40) });
    }
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(entry.data);
    } catch {
      throw new BundleError({ code: 'image-not-base64', hash: entry.hash.slice(0, 12) });
    }
    const actual = await sha256Hex(bytes);
    if (actual !== entry.hash.toLowerCase()) {
      throw new BundleError({ code: 'image-hash-mismatch', hash: entry.hash.slice(0, 12) });
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
    throw new BundleError({ code: 'bundle-other-format' });
  }
  // A version that is no number at all is damage, not a format from the future.
  if (typeof payload.version !== 'number' || !Number.isSafeInteger(payload.version)) throw new BundleError({ code: 'bundle-no-version' });
  if (payload.version !== BUNDLE_VERSION) {
    throw new BundleError({ code: 'bundle-version', version: String(payload.version).slice(0, 20), supported: BUNDLE_VERSION });
  }
  if (!Array.isArray(payload.articles) || payload.articles.length === 0) {
    throw new BundleError({ code: 'bundle-empty' });
  }
  const articles: Article[] = payload.articles.map((entry, index) => parseArticle(entry, index));
  const images = await decodeImages(payload.images);
  // A link or a QR code carries text only; its articles' images are left out on purpose.
  const imagesOmitted = payload.imagesOmitted === true;
  const present = new Set(images.map((image) => image.hash));
  for (const article of articles) {
    const missing = imageHashesOf(article.content).find((hash) => !present.has(hash));
    if (missing && !imagesOmitted) {
      throw new BundleError({ code: 'image-missing', title: article.title, hash: missing.slice(0, 12) });
    }
  }
  const {
    format: _format,
    version: _version,
    articles: _articles,
    images: _images,
    imagesOmitted: _omitted,
    publishers: listed,
    ...extensions
  } = payload;
  // Anything but a list is ignored, as an unknown field would be: the articles do not depend on it.
  const publishers = Array.isArray(listed) ? listed.slice(0, MAX_BUNDLE_PUBLISHERS) : [];
  return { articles, images, imagesOmitted, publishers, extensions };
}

export { parsePayloadJson };

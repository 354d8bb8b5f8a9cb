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
/** How far from its start a file is searched for `GENERATOR`, in characters. */
const GENERATOR_WITHIN = 4096;

/**
 * A bundle is read from its bytes, and only its payload is decoded from UTF-8: decoding the whole
 * file (its readable copy of the articles too) took as long as reading it from disk. Everything
 * searched for here is ASCII, and in UTF-8 no byte of a longer character is an ASCII byte, so a
 * search of the bytes finds what a search of the decoded text would, and the text between two such
 * finds decodes to what the decoded text holds there (invalid bytes become U+FFFD either way).
 */
const utf8 = new TextDecoder();
const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
/** What may follow `<script` for it to start a script element: a space (as JavaScript's `\s` has it), `/` or `>`. */
const AFTER_SCRIPT_NAME = /^[\s/>]/;
/** The longest a UTF-8 character is, in bytes: what is decoded to see which character follows `<script`. */
const LONGEST_CHARACTER = 4;

/** Whether `bytes` spell `word` from `at`, ASCII letters in any case, as a case-insensitive regular expression matches. */
function spells(bytes: Uint8Array, at: number, word: string): boolean {
  if (at + word.length > bytes.length) return false;
  for (let offset = 0; offset < word.length; offset++) {
    const wanted = word.charCodeAt(offset);
    const byte = bytes[at + offset]!;
    const isLetter = wanted >= 0x61 && wanted <= 0x7a;
    if (isLetter ? (byte | 0x20) !== wanted : byte !== wanted) return false;
  }
  return true;
}

/** Where `<` followed by `word` (letters in any case) first is in `bytes` from `from`, or -1. */
function indexOfTag(bytes: Uint8Array, word: string, from: number): number {
  for (let at = bytes.indexOf(LESS_THAN, from); at >= 0; at = bytes.indexOf(LESS_THAN, at + 1)) {
    if (spells(bytes, at + 1, word)) return at;
  }
  return -1;
}

/** Whether the character that starts at `at` may follow `<script` in a start tag. */
function endsScriptName(bytes: Uint8Array, at: number): boolean {
  if (at >= bytes.length) return false;
  const byte = bytes[at]!;
  // An ASCII character needs no decoding (a file of a million tags costs a million decodings less).
  const character = byte < 0x80 ? String.fromCharCode(byte) : utf8.decode(bytes.subarray(at, at + LONGEST_CHARACTER));
  return AFTER_SCRIPT_NAME.test(character);
}

interface ScriptStartTag {
  /** Where `<script` starts, in bytes. */
  start: number;
  /** Just after the tag's `>`, in bytes. */
  end: number;
  payload: boolean;
}

/** The payload's id, as a browser matches ids: the attribute's name in any case, its value exactly. */
const PAYLOAD_ID = new RegExp(`(?:^|\\s)[iI][dD]\\s*=\\s*(["']?)${PAYLOAD_ELEMENT_ID}\\1(?=[\\s/>]|$)`);
/** How the file ends after the payload: its end tag, then at most the end tags of body and html. */
const PAYLOAD_END = /^<\/script\s*>\s*(?:<\/body\s*>\s*)?(?:<\/html\s*>\s*)?$/i;
/** More than this after the payload's end tag, in characters, is more than those end tags and their line breaks. */
const MAX_AFTER_PAYLOAD = 1024;
/** A UTF-8 character is at most 3 bytes per UTF-16 code unit (invalid bytes too, as U+FFFD). */
const MOST_BYTES_PER_CHARACTER = 3;

/**
 * Every `<script` start tag, where it begins and ends and whether it is the payload's, in one pass:
 * each is read to its first `>`, as a tokenizer would, and the search goes on after it, so that a
 * file of a million unclosed `<script` costs one scan, not a million.
 */
function scriptStartTags(bytes: Uint8Array): ScriptStartTag[] {
  const tags: ScriptStartTag[] = [];
  for (let at = indexOfTag(bytes, 'script', 0); at >= 0;) {
    if (!endsScriptName(bytes, at + 1 + 'script'.length)) {
      at = indexOfTag(bytes, 'script', at + 1);
      continue;
    }
    const close = bytes.indexOf(GREATER_THAN, at);
    if (close < 0) break;
    const attributes = utf8.decode(bytes.subarray(at + 1 + 'script'.length, close));
    tags.push({ start: at, end: close + 1, payload: PAYLOAD_ID.test(attributes) });
    at = indexOfTag(bytes, 'script', close + 1);
  }
  return tags;
}

function bytesOf(file: Uint8Array | string): Uint8Array {
  return typeof file === 'string' ? new TextEncoder().encode(file) : file;
}

function namesPamphlet(bytes: Uint8Array): boolean {
  // Enough bytes for GENERATOR_WITHIN characters after a byte order mark, whatever they are.
  const head = utf8.decode(bytes.subarray(0, (GENERATOR_WITHIN + 2) * MOST_BYTES_PER_CHARACTER));
  return GENERATOR.test(head.slice(0, GENERATOR_WITHIN));
}

/**
 * Whether a file (its bytes, UTF-8, or its text) is a Pamphlet bundle, as opposed to some other HTML page. A file
 * that names Pamphlet as its generator is one even if its payload was cut off, so that a truncated
 * bundle is refused as such rather than read as an ordinary page.
 */
export function isBundle(file: Uint8Array | string): boolean {
  const bytes = bytesOf(file);
  return namesPamphlet(bytes) || scriptStartTags(bytes).some((tag) => tag.payload);
}

/** Whether what is left from `endTag` is the payload's end tag, then at most those of body and html. */
function endsFile(bytes: Uint8Array, endTag: number): boolean {
  // Bytes for more characters than may follow are too many, without decoding them.
  if (bytes.length - endTag > (MAX_AFTER_PAYLOAD + 1) * MOST_BYTES_PER_CHARACTER) return false;
  const after = utf8.decode(bytes.subarray(endTag));
  return after.length <= MAX_AFTER_PAYLOAD && PAYLOAD_END.test(after);
}

/**
 * The payload element's text. A bundle holds one script element, its payload, last in <body>:
 * what follows its end tag is at most `</body>` and `</html>`. A file with any other script
 * element (an article that smuggled a payload of its own into a file an older version wrote, or
 * an edit) or with its payload elsewhere is refused, so that no reader, this one or one built on
 * a DOM (which would take the first element with the id), can be led to another payload than the
 * one its writer put there.
 */
function payloadText(bytes: Uint8Array): string {
  const tags = scriptStartTags(bytes);
  const payload = tags.find((tag) => tag.payload);
  if (!payload) throw new BundleError({ code: namesPamphlet(bytes) ? 'bundle-truncated' : 'not-a-bundle' });
  if (tags.length > 1) throw new BundleError({ code: 'bundle-extra-scripts', count: tags.length });
  const endTag = indexOfTag(bytes, '/script', payload.end);
  if (endTag < 0) throw new BundleError({ code: 'bundle-unterminated' });
  if (!endsFile(bytes, endTag)) throw new BundleError({ code: 'bundle-payload-misplaced' });
  return utf8.decode(bytes.subarray(payload.end, endTag));
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
 * Reads a bundle file's payload (from its bytes, UTF-8, or its text): format and version checked, images checked against their
 * hashes, every article's shape checked, every image an article refers to present.
 * Signatures are checked by the caller, which knows which keys it trusts.
 * Throws `BundleError` with a reason for the reader.
 */
export async function decodeBundle(file: Uint8Array | string): Promise<DecodedBundle> {
  return decodePayload(parsePayloadJson(payloadText(bytesOf(file))));
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

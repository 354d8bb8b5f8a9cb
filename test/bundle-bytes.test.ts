import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BundleError, PAYLOAD_ELEMENT_ID } from '../src/shared/bundle/bundle-format.ts';
import { decodeBundle, decodePayload, isBundle, parsePayloadJson } from '../src/shared/bundle/decode-bundle.ts';
import { encodeBundle } from '../src/shared/bundle/encode-bundle.ts';
import { numberedArticle } from './helpers/numbered-article.ts';

/*
 * A bundle is read from its bytes, and only its payload is decoded (src/shared/bundle/decode-bundle.ts).
 * The reference below is how it was read before: the whole file decoded, then searched as text.
 * Over files made to trip a byte search (tags in any case, characters of every UTF-8 length and
 * invalid bytes next to what is searched for, spaces JavaScript's `\s` has beyond ASCII, a byte
 * order mark), both must find the same payload, or refuse for the same reason.
 */

const GENERATOR = /<meta\s+name=["']?generator["']?\s+content=["']?Pamphlet\b/i;
const SCRIPT_TAG_START = /<script(?=[\s/>])/gi;
const PAYLOAD_ID = new RegExp(`(?:^|\\s)[iI][dD]\\s*=\\s*(["']?)${PAYLOAD_ELEMENT_ID}\\1(?=[\\s/>]|$)`);
const PAYLOAD_END = /^<\/script\s*>\s*(?:<\/body\s*>\s*)?(?:<\/html\s*>\s*)?$/i;

function referenceTags(text: string): Array<{ end: number; payload: boolean }> {
  const tags: Array<{ end: number; payload: boolean }> = [];
  SCRIPT_TAG_START.lastIndex = 0;
  for (let match = SCRIPT_TAG_START.exec(text); match; match = SCRIPT_TAG_START.exec(text)) {
    const close = text.indexOf('>', match.index);
    if (close < 0) break;
    tags.push({ end: close + 1, payload: PAYLOAD_ID.test(text.slice(match.index + 7, close)) });
    SCRIPT_TAG_START.lastIndex = close + 1;
  }
  return tags;
}

function referenceIsBundle(text: string): boolean {
  return GENERATOR.test(text.slice(0, 4096)) || referenceTags(text).some((tag) => tag.payload);
}

function referencePayload(text: string): string {
  const tags = referenceTags(text);
  const payload = tags.find((tag) => tag.payload);
  if (!payload) throw new BundleError({ code: GENERATOR.test(text.slice(0, 4096)) ? 'bundle-truncated' : 'not-a-bundle' });
  if (tags.length > 1) throw new BundleError({ code: 'bundle-extra-scripts', count: tags.length });
  const length = text.slice(payload.end).search(/<\/script/i);
  if (length < 0) throw new BundleError({ code: 'bundle-unterminated' });
  const after = text.slice(payload.end + length);
  if (after.length > 1024 || !PAYLOAD_END.test(after)) throw new BundleError({ code: 'bundle-payload-misplaced' });
  return text.slice(payload.end, payload.end + length);
}

/** What reading gives: the articles' titles, or the reason it refused. */
async function outcome(read: () => Promise<{ articles: Array<{ title: string }> }>): Promise<string> {
  try {
    return `read: ${(await read()).articles.map((article) => article.title).join(' | ')}`;
  } catch (error) {
    assert.ok(error instanceof BundleError, `expected a BundleError, got ${String(error)}`);
    return `refused: ${error.message}`;
  }
}

const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text);

/** Pieces to put in a file: near-misses and hits of everything the reader searches for. */
const PIECES: Uint8Array[] = [
  ...[
    '<script>',
    '<SCRIPT>',
    '<ScRiPt type="x">',
    '<script',
    '<script\u00a0id=x>',
    '<script\u2028>',
    '<script\ufeff>',
    '<script/>',
    '<scripts>',
    '<scrip>',
    '< script>',
    '</script>',
    '</SCRIPT >',
    '</scr',
    '<\u000fscript>',
    '</body>',
    '</html>\n',
    `<script id=${PAYLOAD_ELEMENT_ID}>`,
    `<script ID="${PAYLOAD_ELEMENT_ID}" type="application/json">`,
    `<script id='${PAYLOAD_ELEMENT_ID}x'>`,
    '<meta name="generator" content="Pamphlet 1">',
    ' ',
    '\n',
    '>',
    '<',
    'é',
    '€',
    '𝄞',
    'ſcript',
    'K',
    '\u00a0',
    'plain words ',
  ].map(utf8),
  // Invalid UTF-8: a lone continuation byte, a cut two-, three- and four-byte character, an overlong '<'.
  new Uint8Array([0x80]),
  new Uint8Array([0xc3]),
  new Uint8Array([0xe2, 0x82]),
  new Uint8Array([0xf0, 0x9d, 0x84]),
  new Uint8Array([0xc0, 0xbc]),
  new Uint8Array([0xff]),
];

/** A small seeded generator, so that a failure names the file it failed on. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function joined(parts: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** A file made from a real bundle, cut in three (before its payload, the payload, what follows), with pieces put in between. */
function fileFrom(bundle: Uint8Array, next: () => number): Uint8Array {
  const payloadAt = Buffer.from(bundle).indexOf('<script');
  const payloadEnd = Buffer.from(bundle).lastIndexOf('</script>');
  const cuts = [0, Math.floor(next() * payloadAt), payloadAt, payloadEnd, bundle.length];
  const parts: Uint8Array[] = [];
  if (next() < 0.1) parts.push(new Uint8Array([0xef, 0xbb, 0xbf]));
  // Characters of three bytes first, so that what is within the first 4096 characters is not within the first 4096 bytes.
  if (next() < 0.2)
    parts.push(utf8(`${'€'.repeat(Math.floor(next() * 4200))}${next() < 0.5 ? '<meta name="generator" content="Pamphlet">' : ''}`));
  for (let at = 0; at < cuts.length - 1; at++) {
    parts.push(bundle.subarray(cuts[at], cuts[at + 1]));
    const count = next() < 0.5 ? 0 : Math.floor(next() * 4);
    for (let piece = 0; piece < count; piece++) parts.push(PIECES[Math.floor(next() * PIECES.length)]!);
  }
  // Now and then, a file cut short, or with a long tail.
  if (next() < 0.15) {
    const whole = joined(parts);
    return whole.subarray(0, Math.floor(next() * whole.length));
  }
  if (next() < 0.05) parts.push(utf8(' '.repeat(1000 + Math.floor(next() * 100))));
  if (next() < 0.05) parts.push(utf8('€'.repeat(300 + Math.floor(next() * 100))));
  // Spaces of three bytes after the end tags, up to either side of the 1,024 characters that may follow the payload.
  if (next() < 0.1) parts.push(utf8('\u3000'.repeat(990 + Math.floor(next() * 60))));
  return joined(parts);
}

test('a bundle read from its bytes finds the payload, or refuses, as the whole decoded text did', async () => {
  const bundle = utf8(encodeBundle([numberedArticle(1), { ...numberedArticle(2), title: 'Ünïcödé 𝄞 €' }], []));
  const next = random(19);
  const seen = new Set<string>();
  for (let file = 0; file < 3000; file++) {
    const bytes = fileFrom(bundle, next);
    const text = new TextDecoder().decode(bytes);
    const context = `file ${file}: ${JSON.stringify(text.slice(0, 80))} … ${JSON.stringify(text.slice(-120))}`;
    assert.equal(isBundle(bytes), referenceIsBundle(text), context);
    const [fromBytes, fromText] = await Promise.all([
      outcome(() => decodeBundle(bytes)),
      outcome(() => decodePayload(parsePayloadJson(referencePayload(text)))),
    ]);
    assert.equal(fromBytes, fromText, context);
    seen.add(fromText.slice(0, 90));
  }
  // The files reached every way of reading and of refusing, or the comparison proves little.
  for (const reason of [
    'read: ',
    'holds no bundle data',
    'data is missing',
    'does not end',
    'script elements',
    'not where the format puts it',
    'not valid JSON',
  ])
    assert.ok(
      [...seen].some((what) => what.includes(reason)),
      `no file was ${reason}: ${[...seen].join('; ')}`,
    );
});

test('the same file given as text or as bytes reads the same', async () => {
  const text = encodeBundle([{ ...numberedArticle(3), title: 'Заголовок 𝄞' }], []);
  assert.deepEqual(await decodeBundle(text), await decodeBundle(utf8(text)));
  assert.ok(isBundle(text) && isBundle(utf8(text)));
});

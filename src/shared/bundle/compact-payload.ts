import type { Article } from '../article.ts';
import { base64UrlToBytes, bytesToBase64, bytesToBase64Url } from '../base64.ts';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BundleError, type BundlePayload, type DecodedBundle, type DecodedImage } from './bundle-format.ts';
import { decodePayload, parsePayloadJson } from './decode-bundle.ts';
import type { SourceDescriptor } from '../edition/edition-format.ts';
import { SINGLE_CODE_CAPACITY } from '../qr/qr-capacity.ts';
import { readAtMost } from '../read-at-most.ts';

/**
 * The compact form of a bundle for links and QR codes: the same JSON payload, text only
 * (`imagesOmitted`), compressed with deflate-raw. In a link it is base64url in the URL fragment,
 * which browsers never send to a server: `https://<app>/#bundle=<base64url>`.
 */
export const LINK_FRAGMENT_KEY = 'bundle';

/** More than any text-only article needs; a payload that inflates past it is refused, not held. */
export const MAX_INFLATED_BYTES = 8 * 1024 * 1024;

/** `bytes` through a (de)compression stream: undefined once the output passes `limit`. */
export function streamedAtMost(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit = Infinity,
): Promise<Uint8Array | undefined> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  void writer.close().catch(() => undefined);
  return readAtMost(stream.readable, limit);
}

async function pipeThrough(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const out = await streamedAtMost(bytes, stream, limit);
  if (!out) throw new BundleError({ code: 'link-too-large', megabytes: limit / 1024 / 1024 });
  return out;
}

/** deflate-raw, as links and QR codes carry it. */
export function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  return pipeThrough(bytes, new CompressionStream('deflate-raw'));
}

/** Inflates deflate-raw data, refusing (with a BundleError) to grow past `limit` bytes. */
export function inflateRaw(bytes: Uint8Array, limit = MAX_INFLATED_BYTES): Promise<Uint8Array> {
  return pipeThrough(bytes, new DecompressionStream('deflate-raw'), limit);
}

/**
 * The compressed payload of `articles`: text only (the default, so that an article fits a link or
 * one QR code), or with the images they use when the sender asks for them; with the publishers'
 * descriptors when given.
 */
export async function compactPayload(
  articles: readonly Article[],
  images?: readonly DecodedImage[],
  publishers: readonly SourceDescriptor[] = [],
): Promise<Uint8Array> {
  return deflateRaw(compactPayloadBytes(articles, images, publishers));
}

/** The payload compactPayload compresses, for a caller that compresses it its own way (harder, say). */
export function compactPayloadBytes(
  articles: readonly Article[],
  images?: readonly DecodedImage[],
  publishers: readonly SourceDescriptor[] = [],
): Uint8Array {
  const payload: BundlePayload = images
    ? {
        format: BUNDLE_FORMAT,
        version: BUNDLE_VERSION,
        articles: [...articles],
        images: images.map((image) => ({ hash: image.hash, type: image.type, data: bytesToBase64(image.bytes) })),
      }
    : { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, articles: [...articles], images: [], imagesOmitted: true };
  if (publishers.length > 0) payload.publishers = [...publishers];
  return new TextEncoder().encode(JSON.stringify(payload));
}

/**
 * The compact payload to share: with the publishers' descriptors (the way home) unless they alone
 * would push it past one QR code. One code to scan matters more than the descriptors, which the
 * bundle file always carries.
 */
export async function sharedPayload(
  articles: readonly Article[],
  images: readonly DecodedImage[] | undefined,
  publishers: readonly SourceDescriptor[],
): Promise<Uint8Array> {
  const withPublishers = await compactPayload(articles, images, publishers);
  if (publishers.length === 0 || withPublishers.length <= SINGLE_CODE_CAPACITY) return withPublishers;
  const without = await compactPayload(articles, images);
  return without.length <= SINGLE_CODE_CAPACITY ? without : withPublishers;
}

/**
 * Reads a compressed payload back; throws `BundleError` with a reason. `limit`: the most it may
 * inflate to (a Nearby bundle, images and all, may hold more than a link).
 */
export async function decodeCompactPayload(bytes: Uint8Array, limit = MAX_INFLATED_BYTES): Promise<DecodedBundle> {
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(await inflateRaw(bytes, limit));
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError({ code: 'link-damaged' });
  }
  return decodePayload(parsePayloadJson(json));
}

/**
 * The longest link Pamphlet offers to copy. Browsers take far longer ones, but messengers and
 * SMS cut or refuse them; past this the file or the QR codes are the way.
 */
export const MAX_LINK_LENGTH = 16_000;

export function linkFor(appUrl: string, payload: Uint8Array): string {
  const base = appUrl.replace(/[#?].*$/, '');
  return `${base}#${LINK_FRAGMENT_KEY}=${bytesToBase64Url(payload)}`;
}

/** The compressed payload in a link (or bare fragment), or undefined when the text holds none. */
export function payloadOfLink(text: string): Uint8Array | undefined {
  const match = new RegExp(`#${LINK_FRAGMENT_KEY}=([A-Za-z0-9_-]+)`).exec(text.trim());
  if (!match) return undefined;
  try {
    return base64UrlToBytes(match[1]!);
  } catch {
    throw new BundleError({ code: 'link-not-base64url' });
  }
}

import type { Article } from '../article.ts';
import type { DecodedBundle, DecodedImage } from '../bundle/bundle-format.ts';
import { compactPayload, decodeCompactPayload } from '../bundle/compact-payload.ts';

/**
 * The first byte of every bundle on a Nearby channel: how the rest is written. 2: the compact
 * payload links use (the bundle's JSON, deflate-raw), with the images. Protocol 1 sent the bundle
 * file itself, whose images are base64 twice over, some 2.5 times their bytes; compressed, an
 * image costs about its own size. A receiver that meets another first byte stops and says that
 * the phones run different versions, rather than read what it does not know.
 */
export const NEARBY_BUNDLE_FORMAT = 2;

/** One article (or several) as the bytes a `bundle` message announces. */
export async function encodeNearbyBundle(articles: readonly Article[], images: readonly DecodedImage[]): Promise<Uint8Array> {
  const payload = await compactPayload(articles, images);
  const bytes = new Uint8Array(payload.length + 1);
  bytes[0] = NEARBY_BUNDLE_FORMAT;
  bytes.set(payload, 1);
  return bytes;
}

/** Whether bytes that begin a bundle are written in the form this version reads. */
export function isNearbyBundleFormat(firstBytes: Uint8Array): boolean {
  return firstBytes[0] === NEARBY_BUNDLE_FORMAT;
}

/**
 * Reads a whole bundle that came over the channel, with the checks every bundle gets (shapes,
 * image hashes; signatures are the importer's). Throws `BundleError` with a reason, also when it
 * inflates past `limit` bytes.
 */
export function decodeNearbyBundle(bytes: Uint8Array, limit: number): Promise<DecodedBundle> {
  return decodeCompactPayload(bytes.subarray(1), limit);
}

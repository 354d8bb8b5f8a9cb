import { BundleError, type DecodedBundle } from '../bundle/bundle-format.ts';
import { MAX_INFLATED_BYTES } from '../bundle/compact-payload.ts';
import { decodePayload, parsePayloadJson } from '../bundle/decode-bundle.ts';

/**
 * One block of an edition's pack, opened: Brotli-compressed payload JSON (docs/bundle-format.md,
 * section 8.1). The decoder is script (browsers decode Brotli only as an HTTP content encoding,
 * which static hosts do not put on a file), loaded only when a pack is read. It writes into a
 * buffer of `limit` bytes and throws past it, so a block that would inflate without end is
 * refused, not held.
 */
export async function decodePackBlock(bytes: Uint8Array, limit = MAX_INFLATED_BYTES): Promise<DecodedBundle> {
  const { decompress } = await import('brotli/decompress');
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(decompress(bytes, limit));
  } catch {
    throw new BundleError({ code: 'link-damaged' });
  }
  return decodePayload(parsePayloadJson(json));
}

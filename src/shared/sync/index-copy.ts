import { streamedAtMost } from '../bundle/compact-payload.ts';

/**
 * The index's JSON from what a mirror served for its gzipped copy (INDEX_COPY_FILE): inflated, or
 * as it came when the host had already undone the gzip (one that labels `.gz` files
 * `Content-Encoding: gzip`, which the browser decodes on the way in). Undefined for anything else:
 * a host that answers every path with its home page, a copy cut short, one past `limit`.
 */
export async function indexJsonOfCopy(bytes: Uint8Array, limit: number): Promise<Uint8Array | undefined> {
  // Gzip's first two bytes (RFC 1952).
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return await streamedAtMost(bytes, new DecompressionStream('gzip'), limit);
    } catch {
      return undefined;
    }
  }
  const first = bytes.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
  return first === 0x7b /* { */ ? bytes : undefined;
}

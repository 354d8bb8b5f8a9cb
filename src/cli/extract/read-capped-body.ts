import type { IncomingMessage } from 'node:http';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

function decoded(response: IncomingMessage): Readable {
  const decoder =
    DECODERS[
      String(response.headers['content-encoding'] ?? '')
        .trim()
        .toLowerCase()
    ];
  // Errors reach the reader through the returned stream, which the pipeline destroys with them.
  return decoder ? pipeline(response, decoder(), () => undefined) : response;
}

/**
 * A response's body, decompressed, or undefined once it passes `limit` bytes (decompressed:
 * a small compressed body can be a huge one), whatever its content-length said. Then the
 * connection is closed at once, so that the rest is neither received nor kept.
 */
export async function readCappedBody(response: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  if (Number(response.headers['content-length'] ?? 0) > limit) {
    response.destroy();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early destroys the stream, and with it the response and its socket.
  for await (const chunk of decoded(response) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks, size));
}

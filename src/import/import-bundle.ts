import { decodeBundle } from '../shared/bundle/decode-bundle.ts';
import type { StoredImage } from '../shared/db-schema.ts';
import { saveArticles, type SaveOutcome } from '../browser/storage/articles.ts';

/**
 * Decodes a bundle and stores what it holds in one transaction. Every way in (a file, a link,
 * the share sheet, the built-in sample) ends here. Throws `BundleError` with a reason.
 */
export async function importBundle(text: string): Promise<SaveOutcome[]> {
  const { articles, images } = await decodeBundle(text);
  // Blobs are made before the transaction opens: nothing but IndexedDB may be awaited inside it.
  const storedImages: StoredImage[] = images.map((image) => ({
    hash: image.hash,
    type: image.type,
    blob: new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.type }),
  }));
  return saveArticles(articles, storedImages);
}

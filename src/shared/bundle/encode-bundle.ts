import type { Article } from '../article.ts';
import { bytesToBase64 } from '../base64.ts';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  PAYLOAD_ELEMENT_ID,
  type BundleImage,
  type BundlePayload,
  type DecodedImage,
} from './bundle-format.ts';
import { bundleDocument } from './bundle-view.ts';

/**
 * JSON that can sit inside a <script> element: with every `<` escaped, no `</script` or `<!--`
 * can end the element early, whatever the articles say.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * One self-contained HTML bundle holding `articles` and the images they refer to. `extensions` go
 * into the payload beside them (a library backup's sources, keys and settings); readers that do not
 * know them ignore them, as the format asks.
 */
export function encodeBundle(articles: readonly Article[], images: readonly DecodedImage[], extensions: Record<string, unknown> = {}): string {
  const bundleImages: BundleImage[] = images.map((image) => ({
    hash: image.hash,
    type: image.type,
    data: bytesToBase64(image.bytes),
  }));
  const payload: BundlePayload = {
    ...extensions,
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    articles: [...articles],
    images: bundleImages,
  };
  const payloadElement = `<script type="application/json" id="${PAYLOAD_ELEMENT_ID}">${scriptSafeJson(payload)}</script>`;
  return bundleDocument(articles, bundleImages, payloadElement);
}

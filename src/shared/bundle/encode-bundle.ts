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
import type { SourceDescriptor } from '../edition/edition-format.ts';
import { bundleDocument } from './bundle-view.ts';

export interface EncodeOptions {
  /** The publishers' signed descriptors, carried in the payload and shown as links without the app. */
  publishers?: readonly SourceDescriptor[];
  /** Payload fields beside the format's own (a library backup's sources, keys and settings). */
  extensions?: Record<string, unknown>;
}

/**
 * JSON that can sit inside a <script> element: with every `<` escaped, no `</script` or `<!--`
 * can end the element early, whatever the articles say.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * One self-contained HTML bundle holding `articles` and the images they refer to. `extensions` go
 * into the payload beside them; readers that do not know them ignore them, as the format asks.
 */
export function encodeBundle(
  articles: readonly Article[],
  images: readonly DecodedImage[],
  { publishers = [], extensions = {} }: EncodeOptions = {},
): string {
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
    ...(publishers.length > 0 ? { publishers: [...publishers] } : {}),
  };
  const payloadElement = `<script type="application/json" id="${PAYLOAD_ELEMENT_ID}">${scriptSafeJson(payload)}</script>`;
  return bundleDocument(articles, bundleImages, payloadElement, publishers);
}

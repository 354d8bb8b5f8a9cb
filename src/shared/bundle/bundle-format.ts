import type { Article } from '../article.ts';
import type { SourceDescriptor } from '../edition/edition-format.ts';
import { ReaderError, type Note } from '../note.ts';

/** The format name every bundle payload carries; see docs/bundle-format.md. */
export const BUNDLE_FORMAT = 'pamphlet-bundle';
/** The major version this code writes and reads. A reader refuses any other major version. */
export const BUNDLE_VERSION = 1;
/** The id of the `<script type="application/json">` element that holds the payload. */
export const PAYLOAD_ELEMENT_ID = 'pamphlet-bundle';

/**
 * The image types a bundle may carry: raster formats only. SVG is left out on purpose: it is a
 * document that can hold script, and an image opened on its own (as a blob: URL) would run it.
 */
export const BUNDLE_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

/** An image as a bundle carries it: the bytes, base64-encoded, under their SHA-256. */
export interface BundleImage {
  hash: string;
  type: string;
  data: string;
}

export interface BundlePayload {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  articles: Article[];
  images: BundleImage[];
  /** Set by the compact (link and QR) form, which carries text only. */
  imagesOmitted?: true;
  /**
   * The signed source descriptors of the articles' publishers (optional, format version 1): the
   * way home for a reader who got one article from a friend. Readers check each on its own and
   * ignore those that do not verify; a bad one never costs the articles.
   */
  publishers?: SourceDescriptor[];
}

/** An image decoded from a bundle, its hash checked against its bytes. */
export interface DecodedImage {
  hash: string;
  type: string;
  bytes: Uint8Array;
}

export interface DecodedBundle {
  articles: Article[];
  images: DecodedImage[];
  /** The articles' images were left out on purpose (a link or QR code); they are not missing. */
  imagesOmitted: boolean;
  /** The payload's `publishers`, unchecked (`readBundlePublishers` checks them); [] when absent. */
  publishers: unknown[];
  /** Payload fields beyond the format's own (a library backup's, say), unchecked, for who needs them. */
  extensions: Record<string, unknown>;
}

/** A bundle that cannot be read, with a reason meant for the reader. */
export class BundleError extends ReaderError {
  constructor(reason: Note | string) {
    super(reason);
    this.name = 'BundleError';
  }
}

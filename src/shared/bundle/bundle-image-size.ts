/**
 * How an image is made ready for a bundle, by the publisher's command (sharp) and by the app (a
 * canvas) alike: no wider than this, re-encoded as WebP at this quality.
 */

/** Wide enough for a phone held sideways or a laptop's reading column, and no wider. */
export const READING_WIDTH = 1280;

/** Out of 100. */
export const WEBP_QUALITY = 78;

import type { DecodedImage } from '../../shared/bundle/bundle-format.ts';
import { prepareArticleHtml } from '../../node-dom/prepare-article-html.ts';
import type { ArchivedFile } from '../../node-dom/read-archive.ts';
import type { FetchPolicy } from './fetch-resource.ts';
import { bundleImage } from './images.ts';

export interface PrepareOptions extends FetchPolicy {
  /** Keep images (downscaled, WebP, inlined by hash); without, every image is left out. */
  images: boolean;
  /**
   * The files of the archive the page was saved in (MHTML), by address: its images come from
   * there and nowhere else, never from the web.
   */
  archived?: (address: string) => ArchivedFile | undefined;
  warn: (message: string) => void;
}

/**
 * Article HTML made ready to sign (src/node-dom does the DOM's part), with every image the bundle
 * can carry inlined by hash; an image that cannot be carried is left out with a warning.
 */
export async function prepareContent(
  html: string,
  base: string,
  options: PrepareOptions,
): Promise<{ content: string; images: DecodedImage[] }> {
  const images = new Map<string, DecodedImage>();
  const content = await prepareArticleHtml(html, base, async (source) => {
    if (!options.images) return undefined;
    try {
      const image = await bundleImage(source, base, options);
      images.set(image.hash, image);
      return `sha256:${image.hash}`;
    } catch (error) {
      options.warn(`left out image ${source.slice(0, 100)}: ${(error as Error).message}`);
      return undefined;
    }
  });
  return { content, images: [...images.values()] };
}

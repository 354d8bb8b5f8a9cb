import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import type { DecodedImage } from '../../shared/bundle/bundle-format.ts';
import { ARTICLE_PURIFY_CONFIG } from '../../shared/html/article-allowlist.ts';
import { defangHtml } from '../../shared/html/defang-html.ts';
import type { FetchPolicy } from './fetch-resource.ts';
import { bundleImage } from './images.ts';

export interface PrepareOptions extends FetchPolicy {
  /** Keep images (downscaled, WebP, inlined by hash); without, every image is left out. */
  images: boolean;
  warn: (message: string) => void;
}

/**
 * DOMPurify, with the same allowlist as the app's, on the window the article was prepared in.
 * Not on one window kept for every article: jsdom ties each document made in a window (DOMPurify
 * makes one per call) to that window by event listeners it never removes, so a shared window
 * grew with every article and each sanitize got slower (8,000 took minutes, not seconds). jsdom
 * 29 makes those listeners only when a document is queried (https://github.com/jsdom/jsdom/pull/4101).
 */
function purify(html: string, window: Window): string {
  return createDOMPurify(window as Window & typeof globalThis).sanitize(defangHtml(html).html, ARTICLE_PURIFY_CONFIG);
}

/** An image's real address: lazy-loading pages keep it in `data-src` and show a placeholder. */
function sourceOf(img: HTMLImageElement): string | undefined {
  const candidates = [img.getAttribute('data-src'), img.getAttribute('data-original'), img.getAttribute('src')];
  return candidates.find((value) => value && !/^data:image\/(gif|svg)/.test(value) && value.trim() !== '')?.trim();
}

/**
 * Article HTML made ready to sign: every image the bundle can carry inlined by hash, every other
 * resource dropped (nothing in a bundle may point a reader's device at a server), then sanitized.
 */
export async function prepareContent(
  html: string,
  base: string,
  options: PrepareOptions,
): Promise<{ content: string; images: DecodedImage[] }> {
  // Images first, from the HTML as Readability left it (with file: addresses for a page's own
  // folder, which the first pass would rightly drop); jsdom runs no script and loads nothing.
  const { window } = new JSDOM(`<!doctype html><body>${html}`, { url: base });
  const { document } = window;
  const images = new Map<string, DecodedImage>();
  document.querySelectorAll('picture source, video, audio, iframe, object, embed').forEach((element) => element.remove());
  for (const img of [...document.querySelectorAll('img')]) {
    const source = sourceOf(img);
    for (const attribute of ['srcset', 'sizes', 'data-src', 'data-srcset', 'data-original', 'loading']) img.removeAttribute(attribute);
    if (!options.images || !source) {
      img.remove();
      continue;
    }
    try {
      const image = await bundleImage(source, base, options);
      images.set(image.hash, image);
      img.setAttribute('src', `sha256:${image.hash}`);
    } catch (error) {
      options.warn(`left out image ${source.slice(0, 100)}: ${(error as Error).message}`);
      img.remove();
    }
  }
  return { content: purify(document.body.innerHTML, window as unknown as Window), images: [...images.values()] };
}

import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { ARTICLE_PURIFY_CONFIG } from '../shared/html/article-allowlist.ts';
import { defangHtml } from '../shared/html/defang-html.ts';

/**
 * Where an image ends up: the address to keep in its `src` (an inlined image's `sha256:` name), or
 * undefined to leave the image out. Given the image's real address as the page wrote it.
 */
export type ImageAddress = (source: string) => Promise<string | undefined>;

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
 * Article HTML made ready to sign: each image pointed where `imageAddress` says or left out, every
 * other resource dropped (nothing in a bundle may point a reader's device at a server), then
 * sanitized.
 */
export async function prepareArticleHtml(html: string, base: string, imageAddress: ImageAddress): Promise<string> {
  // Images first, from the HTML as Readability left it (with file: addresses for a page's own
  // folder, which the first pass would rightly drop); jsdom runs no script and loads nothing.
  const { window } = new JSDOM(`<!doctype html><body>${html}`, { url: base });
  const { document } = window;
  document.querySelectorAll('picture source, video, audio, iframe, object, embed').forEach((element) => element.remove());
  for (const img of [...document.querySelectorAll('img')]) {
    const source = sourceOf(img);
    for (const attribute of ['srcset', 'sizes', 'data-src', 'data-srcset', 'data-original', 'loading']) img.removeAttribute(attribute);
    const address = source ? await imageAddress(source) : undefined;
    if (address) img.setAttribute('src', address);
    else img.remove();
  }
  return purify(document.body.innerHTML, window as unknown as Window);
}

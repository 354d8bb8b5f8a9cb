import { JSDOM } from 'jsdom';
import { pointImagesAtSavedFiles } from '../dom/point-images.ts';
import { readArticle, type ReadArticle } from '../dom/read-article.ts';
import { defangHtml } from '../shared/html/defang-html.ts';

/**
 * Readability's article out of a web page's HTML, on jsdom, the DOM Readability's own tests use,
 * after the app's first pass, so that the command and the app make the same article. Undefined
 * when the page holds no readable text. A page saved with its files (an MHTML archive) has its
 * images pointed at them first, as the app does (`saved` says whether an address is one).
 */
export function readPage(html: string, base: string, saved?: (address: string) => boolean): ReadArticle | undefined {
  const { document } = new JSDOM(defangHtml(html, { forReading: true }).html, { url: base }).window;
  if (saved) pointImagesAtSavedFiles(document, base, saved);
  return readArticle(document, base);
}

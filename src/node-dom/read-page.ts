import { JSDOM } from 'jsdom';
import { readArticle, type ReadArticle } from '../dom/read-article.ts';
import { defangHtml } from '../shared/html/defang-html.ts';

/**
 * Readability's article out of a web page's HTML, on jsdom, the DOM Readability's own tests use,
 * after the app's first pass, so that the command and the app make the same article. Undefined
 * when the page holds no readable text.
 */
export function readPage(html: string, base: string): ReadArticle | undefined {
  const { document } = new JSDOM(defangHtml(html, { forReading: true }).html, { url: base }).window;
  return readArticle(document, base);
}
